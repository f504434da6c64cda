from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogus import selectors, services
from catalogus.api.filters import KennisartikelFilter, ProductFilter, ZaaktypeFilter
from catalogus.api.serializers import (
    KennisartikelSerializer,
    ProductSerializer,
    ZaaktypeSerializer,
    ZoekresultaatSerializer,
)
from catalogus.models import Kennisartikel
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.api.permissions import ReadForStaffWriteWithModelPermission
from kcc.api.serializers import Serializer


def _kosten(data: dict):
    kosten = data.pop("kosten", None)
    return None if kosten is None else [(k["bedrag"], k["omschrijving"]) for k in kosten]


class ProductViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    """Producten (PDC). `?q=` searches with typo tolerance and synonyms, best first."""

    serializer_class = ProductSerializer
    permission_classes = [ReadForStaffWriteWithModelPermission]
    filterset_class = ProductFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.product_list()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.product_create(
            user=self.request.user, via="api", kosten=_kosten(data) or (), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.product_update(
            product=serializer.instance,
            user=self.request.user,
            via="api",
            kosten=_kosten(data),
            **data,
        )


class ZaaktypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Zaaktypen with statustypen and resultaattypen (Catalogi API 1.3 field names)."""

    serializer_class = ZaaktypeSerializer
    permission_classes = [ReadForStaffWriteWithModelPermission]
    filterset_class = ZaaktypeFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.zaaktype_list()


class KennisartikelViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    """Kennisartikelen: vraag en antwoord, scripts, werkinstructies, nieuws."""

    serializer_class = KennisartikelSerializer
    permission_classes = [ReadForStaffWriteWithModelPermission]
    filterset_class = KennisartikelFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.kennisartikel_list()

    def perform_create(self, serializer):
        serializer.instance = services.kennisartikel_create(
            user=self.request.user, via="api", **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.kennisartikel_update(
            artikel=serializer.instance,
            user=self.request.user,
            via="api",
            **serializer.validated_data,
        )


class ZoekenView(APIView):
    """One search over published products and kennisartikelen, best first."""

    class QuerySerializer(Serializer):
        q = serializers.CharField(max_length=200)
        soort = serializers.ChoiceField(
            choices=["product", *Kennisartikel.Type.values], required=False, default=""
        )
        limit = serializers.IntegerField(min_value=1, max_value=100, default=20)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True),
            OpenApiParameter(
                "soort", OpenApiTypes.STR, enum=["product", *Kennisartikel.Type.values]
            ),
            OpenApiParameter("limit", OpenApiTypes.INT),
        ],
        responses=ZoekresultaatSerializer(many=True),
    )
    def get(self, request):
        params = self.QuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        hits = selectors.kennisbank_search(
            query=params.validated_data["q"],
            soort=params.validated_data["soort"],
            limit=params.validated_data["limit"],
        )
        return Response(ZoekresultaatSerializer(hits, many=True).data)
