import django_filters

from catalogus import selectors
from catalogus.models import Kennisartikel, Product, Zaaktype


def search(queryset, name, value):
    return selectors.search_filter(queryset, value)


class ProductFilter(django_filters.FilterSet):
    behandelende_afdeling = django_filters.UUIDFilter(field_name="behandelende_afdeling__uuid")
    zaaktype = django_filters.UUIDFilter(field_name="zaaktype__uuid")
    doelgroep = django_filters.ChoiceFilter(
        choices=Product.Doelgroep.choices, method="filter_doelgroep"
    )
    upl_uri = django_filters.CharFilter()
    q = django_filters.CharFilter(method=search, label="Zoekvraag (typfouten en synoniemen mogen)")

    class Meta:
        model = Product
        fields = ["publicatiestatus", "knip", "behandelende_afdeling", "zaaktype", "upl_uri"]

    def filter_doelgroep(self, queryset, name, value):
        return queryset.filter(doelgroep__contains=[value])


class ZaaktypeFilter(django_filters.FilterSet):
    behandelende_afdeling = django_filters.UUIDFilter(field_name="behandelende_afdeling__uuid")

    class Meta:
        model = Zaaktype
        fields = ["identificatie", "behandelende_afdeling", "vertrouwelijkheidaanduiding"]


class KennisartikelFilter(django_filters.FilterSet):
    product = django_filters.UUIDFilter(field_name="producten__uuid")
    afdeling = django_filters.UUIDFilter(field_name="afdeling__uuid")
    q = django_filters.CharFilter(method=search, label="Zoekvraag (typfouten en synoniemen mogen)")

    class Meta:
        model = Kennisartikel
        fields = ["type", "publicatiestatus", "openbaar", "belangrijk", "product", "afdeling"]
