from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny

from kcc import selectors
from kcc.api.filters import AfdelingFilter, MedewerkerFilter
from kcc.api.idempotency import IdempotentCreateMixin
from kcc.api.permissions import ReadForStaffWriteWithModelPermission
from kcc.api.serializers import AfdelingSerializer, MedewerkerSerializer


class TokenResponseSerializer(serializers.Serializer):
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
