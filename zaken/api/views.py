from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from catalogus.models import Statustype, Zaaktype
from kcc import authz, statements
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.models import Afdeling, Team
from zaken import selectors, services
from zaken.api.serializers import (
    AfsluitenSerializer,
    BulkToewijzenResultaatSerializer,
    BulkToewijzenSerializer,
    OpschortenSerializer,
    StatusCreateSerializer,
    StatusSerializer,
    TerugleggenSerializer,
    ToewijzenSerializer,
    VerlengenSerializer,
    ZaakBeperktSerializer,
    ZaakCreateSerializer,
    ZaakDocumentCreateSerializer,
    ZaakDocumentSerializer,
    ZaakSerializer,
)


def _service_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})


def _by_uuid(model, value):
    if not value:
        return None
    try:
        return statements.select_one(model, "uuid", value)
    except (model.DoesNotExist, DjangoValidationError):
        raise serializers.ValidationError({"filter": [f"Onbekende waarde: {value}."]}) from None


_TRUE = {"1", "true", "ja"}

WERKVOORRAAD_PARAMETERS = [
    OpenApiParameter("afdeling", OpenApiTypes.UUID, description="Standaard: uw afdeling."),
    OpenApiParameter("team", OpenApiTypes.UUID),
    OpenApiParameter("zaaktype", OpenApiTypes.UUID),
    OpenApiParameter("status", OpenApiTypes.UUID, description="Statustype."),
    OpenApiParameter("alleen_mij", OpenApiTypes.BOOL),
    OpenApiParameter("te_laat", OpenApiTypes.BOOL),
    OpenApiParameter("deze_week", OpenApiTypes.BOOL),
]


class _ZaakIntakeMixin:
    """POST /zaken goes through zaak_intake (below the Idempotency-Key handling)."""

    def create(self, request, *args, **kwargs):
        data_in = ZaakCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        try:
            zaak = services.zaak_intake(
                kanaal=data.pop("communicatiekanaal"),
                door=getattr(request.user, "medewerker", None),
                via="api",
                **data,
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        # The intake's own objects, not a fresh read: the answer costs no queries.
        return Response(self.get_serializer(zaak).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(parameters=WERKVOORRAAD_PARAMETERS),
    create=extend_schema(request=ZaakCreateSerializer, responses={201: ZaakSerializer}),
)
class ZaakViewSet(
    IdempotentCreateMixin,
    _ZaakIntakeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Zaken: intake (POST), the werkvoorraad (list, nearest deadline first), detail and
    the actions on a zaak. Every detail view is written to the audit log."""

    serializer_class = ZaakSerializer
    permission_classes = [authz.Policy]
    authz_object = "zaak"
    authz_actions = {"toewijzen": authz.ASSIGN, "bulk_toewijzen": authz.ASSIGN}
    lookup_field = "uuid"

    # What the serializer reads beyond zaak_list(): one query each, not one per zaak.
    _related = ("deelzaken", "resultaat__resultaattype", "status__gezet_door__user")

    def get_queryset(self):
        return selectors.zaak_list().prefetch_related(*self._related, "geautoriseerden")

    def list(self, request, *args, **kwargs):
        params = request.query_params
        voorraad = selectors.werkvoorraad(
            user=request.user,
            afdeling=_by_uuid(Afdeling, params.get("afdeling")),
            team=_by_uuid(Team, params.get("team")),
            zaaktype=_by_uuid(Zaaktype, params.get("zaaktype")),
            status=_by_uuid(Statustype, params.get("status")),
            alleen_mij=params.get("alleen_mij", "").lower() in _TRUE,
            te_laat=params.get("te_laat", "").lower() in _TRUE,
            deze_week=params.get("deze_week", "").lower() in _TRUE,
            with_counts=False,
        )
        page = self.paginator.paginate_queryset(
            voorraad.zaken.select_related(None).prefetch_related(None).values_list("pk", flat=True),
            request,
            view=self,
            count=voorraad.total,
        )
        zaken = selectors.zaken_as_listed(zaak_ids=list(page))
        return self.get_paginated_response(self.get_serializer(zaken, many=True).data)

    def _zaak(self, *, content: bool = True):
        zaak = self.get_object()
        if content and not authz.can(self.request.user, authz.VIEW_CONTENT, zaak):
            raise PermissionDenied(
                "Deze zaak is vertrouwelijk; u heeft geen toegang tot de inhoud."
            )
        return zaak

    @extend_schema(responses={200: ZaakSerializer})
    def retrieve(self, request, *args, **kwargs):
        zaak = self._zaak(content=False)
        services.zaak_view_record(
            user=request.user, zaak=zaak, reason="Zaak opgevraagd (API)", via="api", request=request
        )
        if not authz.can(request.user, authz.VIEW_CONTENT, zaak):
            return Response(ZaakBeperktSerializer(selectors.ZaakRegel(zaak, False)).data)
        return Response(self.get_serializer(zaak).data)

    def _answer(self, zaak):
        return Response(self.get_serializer(self.get_queryset().get(pk=zaak.pk)).data)

    @extend_schema(methods=["get"], responses=StatusSerializer(many=True))
    @extend_schema(
        methods=["post"], request=StatusCreateSerializer, responses={201: StatusSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def statussen(self, request, uuid=None):
        zaak = self._zaak()
        if request.method == "GET":
            statussen = zaak.statussen.select_related("statustype", "gezet_door__user")
            return Response(StatusSerializer(statussen, many=True).data)
        data_in = StatusCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        try:
            nieuw = services.zaak_status_set(
                zaak=zaak, door=getattr(request.user, "medewerker", None), **data_in.validated_data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(StatusSerializer(nieuw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OpschortenSerializer, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def opschorten(self, request, uuid=None):
        return self._run(OpschortenSerializer, services.zaak_opschorten)

    @extend_schema(request=None, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def hervatten(self, request, uuid=None):
        return self._run(None, services.zaak_hervatten)

    @extend_schema(request=VerlengenSerializer, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def verlengen(self, request, uuid=None):
        return self._run(VerlengenSerializer, services.zaak_verlengen)

    @extend_schema(request=AfsluitenSerializer, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def afsluiten(self, request, uuid=None):
        """Set the end status with a resultaat (closes the zaak)."""
        zaak = self._zaak()
        data_in = AfsluitenSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        eind = zaak.zaaktype.statustypen.order_by("-volgnummer").first()
        try:
            services.zaak_status_set(
                zaak=zaak,
                statustype=eind,
                door=getattr(request.user, "medewerker", None),
                resultaattype=data_in.validated_data["resultaattype"],
                resultaat_toelichting=data_in.validated_data.get("toelichting", ""),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return self._answer(zaak)

    @extend_schema(request=None, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def oppakken(self, request, uuid=None):
        """Take the zaak on yourself (a medewerker of its behandelende afdeling)."""
        medewerker = getattr(request.user, "medewerker", None)
        if medewerker is None:
            raise serializers.ValidationError(
                {"non_field_errors": ["Alleen een medewerker kan een zaak oppakken."]}
            )
        return self._run(
            None, lambda *, zaak, door: services.zaak_claim(zaak=zaak, medewerker=door, via="api")
        )

    @extend_schema(request=ToewijzenSerializer, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def toewijzen(self, request, uuid=None):
        return self._run(ToewijzenSerializer, services.zaak_assign, via="api")

    @extend_schema(request=TerugleggenSerializer, responses=ZaakSerializer)
    @action(detail=True, methods=["post"])
    def terugleggen(self, request, uuid=None):
        """Hand the zaak back to the KCC's work list, with the reason as a note."""
        return self._run(TerugleggenSerializer, services.zaak_hand_back, via="api")

    @extend_schema(request=BulkToewijzenSerializer, responses=BulkToewijzenResultaatSerializer)
    @action(detail=False, methods=["post"], url_path="bulk-toewijzen")
    def bulk_toewijzen(self, request):
        """Give a set of zaken to one behandelaar: all of them, or none when one fails."""
        data_in = BulkToewijzenSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        behandelaar = data_in.validated_data["behandelaar"]
        try:
            aantal = services.zaken_bulk_reassign(
                zaken=data_in.validated_data["zaken"],
                behandelaar=behandelaar,
                door=getattr(request.user, "medewerker", None),
                via="api",
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response({"aantal": aantal, "behandelaar": behandelaar.uuid})

    def _run(self, serializer_class, service, **extra):
        zaak = self._zaak()
        data = dict(extra)
        if serializer_class is not None:
            data_in = serializer_class(data=self.request.data)
            data_in.is_valid(raise_exception=True)
            data.update(data_in.validated_data)
        try:
            zaak = service(zaak=zaak, door=getattr(self.request.user, "medewerker", None), **data)
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return self._answer(zaak)

    @extend_schema(methods=["get"], responses=ZaakDocumentSerializer(many=True))
    @extend_schema(
        methods=["post"],
        request={"multipart/form-data": ZaakDocumentCreateSerializer},
        responses={201: ZaakDocumentSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser])
    def documenten(self, request, uuid=None):
        zaak = self._zaak()
        if request.method == "GET":
            return Response(ZaakDocumentSerializer(zaak.documenten.all(), many=True).data)
        data_in = ZaakDocumentCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        try:
            document = services.zaak_document_add(
                zaak=zaak, door=getattr(request.user, "medewerker", None), **data_in.validated_data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(ZaakDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def ontvangstbevestiging(self, request, uuid=None):
        """The receipt PDF; rendered now when the background task has not done it yet."""
        zaak = services.zaak_ontvangstbevestiging_store(zaak=self._zaak())
        services.zaak_view_record(
            user=request.user,
            zaak=zaak,
            reason="Ontvangstbevestiging opgevraagd (API)",
            via="api",
            request=request,
        )
        return FileResponse(
            zaak.ontvangstbevestiging.open("rb"),
            content_type="application/pdf",
            filename=f"ontvangstbevestiging-{zaak.identificatie}.pdf",
        )
