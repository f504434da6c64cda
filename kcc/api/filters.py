import django_filters

from kcc.models import Afdeling, Bericht, Medewerker


class AfdelingFilter(django_filters.FilterSet):
    parent = django_filters.UUIDFilter(field_name="parent__uuid")

    class Meta:
        model = Afdeling
        fields = ["code", "actief", "parent"]


class MedewerkerFilter(django_filters.FilterSet):
    afdeling = django_filters.UUIDFilter(field_name="afdeling__uuid")
    team = django_filters.UUIDFilter(field_name="team__uuid")
    rol = django_filters.CharFilter(field_name="user__groups__name")

    class Meta:
        model = Medewerker
        fields = ["afdeling", "team", "rol"]


class BerichtFilter(django_filters.FilterSet):
    partij = django_filters.UUIDFilter(field_name="partij_uuid")
    zaak = django_filters.UUIDFilter(field_name="zaak_uuid")
    klantcontact = django_filters.UUIDFilter(field_name="klantcontact_uuid")
    aangemaakt_vanaf = django_filters.IsoDateTimeFilter(field_name="aangemaakt", lookup_expr="gte")
    aangemaakt_tot = django_filters.IsoDateTimeFilter(field_name="aangemaakt", lookup_expr="lt")

    class Meta:
        model = Bericht
        fields = ["partij", "zaak", "klantcontact", "status", "kanaal"]
