from django.urls import include, path
from rest_framework.routers import SimpleRouter

from kanalen.afspraken.api.views import AfspraakViewSet, VrijeTijdslotenView

router = SimpleRouter(trailing_slash=False)
router.register("afspraken", AfspraakViewSet, basename="afspraak")

urlpatterns = [
    # Before the router: otherwise "vrije-tijdsloten" would be read as an uuid lookup.
    path("afspraken/vrije-tijdsloten", VrijeTijdslotenView.as_view(), name="vrije-tijdsloten"),
    path("", include(router.urls)),
]
