from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from contacts.models import Kanaal
from kcc import authz, selectors, services
from kcc.api.filters import AfdelingFilter, BerichtFilter, MedewerkerFilter
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.api.permissions import ReadForStaffWriteWithModelPermission
from kcc.api.serializers import (
    AfdelingSerializer,
    BerichtSerializer,
    DashboardSerializer,
    KpiSerializer,
    MedewerkerSerializer,
    RapportAanvraagSerializer,
    RapportSerializer,
    Serializer,
    VerwerkingSerializer,
)
from kcc.dashboard import export as dashboard_export
from kcc.dashboard import selectors as dashboard_selectors
from kcc.dashboard import services as dashboard_services
from kcc.dashboard.sections import dashboard_sections
from kcc.kpi import KpiFilterForm
from kcc.models import AuditLogEntry, Rapport


class TokenResponseSerializer(Serializer):
    token = serializers.CharField()


class ObtainTokenView(ObtainAuthToken):
    """Exchange username and password for an API token."""

    permission_classes = [AllowAny]

    @extend_schema(responses=TokenResponseSerializer, tags=["auth"])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class AfdelingViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    """Afdelingen of the municipality (a tree through `parent`)."""

    serializer_class = AfdelingSerializer
    permission_classes = [ReadForStaffWriteWithModelPermission]
    filterset_class = AfdelingFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.afdeling_list()


class MedewerkerViewSet(viewsets.ReadOnlyModelViewSet):
    """Medewerkers with their afdeling, team, skills and roles."""

    serializer_class = MedewerkerSerializer
    permission_classes = [ReadForStaffWriteWithModelPermission]
    filterset_class = MedewerkerFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.medewerker_list()


class BerichtViewSet(viewsets.ReadOnlyModelViewSet):
    """Every message queued or sent through the outbox.

    Teamleider and beheerder see all berichten; other medewerkers look up the
    berichten of one partij, zaak or klantcontact (filter `partij`, `zaak` or
    `klantcontact`), as in the klantbeeld.
    """

    serializer_class = BerichtSerializer
    permission_classes = [authz.Policy]
    authz_object = "bericht"
    filterset_class = BerichtFilter
    lookup_field = "uuid"
    _scoping_filters = ("partij", "zaak", "klantcontact")

    def get_queryset(self):
        return selectors.bericht_list()

    def list(self, request, *args, **kwargs):
        scoped = any(request.query_params.get(name) for name in self._scoping_filters)
        if not scoped and not authz.can(request.user, authz.BROWSE, "bericht"):
            raise ValidationError(
                {"partij": ["Filter op partij, zaak of klantcontact om berichten te zien."]}
            )
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.audit_log_record_many(
            user=request.user,
            action=AuditLogEntry.Actie.VIEW,
            object_type="bericht",
            objects=[services.AuditObject(b.uuid, str(b), b.partij_uuid) for b in page],
            reason=f"Berichten (API) {request.query_params.urlencode()}",
            via="api",
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        bericht = self.get_object()
        services.audit_log_record(
            user=request.user,
            action=AuditLogEntry.Actie.VIEW,
            object_type="bericht",
            object_uuid=bericht.uuid,
            description=str(bericht),
            partij_uuid=bericht.partij_uuid,
            via="api",
            request=request,
        )
        return Response(self.get_serializer(bericht).data)

    @extend_schema(request=None, responses={202: BerichtSerializer})
    @action(detail=True, methods=["post"])
    def opnieuw(self, request, uuid=None):
        """Send a parked (mislukt) or retrying bericht again now."""
        try:
            bericht = services.bericht_requeue(bericht=self.get_object())
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(self.get_serializer(bericht).data, status=status.HTTP_202_ACCEPTED)


KPI_PARAMETERS = [
    OpenApiParameter(
        "periode",
        str,
        enum=["vandaag", "week", "maand", "aangepast"],
        description="Standaard: maand (de lopende kalendermaand).",
    ),
    OpenApiParameter("van", OpenApiTypes.DATE, description="Bij periode=aangepast."),
    OpenApiParameter("tot", OpenApiTypes.DATE, description="Bij periode=aangepast; tot en met."),
    OpenApiParameter("kanaal", str, enum=list(Kanaal.values)),
    OpenApiParameter("afdeling", str, description="Code van de afdeling."),
    OpenApiParameter("product", OpenApiTypes.UUID),
    OpenApiParameter("medewerker", OpenApiTypes.UUID),
]


def _kpi_form(request, **extra_errors) -> KpiFilterForm:
    """The period and filters of the query string; a 400 with a message per field."""
    form = KpiFilterForm(request.query_params)
    errors = {} if form.is_valid() else dict(form.errors)
    errors.update(extra_errors)
    if errors:
        raise ValidationError(errors)
    return form


class DashboardView(APIView):
    """The KPIs of the management dashboard for a period, with the dashboard's filters.

    The same sections, tiles and tables as the screen `/dashboard/` and its exports.
    """

    permission_classes = [authz.Policy]
    authz_object = "rapportage"

    @extend_schema(
        operation_id="rapportages_dashboard",
        parameters=KPI_PARAMETERS,
        responses=DashboardSerializer,
    )
    def get(self, request):
        form = _kpi_form(request)
        data = {"periode": form.kpi_periode(), "secties": dashboard_sections(form)}
        return Response(DashboardSerializer(data).data)


class KpiView(APIView):
    """The key figures of the dashboard for a period and filters, by section and name
    (`kpi.klantcontacten.fcr`): the tiles of `rapportages/dashboard` without tables."""

    permission_classes = [authz.Policy]
    authz_object = "rapportage"

    @extend_schema(
        operation_id="rapportages_kpi", parameters=KPI_PARAMETERS, responses=KpiSerializer
    )
    def get(self, request):
        form = _kpi_form(request)
        data = {"periode": form.kpi_periode(), "secties": dashboard_sections(form)}
        return Response(KpiSerializer(data).data)


class ExportView(APIView):
    """Every table of the dashboard for a period and filters as one CSV file (a block per
    table) or one XLSX workbook (a sheet per table): the screen's export."""

    permission_classes = [authz.Policy]
    authz_object = "rapportage"

    @extend_schema(
        operation_id="rapportages_export",
        parameters=[
            OpenApiParameter("formaat", str, enum=list(dashboard_export.FORMATEN), required=True),
            *KPI_PARAMETERS,
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, dashboard_export.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
        },
    )
    def get(self, request):
        formaat = request.query_params.get("formaat", "")
        fout = {} if formaat in dashboard_export.FORMATEN else {"formaat": ["Kies csv of xlsx."]}
        return dashboard_export.export_response(_kpi_form(request, **fout), formaat)


class VerwerkingenView(generics.ListAPIView):
    """Who looked at one partij's data, when, what and why, newest first (for an
    inzageverzoek; the same lines as the screen /inzage/). Reading it is logged too."""

    serializer_class = VerwerkingSerializer
    # For the schema; the lines come from get_queryset().
    queryset = AuditLogEntry.objects.none()
    permission_classes = [authz.Policy]
    authz_object = "verwerkingslog"

    @extend_schema(
        operation_id="partijen_verwerkingen",
        parameters=[OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        partij, verwerkingen = selectors.partij_verwerkingen(uuid=self.kwargs["uuid"])
        services.verwerkingslog_view_record(
            user=self.request.user,
            partij=partij,
            action=AuditLogEntry.Actie.VIEW,
            reason="Inzageverzoek: verwerkingen opgevraagd (API)",
            via="api",
            request=self.request,
        )
        return verwerkingen


class RapportViewSet(viewsets.GenericViewSet):
    """Monthly reports (MARAP): list, ask for one (made in the background), fetch the PDF."""

    serializer_class = RapportSerializer
    permission_classes = [authz.Policy]
    authz_object = "rapportage"
    authz_actions = {"create": authz.VIEW}  # asking for a month's report is reading it
    lookup_field = "uuid"
    queryset = Rapport.objects.none()

    def get_queryset(self):
        return dashboard_selectors.rapport_list()

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, uuid=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=RapportAanvraagSerializer, responses={202: RapportSerializer})
    def create(self, request):
        aanvraag = RapportAanvraagSerializer(data=request.data)
        aanvraag.is_valid(raise_exception=True)
        rapport = dashboard_services.rapport_request(
            maand=aanvraag.validated_data["maand"], user=request.user
        )
        return Response(self.get_serializer(rapport).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="pdf", url_name="pdf")
    def pdf(self, request, uuid=None):
        rapport = self.get_object()
        if rapport.status != Rapport.Status.KLAAR:
            raise NotFound("Deze rapportage is nog niet klaar.")
        return FileResponse(
            rapport.bestand.open("rb"),
            filename=f"marap-{rapport.periode_van:%Y-%m}.pdf",
            content_type="application/pdf",
        )
