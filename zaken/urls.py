from django.urls import path

from zaken import views

app_name = "zaken"

urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("regie/", views.regie, name="regie"),
    path("overzicht/", views.zaak_overzicht, name="zaak-overzicht"),
    path("toewijzen/", views.bulk_toewijzen, name="bulk-toewijzen"),
    path("<uuid:uuid>/", views.zaak_detail, name="zaak"),
    path(
        "<uuid:uuid>/ontvangstbevestiging.pdf",
        views.ontvangstbevestiging,
        name="ontvangstbevestiging",
    ),
    path("<uuid:uuid>/<str:actie>/", views.zaak_actie, name="actie"),
    path("documenten/<uuid:uuid>/", views.document, name="document"),
]
