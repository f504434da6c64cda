"""The redacteur's editing screens (Django admin for now); every save is logged."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogus.models import (
    Kennisartikel,
    Kosten,
    Product,
    Resultaattype,
    SdgInformatiegebied,
    Statustype,
    Synoniem,
    Zaaktype,
)
from catalogus.services import catalogus_change_record
from kcc import roles


class ChangeHistoryMixin:
    """Admin saves land in the shared audit log, like the services' writes."""

    def log_addition(self, request, obj, message):
        catalogus_change_record(user=request.user, instance=obj, created=True)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        fields = sorted(
            {name for part in message for name in part.get("changed", {}).get("fields", [])}
        )
        catalogus_change_record(
            user=request.user, instance=obj, created=False, changes=", ".join(fields)
        )
        return super().log_change(request, obj, message)


class KostenInline(admin.TabularInline):
    model = Kosten
    extra = 1


@admin.register(Product)
class ProductAdmin(ChangeHistoryMixin, admin.ModelAdmin):
    list_display = ["naam", "publicatiestatus", "knip", "behandelende_afdeling", "zaaktype"]
    list_filter = ["publicatiestatus", "knip", "behandelende_afdeling"]
    search_fields = ["naam", "upl_naam", "trefwoorden"]
    autocomplete_fields = ["zaaktype"]
    filter_horizontal = ["sdg_informatiegebieden"]
    readonly_fields = ["upl_naam", "upl_uri", "aangemaakt", "gewijzigd"]
    inlines = [KostenInline]
    fieldsets = [
        (None, {"fields": ["naam", "publicatiestatus", "samenvatting", "beschrijving"]}),
        (
            "Voor wie en hoe",
            {
                "fields": [
                    "doelgroep",
                    "voorwaarden",
                    "benodigde_documenten",
                    "aanvraagkanalen",
                    "afspraak_nodig",
                    "servicenorm",
                ]
            },
        ),
        (
            "Afhandeling",
            {"fields": ["knip", "knip_toelichting", "behandelende_afdeling", "zaaktype"]},
        ),
        (
            "Vindbaarheid",
            {
                "fields": [
                    "trefwoorden",
                    "sdg_informatiegebieden",
                    "upl_naam",
                    "upl_uri",
                    "aangemaakt",
                    "gewijzigd",
                ]
            },
        ),
    ]


class StatustypeInline(admin.TabularInline):
    model = Statustype
    extra = 0


class ResultaattypeInline(admin.TabularInline):
    model = Resultaattype
    extra = 0


@admin.register(Zaaktype)
class ZaaktypeAdmin(ChangeHistoryMixin, admin.ModelAdmin):
    list_display = [
        "omschrijving",
        "identificatie",
        "doorlooptijd",
        "termijn_eenheid",
        "behandelende_afdeling",
    ]
    search_fields = ["omschrijving", "identificatie"]
    filter_horizontal = ["deelzaaktypen"]
    inlines = [StatustypeInline, ResultaattypeInline]


class KennisartikelForm(forms.ModelForm):
    # Choices come from the roles at run time, so a new role needs no migration here.
    doelgroep_rollen = forms.MultipleChoiceField(
        label=_("voor rollen"),
        choices=lambda: [(role, role) for role in roles.ALL_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Nieuws en werkinstructies: leeg is voor iedereen."),
    )


@admin.register(Kennisartikel)
class KennisartikelAdmin(ChangeHistoryMixin, admin.ModelAdmin):
    form = KennisartikelForm
    list_display = ["titel", "type", "publicatiestatus", "afdeling", "review_datum"]
    list_filter = ["type", "publicatiestatus", "openbaar", "belangrijk", "afdeling"]
    search_fields = ["titel", "trefwoorden"]
    autocomplete_fields = ["producten"]
    readonly_fields = ["aangemaakt", "gewijzigd"]


@admin.register(Synoniem)
class SynoniemAdmin(ChangeHistoryMixin, admin.ModelAdmin):
    list_display = ["woord", "zoek_ook"]
    search_fields = ["woord"]


@admin.register(SdgInformatiegebied)
class SdgInformatiegebiedAdmin(admin.ModelAdmin):
    list_display = ["code", "informatiegebied"]
    search_fields = ["code", "informatiegebied", "thema"]
