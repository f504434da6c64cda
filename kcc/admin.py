from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kcc import berichtsjablonen
from kcc.models import (
    Afdeling,
    AuditLogEntry,
    Bericht,
    BerichtSjabloon,
    Medewerker,
    Servicenorm,
    SluitingsDag,
    Team,
)

admin.site.site_header = _("KCC – beheer")
admin.site.site_title = _("KCC-beheer")
admin.site.index_title = _("Beheer")


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Afdeling)
class AfdelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "parent", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]
    inlines = [TeamInline]


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


@admin.register(BerichtSjabloon)
class BerichtSjabloonAdmin(admin.ModelAdmin):
    """The texts of the berichten KCC sends, with a live preview on example data."""

    list_display = ["code", "kanaal", "onderwerp", "gewijzigd_op", "gewijzigd_door"]
    list_filter = ["kanaal", "code"]
    fields = ["code", "kanaal", "variabelen", "onderwerp", "inhoud", "voorbeeld"]
    readonly_fields = ["variabelen", "voorbeeld"]

    class Media:
        js = ["kcc/sjabloon_voorbeeld.js"]

    @admin.display(description=_("Variabelen"))
    def variabelen(self, obj) -> str:
        return format_html(
            '<div id="sjabloon-variabelen">{}</div>',
            _variabelen_html(obj.code) if obj and obj.code else _("Kies eerst een berichtsoort."),
        )

    @admin.display(description=_("Voorbeeld"))
    def voorbeeld(self, obj) -> str:
        onderwerp, inhoud = ("", "")
        if obj and obj.code:
            try:
                onderwerp, inhoud = berichtsjablonen.preview(
                    code=obj.code, onderwerp=obj.onderwerp, inhoud=obj.inhoud
                )
            except ValidationError:
                pass
        return format_html(
            '<div id="sjabloon-voorbeeld" data-url="{}" aria-live="polite">'
            '<p><strong id="sjabloon-voorbeeld-onderwerp">{}</strong></p>'
            '<pre id="sjabloon-voorbeeld-inhoud" style="white-space: pre-wrap">{}</pre>'
            '<p id="sjabloon-voorbeeld-fout" class="errornote" hidden></p></div>',
            reverse("admin:kcc_berichtsjabloon_voorbeeld"),
            onderwerp,
            inhoud,
        )

    def get_urls(self):
        return [
            path(
                "voorbeeld/",
                self.admin_site.admin_view(require_POST(self.preview_view)),
                name="kcc_berichtsjabloon_voorbeeld",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The texts as typed, rendered on the soort's example data (the live preview)."""
        if not self.has_view_permission(request):
            return JsonResponse({"fouten": [str(_("Geen toegang."))]}, status=403)
        code = request.POST.get("code", "")
        if code not in berichtsjablonen.SOORTEN:
            return JsonResponse({"fouten": [str(_("Kies eerst een berichtsoort."))]}, status=400)
        variabelen = str(_variabelen_html(code))
        try:
            onderwerp, inhoud = berichtsjablonen.preview(
                code=code,
                onderwerp=request.POST.get("onderwerp", ""),
                inhoud=request.POST.get("inhoud", ""),
            )
        except ValidationError as error:
            return JsonResponse({"fouten": error.messages, "variabelen": variabelen}, status=400)
        return JsonResponse({"onderwerp": onderwerp, "inhoud": inhoud, "variabelen": variabelen})

    def save_model(self, request, obj, form, change) -> None:
        obj.gewijzigd_door = request.user.get_username()
        super().save_model(request, obj, form, change)


def _variabelen_html(code: str) -> str:
    soort = berichtsjablonen.SOORTEN[code]
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li><code>{{{{ {} }}}}</code> – {}</li>",
            soort.variabelen.items(),
        ),
    )
