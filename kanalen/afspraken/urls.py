from django.urls import path

from kanalen.afspraken import views

app_name = "afspraken"

urlpatterns = [
    path("", views.boeken, name="boeken"),
    path("beheer/<str:token>/", views.beheer, name="beheer"),
    path("planning/", views.planning, name="planning"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:uuid>/no-show/", views.actie, {"actie": "no-show"}, name="no-show"),
    path("<uuid:uuid>/annuleren/", views.actie, {"actie": "annuleren"}, name="annuleren"),
]
