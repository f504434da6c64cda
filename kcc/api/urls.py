from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kcc.api.views import (
    AfdelingViewSet,
    BerichtViewSet,
    DashboardView,
    ExportView,
    KpiView,
    MedewerkerViewSet,
    ObtainTokenView,
    RapportViewSet,
    VerwerkingenView,
)

router = DefaultRouter(trailing_slash=False)
router.register("afdelingen", AfdelingViewSet, basename="afdeling")
router.register("medewerkers", MedewerkerViewSet, basename="medewerker")
router.register("berichten", BerichtViewSet, basename="bericht")
router.register("rapportages/rapporten", RapportViewSet, basename="rapport")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("rapportages/dashboard", DashboardView.as_view(), name="rapportage-dashboard"),
    path("rapportages/kpi", KpiView.as_view(), name="rapportage-kpi"),
    path("rapportages/export", ExportView.as_view(), name="rapportage-export"),
    path(
        "partijen/<uuid:uuid>/verwerkingen", VerwerkingenView.as_view(), name="partij-verwerkingen"
    ),
    path("", include(router.urls)),
]
