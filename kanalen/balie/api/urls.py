from django.urls import include, path
from rest_framework.routers import SimpleRouter

from kanalen.balie.api.views import TicketViewSet

router = SimpleRouter(trailing_slash=False)
router.register("balie/tickets", TicketViewSet, basename="ticket")

urlpatterns = [path("", include(router.urls))]
