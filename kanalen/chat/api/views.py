from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kanalen.chat import selectors, services
from kanalen.chat.api.serializers import ChatBerichtSerializer, ChatSerializer
from kcc.api.permissions import IsStaffMember


class CanChat(permissions.BasePermission):
    message = "U mag geen chats zien (kanalen.view_chat)."

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("kanalen.view_chat") and hasattr(request.user, "medewerker")


class ChatViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Live chats: the queue, their lines, and answering as the signed-in medewerker."""

    serializer_class = ChatSerializer
    lookup_field = "uuid"
    permission_classes = [IsStaffMember, CanChat]
    filterset_fields = {"status": ["exact"]}

    def get_queryset(self):
        return selectors.chat_list().order_by("-gestart_op", "-id")

    @extend_schema(
        request=ChatBerichtSerializer,
        responses={200: ChatBerichtSerializer(many=True), 201: ChatBerichtSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def berichten(self, request, uuid=None):
        """GET: every line of the chat, oldest first (not paginated). POST: an answer
        from me (the chat must be mine); it is stored and pushed to the customer's stream."""
        chat = self.get_object()
        if request.method == "GET":
            # One conversation is short: all its lines at once, unpaginated.
            berichten = selectors.chatbericht_list(chat=chat)
            return Response(ChatBerichtSerializer(berichten, many=True).data)
        if not request.user.has_perm("kanalen.change_chat"):
            self.permission_denied(request, message="U mag niet chatten (kanalen.change_chat).")
        serializer = ChatBerichtSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            bericht = services.chat_message_post(
                chat=chat,
                tekst=serializer.validated_data["tekst"],
                medewerker=request.user.medewerker,
            )
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return Response(ChatBerichtSerializer(bericht).data, status=status.HTTP_201_CREATED)
