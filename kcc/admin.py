import csv
import uuid

from django import forms
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
    Campagne,
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


class CampagneForm(forms.ModelForm):
    """The selection as a CSV file or pasted: the partij's uuid in the first column."""

    partijen_csv = forms.FileField(
        label=_("Partijen (CSV-bestand)"),
        required=False,
        help_text=_("Eerste kolom: de uuid van de partij; een kopregel mag."),
    )
    partijen_tekst = forms.CharField(
        label=_("Partijen (geplakt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Eén uuid per regel, of de inhoud van het CSV-bestand."),
    )

    class Meta:
        model = Campagne
        fields = ["naam", "onderwerp", "inhoud", "verstuur_op"]

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("partijen_tekst") or ""
        if upload := cleaned.get("partijen_csv"):
            text += "\n" + upload.read().decode("utf-8-sig", errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
        uuids, errors = [], []
        for number, row in enumerate(csv.reader(lines, delimiter=_delimiter(lines)), 1):
            value = row[0].strip() if row else ""
            try:
                uuids.append(uuid.UUID(value))
            except ValueError:
                if number > 1:  # the first line may be a header
                    errors.append(str(number))
        if errors:
            raise forms.ValidationError(
                _("Geen geldige uuid op regel %(regels)s.") % {"regels": ", ".join(errors[:10])}
            )
        if not uuids and not (self.instance.pk and self.instance.partijen):
            raise forms.ValidationError(_("Geef de partijen op (CSV-bestand of geplakt)."))
        if uuids:
            self.instance.partijen = list(dict.fromkeys(uuids))
        return cleaned


def _delimiter(lines: list[str]) -> str:
    first = lines[0] if lines else ""
    return ";" if first.count(";") > first.count(",") else ","


@admin.register(Campagne)
class CampagneAdmin(admin.ModelAdmin):
    """A beheerder schedules a mailing; Celery beat sends it when it is due."""

    form = CampagneForm
    list_display = ["naam", "verstuur_op", "status", "aantal_partijen", "aantal_berichten"]
    list_filter = ["status"]
    readonly_fields = ["status", "verstuurd_op", "aantal_berichten", "aantal_partijen"]
    fields = [
        "naam",
        "onderwerp",
        "inhoud",
        "verstuur_op",
        "partijen_csv",
        "partijen_tekst",
        *readonly_fields,
    ]

    @admin.display(description=_("Aantal partijen"))
    def aantal_partijen(self, obj) -> int:
        return len(obj.partijen) if obj else 0

    def has_change_permission(self, request, obj=None) -> bool:
        # A sent campagne is history.
        if obj is not None and obj.status == Campagne.Status.VERSTUURD:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.aangemaakt_door = request.user.get_username()
        super().save_model(request, obj, form, change)
