from django.urls import include, path

from kanalen import views

app_name = "kanalen"

urlpatterns = [
    path("telefonie/", include("kanalen.telefonie.urls")),
    path("chat/", include("kanalen.chat.urls")),
    path("email/", views.email_lijst, name="email-lijst"),
    path("email/overzicht/", views.email_overzicht, name="email-overzicht"),
    path("email/kennisbank/", views.kennisbank_fragmenten, name="kennisbank-fragmenten"),
    path("email/bijlagen/<uuid:uuid>/", views.bijlage, name="bijlage"),
    path("email/<uuid:uuid>/", views.email_detail, name="email-detail"),
    *[
        path(
            f"email/<uuid:uuid>/{actie}/",
            views.email_actie,
            {"actie": actie},
            name=f"email-{actie}",
        )
        for actie in ["oppakken", "vrijgeven", "beantwoorden", "doorsturen", "sluiten", "zaak"]
    ],
]
