from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from contacts import views as contacts_views
from kcc import outbox_views, views
from kcc.dashboard import views as dashboard_views
from kcc.forms import LoginForm
from zaken import views as zaak_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/gelezen/", views.meldingen_alles_gelezen, name="meldingen-alles-gelezen"),
    path("meldingen/dagoverzicht/", views.meldingen_dagoverzicht, name="meldingen-dagoverzicht"),
    path("meldingen/<uuid:uuid>/gelezen/", views.melding_gelezen, name="melding-gelezen"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/rapporten/", dashboard_views.rapporten, name="dashboard-rapporten"),
    path("dashboard/prognose/", dashboard_views.prognose, name="dashboard-prognose"),
    path("dashboard/termijnen/", dashboard_views.sla_overzicht, name="dashboard-sla"),
    path(
        "dashboard/rapporten/<uuid:uuid>.pdf",
        dashboard_views.rapport_download,
        name="dashboard-rapport-download",
    ),
    path(
        "dashboard/export.<str:formaat>",
        dashboard_views.dashboard_export,
        name="dashboard-export",
    ),
    path("beheer/berichten/", outbox_views.berichten, name="beheer-berichten"),
    path(
        "beheer/berichten/<uuid:uuid>/opnieuw/",
        outbox_views.bericht_opnieuw,
        name="beheer-bericht-opnieuw",
    ),
    path("inzage/", views.inzage, name="inzage"),
    path("inzage/<uuid:uuid>/", views.inzage_partij, name="inzage-partij"),
    path("inzage/<uuid:uuid>/verwerkingen.csv", views.inzage_export, name="inzage-export"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kcc.api.urls")),
    path("api/v1/", include("catalogus.api.urls")),
    path("api/v1/", include("contacts.api.urls")),
    path("api/v1/", include("zaken.api.urls")),
    path("api/v1/", include("kanalen.api.urls")),
    path("kennisbank/", include("catalogus.urls")),
    path("klantcontact/", include("contacts.urls")),
    path("zaken/", include("zaken.urls")),
    path("zaak/<str:token>", zaak_views.statuspagina, name="zaak-statuspagina"),
    path("kanalen/", include("kanalen.urls")),
    path("balie/", include("kanalen.balie.urls")),
    path("post/", include("kanalen.post.urls")),
    path("formulieren/", include("kanalen.public_urls")),
    path("producten/", include("catalogus.public_urls")),
    path("afspraak/", include("kanalen.afspraken.urls")),
    path("chat/", include("kanalen.chat.public_urls")),
    path("tevredenheid/<str:token>", contacts_views.tevredenheid, name="tevredenheid"),
]

if settings.OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

if settings.KCC_DEV_MAILBOX_ENABLED:
    urlpatterns += [
        path("dev/mail/", views.dev_mail_list, name="dev-mail"),
        path("dev/mail/<str:key>/", views.dev_mail_detail, name="dev-mail-detail"),
    ]

handler404 = "kcc.views.page_not_found"
handler500 = "kcc.views.server_error"
