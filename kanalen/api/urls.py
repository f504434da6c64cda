"""REST endpoints of this app, mounted under /api/v1/."""

from django.urls import include, path

from kanalen.api.views import InkomendeEmailView

urlpatterns = [
    path("email/inkomend", InkomendeEmailView.as_view(), name="inkomende-email"),
    path("", include("kanalen.telefonie.api.urls")),
    path("", include("kanalen.balie.api.urls")),
    path("", include("kanalen.post.api.urls")),
]
