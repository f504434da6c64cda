"""The kinds of berichten KCC sends on its own, their variables and default texts.

A beheerder edits the texts (BerichtSjabloon, per soort and kanaal) in Django
template syntax: `{{ naam }}`, `{% if terugbellen %}…{% endif %}`, filters such
as `{{ uiterlijk|date:"j F Y" }}`. Only the variables of the soort may be used;
a text with another variable or a syntax error cannot be saved. Without a
stored text the default below is used, so a bericht always has a text.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.defaulttags import ForNode
from django.utils import translation

EMAIL = "email"
SMS = "sms"

_GROET = "Met vriendelijke groet,\n{{ organisatie }}"
_AUTOMATISCH = "\n\nDit is een automatisch bericht."


@dataclass(frozen=True)
class Soort:
    label: str
    variabelen: dict[str, str]
    voorbeeld: dict
    # Default (onderwerp, inhoud) per kanaal.
    teksten: dict[str, tuple[str, str]] = field(default_factory=dict)


SOORTEN: dict[str, Soort] = {
    "zaak_status": Soort(
        label="Nieuwe status van een zaak",
        variabelen={
            "naam": "naam van de klant",
            "zaaknummer": "zaaknummer",
            "status": "naam van de nieuwe status",
            "statustekst": "uitleg van de status voor de klant",
            "zaaktype": "omschrijving van het zaaktype",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "zaaknummer": "ZAAK-2026-0000123",
            "status": "In behandeling",
            "statustekst": "Uw aanvraag is in behandeling genomen.",
            "zaaktype": "Aanvraag parkeervergunning",
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Nieuwe status van uw zaak {{ zaaknummer }}",
                "Beste {{ naam }},\n\n{{ statustekst }}\n\nZaaknummer: {{ zaaknummer }}\n\n"
                + _GROET,
            ),
            SMS: ("", "{{ organisatie }}: {{ statustekst }} (zaak {{ zaaknummer }})"),
        },
    ),
    "documenten_herinnering": Soort(
        label="Herinnering: wij wachten op uw documenten (opgeschorte zaak)",
        variabelen={
            "naam": "naam van de klant",
            "zaaknummer": "zaaknummer",
            "zaaktype": "omschrijving van het zaaktype",
            "reden": "reden van de opschorting (wat we nodig hebben)",
            "sinds": "datum waarop de zaak is opgeschort",
            "statuspagina_url": "link naar de statuspagina van de zaak",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "zaaknummer": "ZAAK-2026-0000123",
            "zaaktype": "Aanvraag parkeervergunning",
            "reden": "Kopie van het kentekenbewijs ontbreekt",
            "sinds": datetime.date(2026, 11, 16),
            "statuspagina_url": "https://kcc.gemeente-voorbeeld.example/zaak/voorbeeld",
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Wij wachten op uw documenten voor zaak {{ zaaknummer }}",
                'Beste {{ naam }},\n\nSinds {{ sinds|date:"j F Y" }} ligt uw aanvraag '
                "'{{ zaaktype }}' stil, omdat wij iets van u nodig hebben: {{ reden }}.\n\n"
                "Stuur het ons zo snel mogelijk, dan gaan wij verder met uw aanvraag. "
                "Bekijk uw aanvraag op {{ statuspagina_url }}\n\n" + _GROET + _AUTOMATISCH,
            ),
            SMS: (
                "",
                "{{ organisatie }}: wij wachten op uw documenten voor zaak {{ zaaknummer }} "
                "({{ reden }}). Zie {{ statuspagina_url }}",
            ),
        },
    ),
    "zaak_ontvangstbevestiging": Soort(
        label="Ontvangstbevestiging van een aanvraag (zaak)",
        variabelen={
            "naam": "naam van de klant",
            "zaaknummer": "zaaknummer",
            "product": "het aangevraagde product of zaaktype",
            "uiterlijk": "datum waarop de klant uiterlijk antwoord heeft",
            "statuspagina_url": "link naar de statuspagina van de zaak",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "zaaknummer": "ZAAK-2026-0000123",
            "product": "Parkeervergunning bewoners",
            "uiterlijk": datetime.date(2026, 12, 18),
            "statuspagina_url": "https://kcc.gemeente-voorbeeld.example/zaak/voorbeeld",
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Ontvangstbevestiging {{ zaaknummer }}",
                "Beste {{ naam }},\n\nWij hebben uw aanvraag '{{ product }}' ontvangen onder "
                "zaaknummer {{ zaaknummer }}. U hoort uiterlijk "
                '{{ uiterlijk|date:"d-m-Y" }} van ons.\n\n'
                "Volg uw aanvraag op {{ statuspagina_url }}\n\n" + _GROET,
            ),
        },
    ),
    "email_ontvangstbevestiging": Soort(
        label="Ontvangstbevestiging van een e-mail",
        variabelen={
            "naam": "naam van de afzender (of 'heer/mevrouw')",
            "onderwerp": "onderwerp van de e-mail met de referentie; laat die staan, "
            "dan komt een antwoord bij dezelfde e-mail",
            "referentie": "referentie van de e-mail",
            "uiterlijk": "datum waarop de afzender uiterlijk antwoord heeft",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "onderwerp": "Vraag over mijn paspoort [KCC-2026-000042]",
            "referentie": "KCC-2026-000042",
            "uiterlijk": datetime.date(2026, 12, 1),
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Ontvangstbevestiging: {{ onderwerp }}",
                "Beste {{ naam }},\n\nWij hebben uw e-mail ontvangen. U krijgt uiterlijk "
                '{{ uiterlijk|date:"j F Y" }} antwoord.\n\nUw referentie is {{ referentie }}. '
                "Wilt u iets aanvullen? Beantwoord dan deze e-mail; laat de referentie in het "
                "onderwerp staan.\n\n" + _GROET + _AUTOMATISCH,
            ),
        },
    ),
    "webformulier_bevestiging": Soort(
        label="Bevestiging van een webformulier (vraag of terugbelverzoek)",
        variabelen={
            "naam": "naam van de klant",
            "terugbellen": "waar als de klant wil worden teruggebeld",
            "referentie": "referentie van het formulier",
            "uiterlijk": "datum waarop de klant uiterlijk antwoord heeft",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "terugbellen": True,
            "referentie": "WEB-2026-000042",
            "uiterlijk": datetime.date(2026, 11, 30),
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Wij hebben uw {% if terugbellen %}terugbelverzoek{% else %}vraag{% endif %} "
                "ontvangen [{{ referentie }}]",
                "Beste {{ naam }},\n\nWij hebben uw formulier ontvangen. Wij geven "
                "{% if terugbellen %}u terug{% else %}op uw vraag antwoord{% endif %} uiterlijk "
                '{{ uiterlijk|date:"j F Y" }}.\n\nUw referentie is {{ referentie }}.\n\n'
                + _GROET
                + _AUTOMATISCH,
            ),
        },
    ),
    "tevredenheid_uitnodiging": Soort(
        label="Uitnodiging voor het tevredenheidsonderzoek na een klantcontact",
        variabelen={
            "naam": "naam van de klant",
            "contactdatum": "datum van het klantcontact",
            "kanaal": "kanaal van het klantcontact (telefoon, balie, ...)",
            "tevredenheid_url": "link naar de vraag (persoonlijk, één keer te beantwoorden)",
            "organisatie": "naam van de gemeente",
        },
        voorbeeld={
            "naam": "J. de Vries",
            "contactdatum": datetime.date(2026, 11, 16),
            "kanaal": "telefoon",
            "tevredenheid_url": "https://kcc.gemeente-voorbeeld.example/tevredenheid/voorbeeld",
            "organisatie": "Gemeente Voorbeeld",
        },
        teksten={
            EMAIL: (
                "Hoe tevreden bent u over uw contact met ons?",
                'Beste {{ naam }},\n\nOp {{ contactdatum|date:"d-m-Y" }} had u contact met ons '
                "({{ kanaal }}). Wilt u ons laten weten hoe tevreden u daarover bent? "
                "Het is één vraag.\n\n{{ tevredenheid_url }}\n\n" + _GROET,
            ),
        },
    ),
    # A campagne carries its own text (kcc.models.Campagne); these are its variables.
    "campagne": Soort(
        label="Campagne (eigen tekst per campagne)",
        variabelen={"naam": "naam van de klant", "organisatie": "naam van de gemeente"},
        voorbeeld={"naam": "J. de Vries", "organisatie": "Gemeente Voorbeeld"},
    ),
}

# Plain text: nothing is HTML-escaped; no template loaders, so no include/extends.
_ENGINE = Engine(autoescape=False, loaders=[], libraries={})


def soort_choices() -> list[tuple[str, str]]:
    """The soorten with an editable template (a campagne has its own text)."""
    return [(code, soort.label) for code, soort in SOORTEN.items() if soort.teksten]


def default_text(code: str, kanaal: str) -> tuple[str, str] | None:
    return SOORTEN[code].teksten.get(kanaal)


def _used_names(template) -> set[str]:
    """Every variable a template reads: in {{ … }} and in tag arguments ({% if x %})."""
    names: set[str] = set()
    bound: set[str] = {"forloop"}
    for node in template.nodelist.get_nodes_by_type(ForNode):
        bound.update(node.loopvars)
    variable_nodes = template.nodelist.get_nodes_by_type(VariableNode)
    expressions = [node.filter_expression for node in variable_nodes]
    for node in _all_nodes(template.nodelist):
        for condition, _ in getattr(node, "conditions_nodelists", []):
            expressions += _condition_expressions(condition)
        if isinstance(node, ForNode):
            expressions.append(node.sequence)
    for expression in expressions:
        var = expression.var
        lookups = getattr(var, "lookups", None)
        if lookups:
            names.add(lookups[0])
        for _, args in expression.filters:
            for _, arg in args:
                if getattr(arg, "lookups", None):
                    names.add(arg.lookups[0])
    return names - bound


def _all_nodes(nodelist):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _all_nodes(getattr(node, attr, None) or [])
        for _, child in getattr(node, "conditions_nodelists", []):
            yield from _all_nodes(child)


def _condition_expressions(condition) -> list:
    """The FilterExpressions in an {% if %} condition tree (smartif operators)."""
    if condition is None:
        return []
    if hasattr(condition, "value") and hasattr(condition.value, "var"):
        return [condition.value]
    return _condition_expressions(getattr(condition, "first", None)) + _condition_expressions(
        getattr(condition, "second", None)
    )


@functools.lru_cache(maxsize=256)
def _compiled(text: str):
    """A template per text: an edited template is a new text, so nothing goes stale."""
    return _ENGINE.from_string(text)


def _compile(text: str, field_name: str):
    try:
        return _compiled(text)
    except TemplateSyntaxError as error:
        raise ValidationError({field_name: [f"De opmaak klopt niet: {error}"]}) from None


def validate(*, code: str, onderwerp: str, inhoud: str) -> None:
    """Raise a ValidationError per field for a syntax error or an unknown variable."""
    soort = SOORTEN.get(code)
    if soort is None:
        raise ValidationError({"code": ["Onbekende berichtsoort."]})
    errors: dict[str, list[str]] = {}
    for field_name, text in (("onderwerp", onderwerp), ("inhoud", inhoud)):
        try:
            template = _compile(text, field_name)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        unknown = sorted(_used_names(template) - set(soort.variabelen))
        if unknown:
            names = ", ".join("{{ " + name + " }}" for name in unknown)
            allowed = ", ".join(soort.variabelen)
            errors[field_name] = [
                f"Onbekende variabele {names}. Deze berichtsoort kent: {allowed}."
            ]
            continue
        try:
            _render(template, soort.voorbeeld)
        except Exception as error:  # noqa: BLE001 - any failure on the example data blocks saving
            errors[field_name] = [f"Deze tekst is niet te maken met voorbeeldgegevens: {error}"]
    if errors:
        raise ValidationError(errors)


def _render(template, context: dict) -> str:
    with translation.override("nl"):
        return template.render(Context(context, autoescape=False))


def render(*, onderwerp: str, inhoud: str, context: dict) -> tuple[str, str]:
    """The subject (on one line) and body of a bericht from a template's texts."""
    subject = _render(_compiled(onderwerp), context) if onderwerp else ""
    return " ".join(subject.split())[:255], _render(_compiled(inhoud), context).strip()


def preview(*, code: str, onderwerp: str, inhoud: str) -> tuple[str, str]:
    """The texts rendered on the soort's example data; raises ValidationError when invalid."""
    validate(code=code, onderwerp=onderwerp, inhoud=inhoud)
    return render(onderwerp=onderwerp, inhoud=inhoud, context=SOORTEN[code].voorbeeld)
