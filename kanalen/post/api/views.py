from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from kanalen.post import selectors, services
from kanalen.post.api.filters import PoststukFilter, UitgaandeBriefFilter
from kanalen.post.api.serializers import (
    PoststukCreateSerializer,
    PoststukRouteSerializer,
    PoststukSerializer,
    UitgaandeBriefCreateSerializer,
    UitgaandeBriefSerializer,
)
from kcc import authz
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

API_VIEW_REASON = "Poststuk opgevraagd (API)"


def _service_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})


def _medewerker(request):
    return getattr(request.user, "medewerker", None)


def _log(request, obj, object_type: str, description: str) -> None:
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type=object_type,
        object_uuid=obj.uuid,
        description=description,
        partij_uuid=obj.partij.uuid if obj.partij_id else None,
        reason=API_VIEW_REASON,
        via="api",
        request=request,
    )


class _PoststukCreateMixin:
    def create(self, request, *args, **kwargs):
        data_in = PoststukCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        try:
            poststuk = services.poststuk_register(
                door=_medewerker(request), via="api", **data_in.validated_data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(self.get_serializer(poststuk).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(
        summary="Registreer een inkomende brief met de scan",
        request={"multipart/form-data": PoststukCreateSerializer},
        responses={201: PoststukSerializer},
    )
)
class PoststukViewSet(
    IdempotentCreateMixin,
    _PoststukCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Incoming letters (post room / DIV): register with the scan, list (nearest answer
    date first), detail, route. Every detail view is written to the audit log."""

    serializer_class = PoststukSerializer
    permission_classes = [authz.Policy]
    authz_object = "poststuk"
    authz_actions = {"list": authz.BROWSE, "routeren": authz.CHANGE, "oppakken": authz.CHANGE}
    filterset_class = PoststukFilter
    parser_classes = [MultiPartParser, JSONParser]
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.poststuk_list().order_by("deadline", "geregistreerd_op", "pk")

    def retrieve(self, request, *args, **kwargs):
        poststuk = self.get_object()
        _log(request, poststuk, "poststuk", poststuk.poststuknummer)
        return Response(self.get_serializer(poststuk).data)

    @extend_schema(
        summary="Routeer een brief: zaak, contactverzoek, postwerkvoorraad of afgehandeld",
        request=PoststukRouteSerializer,
        responses={200: PoststukSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def routeren(self, request, uuid=None):
        poststuk = self.get_object()
        data_in = PoststukRouteSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        try:
            services.poststuk_route(
                poststuk=poststuk, door=_medewerker(request), via="api", **data_in.validated_data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(self.get_serializer(self.get_queryset().get(pk=poststuk.pk)).data)

    @extend_schema(summary="Pak een brief op (de medewerker zelf)", request=None)
    @action(detail=True, methods=["post"])
    def oppakken(self, request, uuid=None):
        poststuk = self.get_object()
        medewerker = _medewerker(request)
        if medewerker is None:
            raise serializers.ValidationError(
                {"non_field_errors": ["Alleen een medewerker kan een brief oppakken."]}
            )
        try:
            services.poststuk_claim(poststuk=poststuk, medewerker=medewerker, via="api")
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(self.get_serializer(self.get_queryset().get(pk=poststuk.pk)).data)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"], url_name="scan")
    def scan(self, request, uuid=None):
        poststuk = self.get_object()
        _log(request, poststuk, "poststuk-scan", poststuk.scan_bestandsnaam)
        return FileResponse(
            poststuk.scan.open("rb"),
            as_attachment=True,
            filename=poststuk.scan_bestandsnaam,
            content_type=poststuk.scan_formaat,
        )


class _BriefCreateMixin:
    def create(self, request, *args, **kwargs):
        data_in = UitgaandeBriefCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        zaak = data_in.validated_data.get("zaak")
        if zaak is not None:
            # As in the UI: a letter about a zaak needs its content.
            authz.require(request.user, authz.VIEW_CONTENT, zaak)
        try:
            brief = services.uitgaande_brief_create(
                door=_medewerker(request), via="api", **data_in.validated_data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(self.get_serializer(brief).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(
        summary="Maak een uitgaande brief (PDF op het briefpapier)",
        request=UitgaandeBriefCreateSerializer,
        responses={201: UitgaandeBriefSerializer},
    )
)
class UitgaandeBriefViewSet(
    IdempotentCreateMixin,
    _BriefCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Outgoing letters: POST renders the PDF and registers an outgoing klantcontact
    (kanaal post) on the partij and the zaak."""

    serializer_class = UitgaandeBriefSerializer
    permission_classes = [authz.Policy]
    authz_object = "brief"
    filterset_class = UitgaandeBriefFilter
    lookup_field = "uuid"

    def get_queryset(self):
        briefs = selectors.uitgaande_brief_list()
        if self.action == "list":
            # A letter about a confidential zaak of another afdeling is not listed;
            # asked for by its uuid, the policy answers 403.
            return authz.scope(self.request.user, authz.VIEW, briefs)
        return briefs

    def retrieve(self, request, *args, **kwargs):
        brief = self.get_object()
        _log(request, brief, "uitgaande-brief", brief.kenmerk)
        return Response(self.get_serializer(brief).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_name="pdf")
    def pdf(self, request, uuid=None):
        brief = self.get_object()
        _log(request, brief, "uitgaande-brief", f"{brief.kenmerk}.pdf")
        return FileResponse(
            brief.pdf.open("rb"),
            as_attachment=True,
            filename=f"{brief.kenmerk}.pdf",
            content_type="application/pdf",
        )
