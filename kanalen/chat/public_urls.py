"""The public chat (no login)."""

from django.urls import path

from kanalen.chat import public_views

app_name = "chat"

urlpatterns = [
    path("", public_views.start, name="start"),
    path("<uuid:uuid>/", public_views.gesprek, name="gesprek"),
    path("<uuid:uuid>/status/", public_views.status, name="status"),
    path("<uuid:uuid>/events", public_views.events, name="events"),
    path("<uuid:uuid>/bericht/", public_views.bericht, name="bericht"),
    path("<uuid:uuid>/verlaten/", public_views.verlaten, name="verlaten"),
]
