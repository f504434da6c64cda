import datetime

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


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment, compared in UTC: any valid offset (even -23:51) is accepted,
    where PostgreSQL itself takes offsets up to ±15:59 only."""

    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(qs, value)


class BerichtFilter(django_filters.FilterSet):
    partij = django_filters.UUIDFilter(field_name="partij_uuid")
    zaak = django_filters.UUIDFilter(field_name="zaak_uuid")
    klantcontact = django_filters.UUIDFilter(field_name="klantcontact_uuid")
    aangemaakt_vanaf = UtcIsoDateTimeFilter(field_name="aangemaakt", lookup_expr="gte")
    aangemaakt_tot = UtcIsoDateTimeFilter(field_name="aangemaakt", lookup_expr="lt")

    class Meta:
        model = Bericht
        fields = ["partij", "zaak", "klantcontact", "status", "kanaal"]
