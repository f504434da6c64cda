from django.urls import include, path

app_name = "kanalen"

urlpatterns: list = [
    path("telefonie/", include("kanalen.telefonie.urls")),
]
