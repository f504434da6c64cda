"""REST endpoints of this app, mounted under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from zaken.api.views import ZaakViewSet

router = DefaultRouter(trailing_slash=False)
router.register("zaken", ZaakViewSet, basename="zaak")

urlpatterns = [path("", include(router.urls))]
