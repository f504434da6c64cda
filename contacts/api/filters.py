import django_filters
from django.db.models import QuerySet

from contacts import selectors
from contacts.models import Afhandeling, Contactverzoek, Kanaal, Klantcontact
from kcc.api.filters import UtcIsoDateTimeFilter


class PartijSearchFilter(django_filters.FilterSet):
    """The search paths of partij_search; `q` is the free-text box of the UI."""

    q = django_filters.CharFilter(
        label="Vrij zoeken: BSN, KvK, postcode + huisnummer, telefoon, e-mail of naam"
    )
    bsn = django_filters.CharFilter(label="BSN")
    kvk = django_filters.CharFilter(label="KvK-nummer")
    achternaam = django_filters.CharFilter(label="Achternaam (begint met) of bedrijfsnaam")
    geboortedatum = django_filters.DateFilter(label="Geboortedatum (JJJJ-MM-DD)")
    postcode = django_filters.CharFilter(label="Postcode")
    huisnummer = django_filters.NumberFilter(label="Huisnummer")
    telefoon = django_filters.CharFilter(label="Telefoonnummer")
    email = django_filters.CharFilter(label="E-mailadres")

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        criteria = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}
        text = criteria.pop("q", None)
        if text:
            return selectors.partij_search_text(text)
        if "huisnummer" in criteria:
            criteria["huisnummer"] = int(criteria["huisnummer"])
        if criteria:
            return selectors.partij_search(**criteria)
        return queryset


class KlantcontactFilter(django_filters.FilterSet):
    partij = django_filters.UUIDFilter(field_name="partij__uuid")
    kanaal = django_filters.ChoiceFilter(choices=Kanaal.choices)
    afhandeling = django_filters.ChoiceFilter(choices=Afhandeling.choices)
    plaatsgevonden_vanaf = UtcIsoDateTimeFilter(field_name="plaatsgevonden_op", lookup_expr="gte")
    plaatsgevonden_tot = UtcIsoDateTimeFilter(field_name="plaatsgevonden_op", lookup_expr="lt")

    class Meta:
        model = Klantcontact
        fields = ["partij", "kanaal", "afhandeling"]


class ContactverzoekFilter(django_filters.FilterSet):
    afdeling = django_filters.UUIDFilter(field_name="afdeling__uuid")
    team = django_filters.UUIDFilter(field_name="team__uuid")
    medewerker = django_filters.UUIDFilter(field_name="medewerker__uuid")
    partij = django_filters.UUIDFilter(field_name="klantcontact__partij__uuid")
    status = django_filters.ChoiceFilter(choices=Contactverzoek.Status.choices)

    class Meta:
        model = Contactverzoek
        fields = ["afdeling", "team", "medewerker", "partij", "status"]
