from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kanalen.balie import selectors, services
from kanalen.balie.api.serializers import AfrondenSerializer, DoorzettenSerializer, TicketSerializer
from kcc import authz
from kcc.api.idempotency import IdempotentCreateMixin


class AtTheCounter(permissions.BasePermission):
    """The desk's actions act for the signed-in medewerker: an account without one
    (a superuser) cannot sit at a balie."""

    message = "Alleen een medewerker kan balieklanten helpen."

    def has_permission(self, request, view) -> bool:
        return hasattr(request.user, "medewerker")


def _error(exc: ValidationError) -> Response:
    body = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class TicketViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Counter tickets. A ticket is created for a productgroep (as the kiosk does); the
    actions are those of the desk and act for the signed-in medewerker at his desk."""

    serializer_class = TicketSerializer
    lookup_field = "uuid"
    permission_classes = [authz.Policy, AtTheCounter]
    authz_object = "ticket"
    filterset_fields = {"status": ["exact"], "datum": ["exact"], "locatie__slug": ["exact"]}

    def get_queryset(self):
        return selectors.ticket_list()

    def perform_create(self, serializer):
        try:
            serializer.instance = services.ticket_create(
                productgroep=serializer.validated_data["productgroep"]
            )
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc

    def _act(self, service, **kwargs) -> Response:
        try:
            ticket = service(
                ticket=self.get_object(), medewerker=self.request.user.medewerker, **kwargs
            )
        except ValidationError as exc:
            return _error(exc)
        return Response(TicketSerializer(ticket).data)

    @extend_schema(
        request=None,
        responses={200: TicketSerializer, 204: OpenApiResponse(description="Niemand wacht")},
    )
    @action(detail=False, methods=["post"])
    def volgende(self, request):
        """Call the next customer to my desk."""
        try:
            ticket = services.ticket_call_next(medewerker=request.user.medewerker)
        except ValidationError as exc:
            return _error(exc)
        if ticket is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(TicketSerializer(ticket).data)

    @extend_schema(request=None, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], url_path="opnieuw-oproepen")
    def opnieuw_oproepen(self, request, uuid=None):
        return self._act(services.ticket_recall)

    @extend_schema(request=None, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, uuid=None):
        return self._act(services.ticket_no_show)

    @extend_schema(request=DoorzettenSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"])
    def doorzetten(self, request, uuid=None):
        serializer = DoorzettenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(services.ticket_transfer, **serializer.validated_data)

    @extend_schema(request=AfrondenSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"])
    def afronden(self, request, uuid=None):
        serializer = AfrondenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(services.ticket_complete, **serializer.validated_data)
