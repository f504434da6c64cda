"""A field with an error points at that error: every id in the field's aria-describedby
exists on the page, and together they hold the Dutch message (what a screen reader
reads when the field gets focus). One screen per shared field partial."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from kcc import roles
from tests.contacts.factories import PersoonFactory, TevredenheidsmetingFactory
from tests.contacts.test_klantcontact_screen import _post_data
from tests.factories import AfdelingFactory
from tests.kanalen.factories import BalieLocatieFactory, upload
from tests.kanalen.test_webformulieren import terugbel_data
from tests.zaken.factories import make_zaak, make_zaaktype

pytestmark = pytest.mark.django_db

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "base", "col", "wbr"}


class _Page(HTMLParser):
    """The text under each id, and the elements that say they are invalid."""

    def __init__(self, html: str):
        super().__init__()
        self.text_by_id: dict[str, str] = {}
        self.invalid: list[dict[str, str]] = []
        self._open: list[str | None] = []
        self._fieldsets: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "fieldset":
            self._fieldsets.append(attrs)
        if attrs.get("aria-invalid") == "true":
            # Django links a radio group through its fieldset, not each radio button.
            grouped = attrs.get("type") in ("radio", "checkbox") and self._fieldsets
            self.invalid.append(self._fieldsets[-1] if grouped else attrs)
        if tag in VOID:
            return
        if "id" in attrs:
            self.text_by_id.setdefault(attrs["id"], "")
        self._open.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open):
            self.text_by_id[element_id] += data


def assert_linked(response, message: str) -> None:
    page = _Page(response.content.decode())
    assert page.invalid, "no field is marked invalid"
    descriptions = []
    for element in page.invalid:
        ids = element.get("aria-describedby", "").split()
        assert ids, f"{element.get('name') or element.get('id')} has no aria-describedby"
        missing = [i for i in ids if i not in page.text_by_id]
        assert not missing, f"aria-describedby names ids not on the page: {missing}"
        descriptions.append(" ".join(page.text_by_id[i] for i in ids))
    assert any(message in description for description in descriptions), descriptions


def _klantcontact(client, make_medewerker):
    client.force_login(make_medewerker(roles.KLANTCONTACTMEDEWERKER).user)
    data = _post_data(
        **{"vragen-0-afhandeling": "terugbelverzoek", "vragen-0-cv_terugbelnummer": "12"}
    )
    url = reverse("contacts:klantbeeld", kwargs={"uuid": PersoonFactory().uuid})
    return client.post(url, data), "Dit is geen geldig telefoonnummer"


def _post_registreren(client, make_medewerker):
    client.force_login(make_medewerker(roles.POSTKAMER).user)
    data = {
        "datum_ontvangen": timezone.localdate().isoformat(),
        "onderwerp": "Bezwaar",
        "afzender_naam": "Piet",
        "scan": upload(b"MZ\x90\x00" * 50, name="brief.pdf"),
    }
    return client.post(reverse("post:registreren"), data), "geen PDF of afbeelding"


def _zaak_notitie(client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=medewerker.afdeling))
    client.force_login(medewerker.user)
    url = reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "notitie"})
    return client.post(url, {"tekst": ""}), "Dit veld is vereist."


def _dashboard(client, make_medewerker):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    data = {"periode": "aangepast", "van": "2026-11-10"}
    return client.get(reverse("dashboard"), data), "Vul een einddatum in."


def _kiosk(client, make_medewerker):
    locatie = BalieLocatieFactory()
    url = reverse("balie:kiosk-afspraak", kwargs={"locatie": locatie.slug})
    return client.post(url, {"code": "ZZZZZZ"}), "kennen wij niet"


def _login(client, make_medewerker):
    return client.post(reverse("login"), {"username": "", "password": "x"}), "Dit veld is vereist."


def _terugbellen(client, make_medewerker):
    AfdelingFactory(naam="KCC", code="kcc")
    response = client.post(reverse("formulieren:terugbellen"), terugbel_data(tijdvak=""))
    return response, "Kies wanneer wij u mogen bellen."


def _tevredenheid(client, make_medewerker):
    meting = TevredenheidsmetingFactory()
    response = client.post(f"/tevredenheid/{meting.token}", {"toelichting": "Prima"})
    return response, "Kies een cijfer van 1 tot en met 5."


@pytest.mark.parametrize(
    "screen",
    [
        _klantcontact,
        _post_registreren,
        _zaak_notitie,
        _dashboard,
        _kiosk,
        _login,
        _terugbellen,
        _tevredenheid,
    ],
)
def test_the_field_points_at_its_dutch_error(screen, client, make_medewerker, settings):
    settings.LANGUAGE_CODE = "nl"
    response, message = screen(client, make_medewerker)
    assert_linked(response, message)
