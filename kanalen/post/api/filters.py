import django_filters

from kanalen.models import Poststuk, UitgaandeBrief


class PoststukFilter(django_filters.FilterSet):
    partij = django_filters.UUIDFilter(field_name="partij__uuid")
    status = django_filters.ChoiceFilter(choices=Poststuk.Status.choices)
    ontvangen_vanaf = django_filters.DateFilter(field_name="datum_ontvangen", lookup_expr="gte")
    ontvangen_tot = django_filters.DateFilter(field_name="datum_ontvangen", lookup_expr="lte")
    deadline_voor = django_filters.DateFilter(field_name="deadline", lookup_expr="lt")

    class Meta:
        model = Poststuk
        fields = ["partij", "status", "kenmerk_afzender"]


class UitgaandeBriefFilter(django_filters.FilterSet):
    partij = django_filters.UUIDFilter(field_name="partij__uuid")
    zaak = django_filters.UUIDFilter(field_name="zaak__uuid")
    poststuk = django_filters.UUIDFilter(field_name="poststuk__uuid")

    class Meta:
        model = UitgaandeBrief
        fields = ["partij", "zaak", "poststuk"]
