from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response

from kanalen.telefonie import selectors, services
from kanalen.telefonie.api.authentication import (
    IsTelefonieKoppeling,
    TelefonieKoppelingAuthentication,
)
from kanalen.telefonie.api.serializers import GesprekEventSerializer, TelefoongesprekSerializer
from kcc import authz
from kcc.api.authentication import TokenAuthentication


class TelefoongesprekViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Calls: the telephony platform posts events; medewerkers read the calls."""

    serializer_class = TelefoongesprekSerializer
    lookup_field = "uuid"
    authentication_classes = [
        TelefonieKoppelingAuthentication,
        TokenAuthentication,
        SessionAuthentication,
    ]
    filterset_fields = {"status": ["exact"], "begonnen_op": ["gte", "lt"]}
    authz_object = "telefoongesprek"

    def get_queryset(self):
        return selectors.telefoongesprek_list()

    def get_permissions(self):
        if self.action == "create":
            return [IsTelefonieKoppeling()]
        return [authz.Policy()]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.telefoongesprekken_view_record(
            user=request.user, gesprekken=page, reason="Telefoongesprekken (API)", request=request
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        gesprek = self.get_object()
        services.telefoongesprekken_view_record(
            user=request.user,
            gesprekken=[gesprek],
            reason="Telefoongesprek opgevraagd (API)",
            request=request,
        )
        return Response(self.get_serializer(gesprek).data)

    @extend_schema(
        summary="CTI-gebeurtenis melden",
        description=(
            "Het telefonieplatform meldt ringing, answered, ended of abandoned, met zijn eigen "
            "token (`Authorization: Bearer …`). Dezelfde gebeurtenis van hetzelfde gesprek "
            "nogmaals melden verandert niets (200 in plaats van 201)."
        ),
        request=GesprekEventSerializer,
        responses={
            201: TelefoongesprekSerializer,
            200: OpenApiResponse(TelefoongesprekSerializer, description="Al ontvangen"),
            400: OpenApiResponse(description="Onbekend toestel, ongeldig nummer"),
        },
    )
    def create(self, request, *args, **kwargs):
        serializer = GesprekEventSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            gesprek, recorded = services.telefoongesprek_event_process(
                koppeling=request.auth, **serializer.validated_data
            )
        except ValidationError as exc:
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            TelefoongesprekSerializer(gesprek).data,
            status=status.HTTP_201_CREATED if recorded else status.HTTP_200_OK,
        )
