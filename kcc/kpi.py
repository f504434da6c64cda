"""The period and filters that every KPI selector takes, and the form that reads them
from a query string (dashboard, drill-down lists, export and API share it)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogus.models import Product
from contacts.models import Kanaal
from kcc.models import Afdeling, Medewerker

# The digital channels of the channel shift.
DIGITALE_KANALEN = (Kanaal.EMAIL, Kanaal.WEBFORMULIER, Kanaal.CHAT)

# "80% in één keer goed" (Antwoord©).
FCR_NORM_PERCENTAGE = 80


@dataclass(frozen=True)
class Periode:
    """Local days from `van` up to and including `tot`. `vanaf` and `voor` cut the first
    day's start and the last day's end at a moment: the dashboard's roll-up of a day
    can hold its contacts up to a moment, and the rest of that day is counted live."""

    van: datetime.date
    tot: datetime.date
    vanaf: datetime.datetime | None = None
    voor: datetime.datetime | None = None

    @property
    def start(self) -> datetime.datetime:
        return self.vanaf or _local_midnight(self.van)

    @property
    def eind(self) -> datetime.datetime:
        """Exclusive end: midnight after `tot`."""
        return self.voor or _local_midnight(self.tot + datetime.timedelta(days=1))


def aaneengesloten(dagen: list[datetime.date]) -> list[Periode]:
    """Sorted days as runs of consecutive days."""
    runs: list[Periode] = []
    for dag in dagen:
        if runs and runs[-1].tot + datetime.timedelta(days=1) == dag:
            runs[-1] = Periode(runs[-1].van, dag)
        else:
            runs.append(Periode(dag, dag))
    return runs


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class KpiFilters:
    kanaal: str = ""
    afdeling: Afdeling | None = None
    product: Product | None = None
    medewerker: Medewerker | None = None


def periode_for(soort: str, *, today: datetime.date, van=None, tot=None) -> Periode:
    if soort == "vandaag":
        return Periode(today, today)
    if soort == "week":
        monday = today - datetime.timedelta(days=today.weekday())
        return Periode(monday, monday + datetime.timedelta(days=6))
    if soort == "aangepast":
        return Periode(van, tot)
    first = today.replace(day=1)
    next_first = (first + datetime.timedelta(days=32)).replace(day=1)
    return Periode(first, next_first - datetime.timedelta(days=1))


class KpiFilterForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[
            ("vandaag", _("Vandaag")),
            ("week", _("Deze week")),
            ("maand", _("Deze maand")),
            ("aangepast", _("Zelf kiezen")),
        ],
        required=False,
    )
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), choices=[("", _("Alle kanalen")), *Kanaal.choices], required=False
    )
    afdeling = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Afdeling.objects.filter(actief=True),
        to_field_name="code",
        empty_label=_("Alle afdelingen"),
        required=False,
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.order_by("naam"),
        to_field_name="uuid",
        empty_label=_("Alle producten"),
        required=False,
    )
    medewerker = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=Medewerker.objects.select_related("user"),
        to_field_name="uuid",
        empty_label=_("Alle medewerkers"),
        required=False,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("periode"):
            # This month unless asked otherwise; shown as chosen in the select.
            data = data.copy()
            data["periode"] = "maand"
        super().__init__(data, *args, **kwargs)
        self.fields["medewerker"].label_from_instance = lambda m: (
            m.user.get_full_name() or m.user.username
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "utrecht-select utrecht-select--html-select"
                if isinstance(field.widget, forms.Select)
                else "utrecht-textbox utrecht-textbox--html-input"
            )

    def clean(self):
        data = super().clean()
        # An unknown periode is already a field error; it has no cleaned value.
        if data.get("periode") == "aangepast":
            van, tot = data.get("van"), data.get("tot")
            if not van:
                self.add_error("van", _("Vul een begindatum in."))
            if not tot:
                self.add_error("tot", _("Vul een einddatum in."))
            if van and tot and tot < van:
                self.add_error("tot", _("De einddatum ligt voor de begindatum."))
            if van and tot and (tot - van).days > 366:
                self.add_error("tot", _("Kies een periode van hoogstens een jaar."))
        return data

    def kpi_periode(self) -> Periode:
        data = self.cleaned_data
        return periode_for(
            data["periode"], today=timezone.localdate(), van=data.get("van"), tot=data.get("tot")
        )

    def kpi_filters(self) -> KpiFilters:
        data = self.cleaned_data
        return KpiFilters(
            kanaal=data.get("kanaal") or "",
            afdeling=data.get("afdeling"),
            product=data.get("product"),
            medewerker=data.get("medewerker"),
        )

    def query_params(self) -> dict[str, str]:
        return {k: v for k, v in self.data.items() if k in self.fields and v}

    def querystring(self, **extra) -> str:
        """The valid filters as a query string, for drill-down links and exports."""
        params = self.query_params()
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)
