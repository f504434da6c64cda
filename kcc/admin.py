from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kcc.models import (
    Afdeling,
    AuditLogEntry,
    Bericht,
    Escalatieregel,
    Medewerker,
    Servicenorm,
    SlaGebeurtenis,
    SluitingsDag,
    Team,
)

admin.site.site_header = _("KCC – beheer")
admin.site.site_title = _("KCC-beheer")
admin.site.index_title = _("Beheer")


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


class EscalatieregelInline(admin.TabularInline):
    model = Escalatieregel
    extra = 0


@admin.register(Afdeling)
class AfdelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "parent", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]
    inlines = [TeamInline, EscalatieregelInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "afdeling"]
    list_filter = ["afdeling"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "afdeling", "team", "functie"]
    list_filter = ["afdeling", "user__groups"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read only: the audit log is append-only."""

    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "actie",
        "object_type",
        "object_omschrijving",
        "reden",
    ]
    list_filter = ["actie", "object_type", "kanaal"]
    search_fields = ["gebruikersnaam", "object_uuid", "object_omschrijving"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SluitingsDag)
class SluitingsDagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"


@admin.register(Servicenorm)
class ServicenormAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kanaal", "product", "termijn", "eenheid", "omschrijving"]
    list_filter = ["kanaal", "eenheid"]


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """Read only: berichten change only through the outbox services."""

    list_display = ["aangemaakt", "kanaal", "ontvanger", "onderwerp", "status", "pogingen"]
    list_filter = ["status", "kanaal"]
    search_fields = ["ontvanger", "onderwerp", "=uuid", "=partij_uuid", "=zaak_uuid"]
    date_hierarchy = "aangemaakt"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Escalatieregel)
class EscalatieregelAdmin(admin.ModelAdmin):
    list_display = ["afdeling", "soort", "ontvanger", "email"]
    list_filter = ["soort", "ontvanger", "afdeling"]


@admin.register(SlaGebeurtenis)
class SlaGebeurtenisAdmin(admin.ModelAdmin):
    """Read only: the breach history is written by the sweep."""

    list_display = ["tijdstip", "soort", "object_type", "omschrijving", "afdeling", "behandelaar"]
    list_filter = ["soort", "object_type", "kanaal", "afdeling"]
    search_fields = ["omschrijving", "object_uuid"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
