from django.urls import path

from kanalen import views

app_name = "kanalen"

urlpatterns = [
    path("email/overzicht/", views.email_overzicht, name="email-overzicht"),
]
