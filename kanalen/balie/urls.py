from django.urls import path

from kanalen.balie import views

app_name = "balie"

urlpatterns = [
    path("", views.agent, name="agent"),
    path("volgende/", views.volgende, name="volgende"),
    path("verlaten/", views.verlaten, name="verlaten"),
    path("ticket/<uuid:uuid>/opnieuw/", views.ticket_actie, {"actie": "opnieuw"}, name="opnieuw"),
    path("ticket/<uuid:uuid>/start/", views.ticket_actie, {"actie": "start"}, name="start"),
    path("ticket/<uuid:uuid>/no-show/", views.ticket_actie, {"actie": "no-show"}, name="no-show"),
    path(
        "ticket/<uuid:uuid>/doorzetten/",
        views.ticket_actie,
        {"actie": "doorzetten"},
        name="doorzetten",
    ),
    path(
        "ticket/<uuid:uuid>/afronden/", views.ticket_actie, {"actie": "afronden"}, name="afronden"
    ),
    path("kiosk/<slug:locatie>/", views.kiosk, name="kiosk"),
    path("kiosk/<slug:locatie>/afspraak/", views.kiosk_afspraak, name="kiosk-afspraak"),
    path("kiosk/<slug:locatie>/ticket/<uuid:uuid>/", views.kiosk_ticket, name="kiosk-ticket"),
    path("scherm/<slug:locatie>/", views.scherm, name="scherm"),
    path("vloer/<slug:locatie>/", views.vloer, name="vloer"),
]
