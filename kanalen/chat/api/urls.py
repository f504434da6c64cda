from django.urls import include, path
from rest_framework.routers import SimpleRouter

from kanalen.chat.api.views import ChatViewSet

router = SimpleRouter(trailing_slash=False)
router.register("chats", ChatViewSet, basename="chat")

urlpatterns = [path("", include(router.urls))]
