from django.urls import include, path
from rest_framework.routers import SimpleRouter

from kanalen.telefonie.api.views import TelefoongesprekViewSet

router = SimpleRouter(trailing_slash=False)
router.register("telefonie/gesprekken", TelefoongesprekViewSet, basename="telefoongesprek")

urlpatterns = [path("", include(router.urls))]
