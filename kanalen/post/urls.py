from django.urls import path

from kanalen.post import services, views

app_name = "post"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("registreren/", views.registreren, name="registreren"),
    path("afzender/", views.afzender_zoeken, name="afzender-zoeken"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/scan/", views.scan, name="scan"),
    path("<uuid:uuid>/oppakken/", views.oppakken, name="oppakken"),
    *[
        path(f"<uuid:uuid>/{route}/", views.route, {"route": route}, name=f"route-{route}")
        for route in services.Route.ALL
    ],
    path("brieven/nieuw/", views.brief_nieuw, name="brief-nieuw"),
    path("brieven/<uuid:uuid>/", views.brief, name="brief"),
    path("brieven/<uuid:uuid>/pdf/", views.brief_pdf, name="brief-pdf"),
]
