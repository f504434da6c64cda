"""The public web forms: no login."""

from django.urls import path

from kanalen import public_views

app_name = "formulieren"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("vraag/", public_views.formulier, {"soort": "vraag"}, name="vraag"),
    path("terugbellen/", public_views.formulier, {"soort": "terugbellen"}, name="terugbellen"),
    path("aanvraag/<uuid:uuid>/", public_views.aanvraag, name="aanvraag"),
    path("verzonden/", public_views.bevestiging, name="bevestiging"),
]
