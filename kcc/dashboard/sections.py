"""The dashboard as a list of sections. Each app's numbers come from its own
selectors; a section provider turns them into tiles (one number each) and tables
(each possibly drawn as a chart), with the drill-down link behind every number.

A new area (zaken, satisfaction) joins the dashboard by appending its provider to
SECTION_PROVIDERS; the screen, the exports and the API follow from the list.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from catalogus import selectors as catalogus_selectors
from contacts import selectors as contacts_selectors
from contacts.models import Afhandeling, Kanaal
from kanalen import selectors as kanalen_selectors
from kcc import selectors as kcc_selectors
from kcc.kpi import KpiFilterForm, KpiFilters, Periode
from kcc.models import SlaSoort
from zaken import selectors as zaken_selectors

Number = int | float | None


@dataclass(frozen=True)
class Cel:
    waarde: Number | str
    href: str = ""

    @property
    def is_number(self) -> bool:
        return isinstance(self.waarde, int | float)


def _numeriek(cel: Cel) -> bool:
    return cel.is_number or cel.waarde is None


@dataclass(frozen=True)
class Tegel:
    key: str
    label: str
    waarde: Number
    eenheid: str = ""
    href: str = ""
    toelichting: str = ""


@dataclass(frozen=True)
class Grafiek:
    """What Chart.js draws (static/kcc/dashboard.js); the table holds the same data."""

    soort: str  # "bar" or "line"
    labels: list[str]
    reeksen: list[dict]  # [{"label": ..., "data": [...]}]


@dataclass(frozen=True)
class Tabel:
    key: str
    titel: str
    kolommen: list[str]
    rijen: list[list[Cel]]
    grafiek: Grafiek | None = None

    @property
    def koppen(self) -> list[tuple[str, bool]]:
        """Each column with whether it holds numbers (aligned right), judged by the first
        row; the first column names the row."""
        eerste = self.rijen[0] if self.rijen else []
        return [
            (kolom, index > 0 and (index >= len(eerste) or _numeriek(eerste[index])))
            for index, kolom in enumerate(self.kolommen)
        ]

    @property
    def grafiek_data(self) -> dict | None:
        if self.grafiek is None:
            return None
        return {
            "type": self.grafiek.soort,
            "labels": self.grafiek.labels,
            "datasets": self.grafiek.reeksen,
        }


@dataclass(frozen=True)
class Sectie:
    key: str
    titel: str
    tegels: list[Tegel] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)
    toelichting: str = ""


@dataclass
class DashboardContext:
    periode: Periode
    filters: KpiFilters
    form: KpiFilterForm
    _urls: dict[str, str] = field(default_factory=dict)

    @cached_property
    def _base_params(self) -> dict[str, str]:
        return self.form.query_params()

    def link(self, url_name: str, **extra) -> str:
        """The list behind a number: the same filters plus the number's own."""
        # A month's trend table alone has ~200 links: reverse each list once.
        if url_name not in self._urls:
            self._urls[url_name] = reverse(url_name)
        params = {**self._base_params, **{k: v for k, v in extra.items() if v}}
        return f"{self._urls[url_name]}?{urlencode(params)}"


def _datum(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def contacts_section(context: DashboardContext) -> Sectie:
    periode, filters = context.periode, context.filters
    lijst = "contacts:klantcontact-overzicht"
    # One read of the roll-up for the four contact KPIs.
    kpi = {
        "periode": periode,
        "filters": filters,
        "tellingen": contacts_selectors.kpi_tellingen(periode=periode, filters=filters),
    }
    per_kanaal = contacts_selectors.kpi_contacts_per_kanaal(**kpi)
    fcr = contacts_selectors.kpi_first_contact_resolution(**kpi)
    transfers = contacts_selectors.kpi_transfer_rate(**kpi)
    fcr_per_kanaal = {row["kanaal"]: row for row in fcr["per_kanaal"]}
    totaal = fcr["totaal"]

    tegels = [
        Tegel("contacten", _("Klantcontacten"), totaal["aantal"], href=context.link(lijst)),
        Tegel(
            "fcr",
            _("Direct beantwoord"),
            totaal["percentage"],
            "%",
            context.link(lijst, afhandeling=Afhandeling.DIRECT_BEANTWOORD),
            _("Norm: %(norm)s%% in één keer goed") % {"norm": fcr["norm"]},
        ),
        Tegel(
            "fcr_echt",
            _("Echt in één keer opgelost"),
            totaal["percentage_echt"],
            "%",
            context.link(lijst, afhandeling=Afhandeling.DIRECT_BEANTWOORD, herhaald="nee"),
            _("Direct beantwoord zonder herhaalcontact over hetzelfde onderwerp"),
        ),
        Tegel(
            "doorverbonden",
            _("Doorverbonden"),
            transfers["percentage"],
            "%",
            context.link(lijst, afhandeling=Afhandeling.DOORVERBONDEN),
            _("%(n)s van %(totaal)s contacten")
            % {"n": transfers["doorverbonden"], "totaal": transfers["aantal"]},
        ),
    ]

    kanaal_rijen = []
    for row in per_kanaal:
        rate = fcr_per_kanaal.get(row["kanaal"], {})
        kanaal_rijen.append(
            [
                Cel(row["label"]),
                Cel(row["aantal"], context.link(lijst, kanaal=row["kanaal"])),
                Cel(
                    rate.get("percentage"),
                    context.link(
                        lijst, kanaal=row["kanaal"], afhandeling=Afhandeling.DIRECT_BEANTWOORD
                    ),
                ),
                Cel(
                    rate.get("percentage_echt"),
                    context.link(
                        lijst,
                        kanaal=row["kanaal"],
                        afhandeling=Afhandeling.DIRECT_BEANTWOORD,
                        herhaald="nee",
                    ),
                ),
            ]
        )
    per_kanaal_tabel = Tabel(
        "contacten_per_kanaal",
        _("Klantcontacten per kanaal"),
        [_("Kanaal"), _("Contacten"), _("Direct beantwoord (%)"), _("In één keer opgelost (%)")],
        kanaal_rijen,
        Grafiek(
            "bar",
            [row["label"] for row in per_kanaal],
            [{"label": _("Contacten"), "data": [row["aantal"] for row in per_kanaal]}],
        ),
    )

    trend = contacts_selectors.kpi_contacts_trend(**kpi)
    labels = dict(Kanaal.choices)
    kanalen = list(trend["reeksen"])
    trend_rijen = []
    for index, dag in enumerate(trend["dagen"]):
        dag_link = {"periode": "aangepast", "van": dag.isoformat(), "tot": dag.isoformat()}
        trend_rijen.append(
            [Cel(_datum(dag))]
            + [
                Cel(trend["reeksen"][k][index], context.link(lijst, kanaal=k, **dag_link))
                for k in kanalen
            ]
        )
    trend_tabel = Tabel(
        "contacten_per_dag",
        _("Klantcontacten per dag en kanaal"),
        [_("Dag"), *(str(labels[k]) for k in kanalen)],
        trend_rijen,
        Grafiek(
            "line",
            [formats.date_format(dag, "j M") for dag in trend["dagen"]],
            [{"label": str(labels[k]), "data": trend["reeksen"][k]} for k in kanalen],
        ),
    )

    digitaal = contacts_selectors.kpi_digitaal_aandeel(periode=periode, filters=filters)
    digitaal_rijen = []
    for row in digitaal:
        maand = row["maand"]
        volgende = (maand + datetime.timedelta(days=32)).replace(day=1)
        maand_link = {
            "periode": "aangepast",
            "van": maand.isoformat(),
            "tot": (volgende - datetime.timedelta(days=1)).isoformat(),
        }
        digitaal_rijen.append(
            [
                Cel(formats.date_format(maand, "F Y")),
                Cel(row["aantal"], context.link(lijst, **maand_link)),
                Cel(row["digitaal"], context.link(lijst, digitaal="ja", **maand_link)),
                Cel(row["percentage"]),
            ]
        )
    digitaal_tabel = Tabel(
        "digitaal_aandeel",
        _("Digitaal aandeel per maand (e-mail, webformulier, chat)"),
        [_("Maand"), _("Contacten"), _("Digitaal"), _("Digitaal aandeel (%)")],
        digitaal_rijen,
        Grafiek(
            "line",
            [formats.date_format(row["maand"], "M Y") for row in digitaal],
            [{"label": _("Digitaal aandeel (%)"), "data": [r["percentage"] for r in digitaal]}],
        ),
    )

    top = contacts_selectors.kpi_top_onderwerpen(periode=periode, filters=filters)
    online_labels = {
        catalogus_selectors.ONLINE_PRODUCTPAGINA: _("Ja, productpagina"),
        catalogus_selectors.ONLINE_KENNISARTIKEL: _("Ja, kennisartikel"),
    }
    top_tabel = Tabel(
        "top_onderwerpen",
        _("Top 20 onderwerpen per kanaal"),
        [_("Kanaal"), _("Plaats"), _("Onderwerp"), _("Vragen"), _("Al op de website")],
        [
            [
                Cel(row["label"]),
                Cel(row["rang"]),
                Cel(row["onderwerp"]),
                Cel(
                    row["aantal"],
                    context.link(lijst, kanaal=row["kanaal"], onderwerp=row["onderwerp"]),
                ),
                Cel(online_labels.get(row["online"], _("Nee"))),
            ]
            for row in top["onderwerpen"]
        ],
    )
    online = top["per_kanaal"]
    online_tabel = Tabel(
        "online_beantwoord",
        _("Vragen die de website of de kennisbank al beantwoordt"),
        [_("Kanaal"), _("Vragen"), _("Al online beantwoord"), _("Aandeel (%)")],
        [
            [
                Cel(row["label"]),
                Cel(row["vragen"], context.link(lijst, kanaal=row["kanaal"])),
                Cel(row["online"]),
                Cel(row["percentage"]),
            ]
            for row in online
        ],
        Grafiek(
            "bar",
            [row["label"] for row in online],
            [
                {"label": _("Al online beantwoord"), "data": [row["online"] for row in online]},
                {
                    "label": _("Niet online"),
                    "data": [row["vragen"] - row["online"] for row in online],
                },
            ],
        ),
    )
    return Sectie(
        "klantcontacten",
        _("Klantcontacten"),
        tegels,
        [per_kanaal_tabel, trend_tabel, digitaal_tabel, online_tabel, top_tabel],
    )


def contactverzoeken_section(context: DashboardContext) -> Sectie:
    kpi = contacts_selectors.kpi_contactverzoeken(periode=context.periode, filters=context.filters)
    lijst = "contacts:contactverzoek-overzicht"
    per_afdeling = contacts_selectors.kpi_contactverzoeken_per_afdeling(
        periode=context.periode, filters=context.filters
    )

    def afdeling_cel(row: dict, key: str, soort: str) -> Cel:
        # Requests without an afdeling cannot be filtered on one: no link.
        href = context.link(lijst, soort=soort, afdeling=row["afdeling"]) if row["afdeling"] else ""
        return Cel(row[key], href)

    afdeling_tabel = Tabel(
        "contactverzoeken_per_afdeling",
        _("Terugbelverzoeken per afdeling"),
        [
            _("Afdeling"),
            _("Aangemaakt"),
            _("Afgehandeld"),
            _("Op tijd (%)"),
            _("Nu open"),
            _("Nu te laat"),
        ],
        [
            [
                Cel(row["naam"] or _("(geen afdeling)")),
                afdeling_cel(row, "aangemaakt", "aangemaakt"),
                afdeling_cel(row, "afgehandeld", "afgehandeld"),
                Cel(row["percentage_op_tijd"]),
                afdeling_cel(row, "open", "open"),
                afdeling_cel(row, "te_laat", "te_laat"),
            ]
            for row in per_afdeling
        ],
        Grafiek(
            "bar",
            [row["naam"] or _("(geen afdeling)") for row in per_afdeling],
            [
                {"label": _("Nu open"), "data": [row["open"] for row in per_afdeling]},
                {"label": _("Nu te laat"), "data": [row["te_laat"] for row in per_afdeling]},
            ],
        ),
    )
    return Sectie(
        "contactverzoeken",
        _("Terugbelverzoeken"),
        [
            Tegel(
                "aangemaakt",
                _("Aangemaakt"),
                kpi["aangemaakt"],
                href=context.link(lijst, soort="aangemaakt"),
            ),
            Tegel(
                "open",
                _("Nu open"),
                kpi["open"],
                href=context.link(lijst, soort="open"),
            ),
            Tegel(
                "te_laat",
                _("Nu te laat"),
                kpi["te_laat"],
                href=context.link(lijst, soort="te_laat"),
                toelichting=_("Open en over de deadline"),
            ),
            Tegel(
                "afgehandeld",
                _("Afgehandeld"),
                kpi["afgehandeld"],
                href=context.link(lijst, soort="afgehandeld"),
            ),
            Tegel(
                "op_tijd",
                _("Op tijd afgehandeld"),
                kpi["percentage_op_tijd"],
                "%",
                context.link(lijst, soort="afgehandeld"),
                _("%(n)s van %(totaal)s voor de deadline")
                % {"n": kpi["op_tijd"], "totaal": kpi["afgehandeld"]},
            ),
            Tegel(
                "doorlooptijd",
                _("Gemiddelde tijd tot afhandeling"),
                kpi["doorlooptijd_uren"],
                _("uur"),
                context.link(lijst, soort="afgehandeld"),
            ),
        ],
        tabellen=[afdeling_tabel],
        toelichting=_(
            "Afdeling en medewerker: aan wie het verzoek is toegewezen. Open en te laat: nu."
        ),
    )


def tevredenheid_section(context: DashboardContext) -> Sectie:
    kpi = contacts_selectors.kpi_tevredenheid(periode=context.periode, filters=context.filters)
    lijst = "contacts:tevredenheid-overzicht"
    totaal = kpi["totaal"]
    verdeling = kpi["verdeling"]
    per_kanaal = [row for row in kpi["per_kanaal"] if row["verstuurd"]]
    verdeling_tabel = Tabel(
        "tevredenheid_verdeling",
        _("Verdeling van de scores"),
        [_("Score"), _("Antwoorden"), _("Aandeel (%)")],
        [
            [
                Cel(str(row["score"])),
                Cel(row["aantal"], context.link(lijst, score=row["score"])),
                Cel(row["percentage"]),
            ]
            for row in verdeling
        ],
        Grafiek(
            "bar",
            [str(row["score"]) for row in verdeling],
            [{"label": _("Antwoorden"), "data": [row["aantal"] for row in verdeling]}],
        ),
    )
    kanaal_tabel = Tabel(
        "tevredenheid_per_kanaal",
        _("Tevredenheid per kanaal"),
        [_("Kanaal"), _("Verstuurd"), _("Beantwoord"), _("Respons (%)"), _("Gemiddelde score")],
        [
            [
                Cel(row["label"]),
                Cel(row["verstuurd"], context.link(lijst, kanaal=row["kanaal"])),
                Cel(row["beantwoord"], context.link(lijst, kanaal=row["kanaal"], beantwoord="ja")),
                Cel(row["respons"]),
                Cel(row["gemiddelde"]),
            ]
            for row in per_kanaal
        ],
        Grafiek(
            "bar",
            [row["label"] for row in per_kanaal],
            [{"label": _("Gemiddelde score"), "data": [row["gemiddelde"] for row in per_kanaal]}],
        ),
    )
    return Sectie(
        "tevredenheid",
        _("Klanttevredenheid"),
        [
            Tegel(
                "gemiddelde",
                _("Gemiddelde score"),
                totaal["gemiddelde"],
                _("van 5"),
                context.link(lijst, beantwoord="ja"),
            ),
            Tegel(
                "verstuurd", _("Vragen verstuurd"), totaal["verstuurd"], href=context.link(lijst)
            ),
            Tegel(
                "beantwoord",
                _("Beantwoord"),
                totaal["beantwoord"],
                href=context.link(lijst, beantwoord="ja"),
            ),
            Tegel(
                "respons",
                _("Respons"),
                totaal["respons"],
                "%",
                context.link(lijst),
                _("%(n)s van %(totaal)s beantwoord")
                % {"n": totaal["beantwoord"], "totaal": totaal["verstuurd"]},
            ),
        ],
        [verdeling_tabel, kanaal_tabel],
        _("Eén vraag (1 tot en met 5) per e-mail na een contact, gerekend naar de contactdatum."),
    )


def email_section(context: DashboardContext) -> Sectie | None:
    kpi = kanalen_selectors.kpi_emails(periode=context.periode, filters=context.filters)
    if kpi is None:
        return None
    lijst = "kanalen:email-overzicht"
    return Sectie(
        "emails",
        _("Inkomende e-mail"),
        [
            Tegel(
                "ontvangen",
                _("Ontvangen"),
                kpi["ontvangen"],
                href=context.link(lijst, soort="ontvangen"),
            ),
            Tegel("open", _("Nu open"), kpi["open"], href=context.link(lijst, soort="open")),
            Tegel(
                "te_laat",
                _("Nu over de antwoorddatum"),
                kpi["te_laat"],
                href=context.link(lijst, soort="te_laat"),
                toelichting=kpi["norm"],
            ),
        ],
    )


def berichten_section(context: DashboardContext) -> Sectie:
    kpi = kcc_selectors.kpi_berichten(periode=context.periode)
    periode = context.periode

    def link(status: str = "") -> str:
        params = {
            "aangemaakt_vanaf": periode.start.isoformat(),
            "aangemaakt_tot": periode.eind.isoformat(),
        }
        if status:
            params["status"] = status
        return f"{reverse('bericht-list')}?{urlencode(params)}"

    return Sectie(
        "berichten",
        _("Uitgaande berichten"),
        [
            Tegel("aangemaakt", _("Aangemaakt"), kpi["aangemaakt"], href=link()),
            Tegel("verstuurd", _("Verstuurd"), kpi["verstuurd"], href=link("verstuurd")),
            Tegel("mislukt", _("Mislukt"), kpi["mislukt"], href=link("mislukt")),
            Tegel("wachtend", _("Nog te versturen"), kpi["wachtend"], href=link("te_versturen")),
        ],
        toelichting=_("Alle berichten van de gemeente; de filters gelden hier niet."),
    )


def zaken_section(context: DashboardContext) -> Sectie:
    periode, filters = context.periode, context.filters
    lijst = "zaken:zaak-overzicht"
    kpi = zaken_selectors.kpi_zaken(periode=periode, filters=filters)
    per_zaaktype = zaken_selectors.kpi_zaken_per_zaaktype(periode=periode, filters=filters)
    achterstand = zaken_selectors.kpi_zaken_achterstand(filters=filters)
    return Sectie(
        "zaken",
        _("Zaken"),
        [
            Tegel(
                "gestart", _("Gestart"), kpi["gestart"], href=context.link(lijst, soort="gestart")
            ),
            Tegel(
                "afgesloten",
                _("Afgesloten"),
                kpi["afgesloten"],
                href=context.link(lijst, soort="afgesloten"),
            ),
            Tegel(
                "op_tijd",
                _("Op tijd afgesloten"),
                kpi["percentage_op_tijd"],
                "%",
                context.link(lijst, soort="op_tijd"),
                _("Vóór de uiterlijke einddatum (opschorting en verlenging meegerekend)"),
            ),
            Tegel("open", _("Nu open"), kpi["open"], href=context.link(lijst, soort="open")),
            Tegel(
                "te_laat",
                _("Nu te laat"),
                kpi["te_laat"],
                href=context.link(lijst, soort="te_laat"),
            ),
        ],
        [
            Tabel(
                "zaken_per_zaaktype",
                _("Termijnen per zaaktype"),
                [
                    _("Zaaktype"),
                    _("Afgesloten"),
                    _("Op tijd (%)"),
                    _("Nu open"),
                    _("Nu te laat"),
                ],
                [
                    [
                        Cel(row["zaaktype"]),
                        Cel(row["afgesloten"]),
                        Cel(row["percentage_op_tijd"]),
                        Cel(row["open"]),
                        Cel(row["te_laat"]),
                    ]
                    for row in per_zaaktype
                ],
            ),
            Tabel(
                "zaken_achterstand",
                _("Openstaande zaken naar leeftijd"),
                [_("Leeftijd"), _("Zaken")],
                [
                    [
                        Cel(row["leeftijd"]),
                        Cel(
                            row["aantal"],
                            context.link(lijst, soort="open", leeftijd=row["leeftijd"]),
                        ),
                    ]
                    for row in achterstand
                ],
                Grafiek(
                    "bar",
                    [row["leeftijd"] for row in achterstand],
                    [{"label": _("Open zaken"), "data": [row["aantal"] for row in achterstand]}],
                ),
            ),
        ],
    )


def sla_section(context: DashboardContext) -> Sectie:
    """Thresholds crossed in the period (the breach history of the SLA sweep)."""
    periode, filters = context.periode, context.filters
    lijst = "dashboard-sla"
    per_soort = kcc_selectors.kpi_sla_gebeurtenissen(
        periode=periode, afdeling=filters.afdeling, kanaal=filters.kanaal
    )
    per_kanaal = kcc_selectors.kpi_sla_per(
        periode=periode, afdeling=filters.afdeling, kanaal=filters.kanaal, per="kanaal"
    )
    per_afdeling = kcc_selectors.kpi_sla_per(
        periode=periode, afdeling=filters.afdeling, kanaal=filters.kanaal, per="afdeling"
    )
    soorten = [SlaSoort.WAARSCHUWING, SlaSoort.VERLOPEN, SlaSoort.ERNSTIG_VERLOPEN]
    kolommen = [_("Waarschuwing"), _("Verlopen"), _("Ernstig verlopen")]

    def tabel(key: str, titel: str, kop: str, rows: list[dict], param: str) -> Tabel:
        return Tabel(
            key,
            titel,
            [kop, *kolommen],
            [
                [
                    Cel(row["label"] or _("(onbekend)")),
                    *(
                        Cel(
                            row.get(soort, 0),
                            context.link(lijst, soort=soort, **{param: row["sleutel"]})
                            if row["sleutel"]
                            else "",
                        )
                        for soort in soorten
                    ),
                ]
                for row in rows
            ],
        )

    return Sectie(
        "sla",
        _("Termijnbewaking"),
        [
            Tegel(
                soort,
                label,
                per_soort.get(soort, 0),
                href=context.link(lijst, soort=soort),
            )
            for soort, label in zip(soorten, kolommen, strict=True)
        ],
        [
            tabel(
                "sla_per_kanaal",
                _("Termijnoverschrijdingen per kanaal"),
                _("Kanaal"),
                per_kanaal,
                "kanaal",
            ),
            tabel(
                "sla_per_afdeling",
                _("Termijnoverschrijdingen per afdeling"),
                _("Afdeling"),
                per_afdeling,
                "afdeling",
            ),
        ],
        toelichting=_(
            "Zaken, terugbelverzoeken en e-mails die in de periode een drempel passeerden: "
            "waarschuwing (75% van de termijn), verlopen en ernstig verlopen (3× de termijn)."
        ),
    )


def wachttijden_section(context: DashboardContext) -> Sectie:
    rijen = kanalen_selectors.kpi_wachttijden(periode=context.periode)
    afspraken = kanalen_selectors.kpi_afspraken(periode=context.periode)
    return Sectie(
        "wachttijden",
        _("Wachttijden en afspraken"),
        [
            Tegel("afspraken", _("Afspraken"), afspraken["aantal"]),
            Tegel(
                "no_show",
                _("Niet verschenen"),
                afspraken["percentage_no_show"],
                "%",
                toelichting=_("%(n)s van de afspraken die voorbij zijn")
                % {"n": afspraken["no_show"]},
            ),
        ],
        [
            Tabel(
                "wachttijden",
                _("Wachttijd per kanaal"),
                [
                    _("Kanaal"),
                    _("Klanten"),
                    _("Gemiddeld (s)"),
                    _("Langste (s)"),
                    _("Norm (s)"),
                    _("Binnen de norm (%)"),
                ],
                [
                    [
                        Cel(row["label"]),
                        Cel(row["aantal"]),
                        Cel(row["gemiddeld"]),
                        Cel(row["langste"]),
                        Cel(row["norm_seconden"]),
                        Cel(row["binnen_norm"]),
                    ]
                    for row in rijen
                ],
            )
        ],
        toelichting=_(
            "Telefoon, balie en chat; de filters op kanaal, afdeling en product gelden hier niet."
        ),
    )


SECTION_PROVIDERS: list[Callable[[DashboardContext], Sectie | None]] = [
    contacts_section,
    contactverzoeken_section,
    email_section,
    zaken_section,
    sla_section,
    wachttijden_section,
    berichten_section,
    tevredenheid_section,
]


def dashboard_sections(form: KpiFilterForm) -> list[Sectie]:
    """The dashboard for a valid filter form."""
    context = DashboardContext(form.kpi_periode(), form.kpi_filters(), form)
    sections = (provider(context) for provider in SECTION_PROVIDERS)
    return [section for section in sections if section is not None]
