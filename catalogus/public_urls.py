"""The public product pages: no login."""

from django.urls import path

from catalogus import public_views

app_name = "producten"

urlpatterns = [
    path("", public_views.product_list, name="lijst"),
    path("<uuid:uuid>/", public_views.product_detail, name="detail"),
]
