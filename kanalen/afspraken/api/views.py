from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from kanalen.afspraken import selectors, services
from kanalen.afspraken.api.serializers import (
    AfspraakSerializer,
    IncheckenSerializer,
    TijdslotSerializer,
    VrijeTijdslotenQuerySerializer,
)
from kanalen.balie.api.serializers import TicketSerializer
from kanalen.models import Afspraak
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.api.permissions import IsStaffMember


class CanBookAfspraak(permissions.BasePermission):
    message = "U mag geen afspraken maken of inzien (kcc.use_klantcontact)."

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("kcc.use_klantcontact")


def _400(exc: ValidationError) -> serializers.ValidationError:
    body = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return serializers.ValidationError(body)


class AfspraakViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Appointments at the counter. Creating one books a place (never beyond the
    capacity: 400 with `begin` when it is taken) and e-mails the confirmation with .ics."""

    serializer_class = AfspraakSerializer
    lookup_field = "uuid"
    permission_classes = [IsStaffMember, CanBookAfspraak]
    filterset_fields = {
        "status": ["exact"],
        "locatie__slug": ["exact"],
        "begin": ["date", "gte", "lt"],
        "partij__uuid": ["exact"],
    }

    def get_queryset(self):
        return selectors.afspraak_list().order_by("begin", "pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.afspraak_book(
                product=data["product"],
                locatie=data["locatie"],
                begin=data["begin"],
                naam=data["naam"],
                email=data["email"],
                telefoon=data.get("telefoon", ""),
                partij=data.get("partij"),
                geboekt_via=Afspraak.GeboektVia.API,
                geboekt_door=getattr(self.request.user, "medewerker", None),
            )
        except ValidationError as exc:
            raise _400(exc) from exc

    @extend_schema(request=None, responses={200: AfspraakSerializer})
    @action(detail=True, methods=["post"])
    def annuleren(self, request, uuid=None):
        """Cancel: the place frees up and the customer gets an e-mail."""
        try:
            afspraak = services.afspraak_cancel(afspraak=self.get_object())
        except ValidationError as exc:
            return Response(_400(exc).detail, status=status.HTTP_400_BAD_REQUEST)
        return Response(AfspraakSerializer(afspraak).data)

    @extend_schema(request=None, responses={200: AfspraakSerializer})
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, uuid=None):
        """Register that the customer did not come (only once the appointment began)."""
        try:
            afspraak = services.afspraak_no_show(afspraak=self.get_object())
        except ValidationError as exc:
            return Response(_400(exc).detail, status=status.HTTP_400_BAD_REQUEST)
        return Response(AfspraakSerializer(afspraak).data)

    @extend_schema(request=IncheckenSerializer, responses={200: TicketSerializer})
    @action(detail=False, methods=["post"])
    def inchecken(self, request):
        """What the kiosk does: the code gives a ticket in the location's queue."""
        serializer = IncheckenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            ticket = services.afspraak_check_in(**serializer.validated_data)
        except ValidationError as exc:
            return Response(_400(exc).detail, status=status.HTTP_400_BAD_REQUEST)
        return Response(TicketSerializer(ticket).data)


class VrijeTijdslotenView(APIView):
    """Free start times of a product at a location on one day."""

    permission_classes = [IsStaffMember, CanBookAfspraak]

    @extend_schema(
        parameters=[
            OpenApiParameter("product", str, description="uuid van het product", required=True),
            OpenApiParameter("locatie", str, description="uuid van de locatie", required=True),
            OpenApiParameter("datum", str, description="JJJJ-MM-DD", required=True),
        ],
        responses={200: TijdslotSerializer(many=True)},
    )
    def get(self, request):
        query = VrijeTijdslotenQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        product = query.validated_data["product"]
        duur = selectors.SLOT * selectors.slots_needed(product)
        tijden = selectors.vrije_tijdsloten(
            product=product,
            locatie=query.validated_data["locatie"],
            datum=query.validated_data["datum"],
        )
        return Response(
            TijdslotSerializer([{"begin": t, "eind": t + duur} for t in tijden], many=True).data
        )
