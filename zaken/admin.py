from django.contrib import admin

from zaken.models import Status, Zaak, ZaakDocument, ZaakNotitie


class StatusInline(admin.TabularInline):
    model = Status
    extra = 0
    fields = ["statustype", "datum_status_gezet", "statustoelichting", "gezet_door"]
    readonly_fields = fields
    can_delete = False


@admin.register(Zaak)
class ZaakAdmin(admin.ModelAdmin):
    """Read mostly: zaken change through their services (screens and API)."""

    list_display = [
        "identificatie",
        "zaaktype",
        "behandelende_afdeling",
        "uiterlijke_einddatum_afdoening",
        "einddatum",
    ]
    list_filter = ["behandelende_afdeling", "zaaktype", "vertrouwelijkheidaanduiding"]
    search_fields = ["identificatie", "omschrijving"]
    raw_id_fields = ["initiator", "hoofdzaak", "behandelaar", "status", "klantcontacten"]
    filter_horizontal = ["geautoriseerden"]
    fields = ["identificatie", "omschrijving", "vertrouwelijkheidaanduiding", "geautoriseerden"]
    readonly_fields = ["identificatie", "omschrijving"]
    inlines = [StatusInline]


admin.site.register([ZaakNotitie, ZaakDocument])
