"""REST endpoints of this app, mounted under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from contacts.api.views import ContactverzoekViewSet, KlantcontactViewSet, PartijViewSet

router = DefaultRouter(trailing_slash=False)
router.register("partijen", PartijViewSet, basename="partij")
router.register("klantcontacten", KlantcontactViewSet, basename="klantcontact")
router.register("contactverzoeken", ContactverzoekViewSet, basename="contactverzoek")

urlpatterns = [path("", include(router.urls))]
