from django.urls import path

from kanalen.telefonie import views

app_name = "telefonie"

urlpatterns = [
    path("events", views.events, name="events"),
]
