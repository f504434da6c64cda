from django.urls import include, path
from rest_framework.routers import SimpleRouter

from kanalen.post.api.views import PoststukViewSet, UitgaandeBriefViewSet

router = SimpleRouter(trailing_slash=False)
router.register("poststukken", PoststukViewSet, basename="poststuk")
router.register("uitgaande-brieven", UitgaandeBriefViewSet, basename="uitgaande-brief")

urlpatterns = [path("", include(router.urls))]
