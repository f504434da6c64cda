from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("", views.klantcontact, name="klantcontact"),
    path("anoniem/", views.anoniem, name="anoniem"),
    path("partij/<uuid:uuid>/", views.klantbeeld, name="klantbeeld"),
    path("opvragen/", views.register_opvragen, name="register-opvragen"),
    path("overzicht/", views.klantcontact_overzicht, name="klantcontact-overzicht"),
    path("tevredenheid/", views.tevredenheid_overzicht, name="tevredenheid-overzicht"),
    path("contactverzoeken/", views.contactverzoeken, name="contactverzoeken"),
    path(
        "contactverzoeken/overzicht/",
        views.contactverzoek_overzicht,
        name="contactverzoek-overzicht",
    ),
    path(
        "contactverzoeken/<uuid:uuid>/oppakken/",
        views.contactverzoek_actie,
        {"actie": "oppakken"},
        name="contactverzoek-oppakken",
    ),
    path(
        "contactverzoeken/<uuid:uuid>/terug/",
        views.contactverzoek_actie,
        {"actie": "terug"},
        name="contactverzoek-terug",
    ),
    path(
        "contactverzoeken/<uuid:uuid>/afhandelen/",
        views.contactverzoek_actie,
        {"actie": "afhandelen"},
        name="contactverzoek-afhandelen",
    ),
]
