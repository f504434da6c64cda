"""REST endpoints of this app, mounted under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from catalogus.api.views import KennisartikelViewSet, ProductViewSet, ZaaktypeViewSet, ZoekenView

router = DefaultRouter(trailing_slash=False)
router.register("producten", ProductViewSet, basename="product")
router.register("zaaktypen", ZaaktypeViewSet, basename="zaaktype")
router.register("kennisartikelen", KennisartikelViewSet, basename="kennisartikel")

urlpatterns = [
    path("zoeken", ZoekenView.as_view(), name="zoeken"),
    path("", include(router.urls)),
]
