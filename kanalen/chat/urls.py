from django.urls import path

from kanalen.chat import views

urlpatterns = [
    path("", views.console, name="chat-console"),
    path("events", views.events, name="chat-events"),
    path("partijen/", views.partijen, name="chat-partijen"),
    path("<uuid:uuid>/aannemen/", views.accept, name="chat-aannemen"),
    path("<uuid:uuid>/bericht/", views.bericht, name="chat-bericht"),
    path("<uuid:uuid>/doorverbinden/", views.doorverbinden, name="chat-doorverbinden"),
    path("<uuid:uuid>/beeindigen/", views.beeindigen, name="chat-beeindigen"),
]
