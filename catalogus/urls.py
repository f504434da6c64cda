from django.urls import path

from catalogus import views

app_name = "catalogus"

urlpatterns = [
    path("", views.kennisbank, name="kennisbank"),
    path("producten/<uuid:uuid>/", views.product, name="product"),
    path("nieuws/", views.nieuws, name="nieuws"),
    path("artikelen/<uuid:uuid>/", views.kennisartikel, name="kennisartikel"),
]
