"""The authorisation matrix as a table, checked through the UI and the API alike.

Each row: an object and an action, whether the object is confidential (a zaak above
zaakvertrouwelijk, a klantcontact marked vertrouwelijk) and whether it belongs to the
user's own afdeling or another; then the expected answer for each role:

    ok       allowed (UI 200, or 302 after a change; API 200)
    inhoud   a zaak with its content            beperkt  only existence + customer status
    verborgen  left out for this user: API 404, the klantbeeld does not show it
    geen     the klantbeeld (partij allowed) shows no klantcontacten; API 403
    403      refused in UI and API alike

The objects are made once for the module and rolled back at its end.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from contacts.models import Contactverzoek
from kanalen.models import Poststuk, Telefoongesprek, UitgaandeBrief
from kanalen.post import services as post_services
from kcc import roles
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, PersoonFactory
from tests.dashboard.factories import InkomendeEmailFactory
from tests.factories import AfdelingFactory, BerichtFactory, MedewerkerFactory
from tests.kanalen.factories import TelefonieKoppelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import services as zaken_services

ROLES = {
    "KCM": roles.KLANTCONTACTMEDEWERKER,
    "BO": roles.BACKOFFICE,
    "TL": roles.TEAMLEIDER,
    "RED": roles.REDACTEUR,
    "BEH": roles.BEHEERDER,
    "PK": roles.POSTKAMER,
}

MATRIX = """
object           action  vertr.  afdeling  KCM        BO         TL         RED  BEH  PK
zaak             view    nee     eigen     inhoud     inhoud     inhoud     403  403  403
zaak             view    nee     andere    inhoud     inhoud     inhoud     403  403  403
zaak             view    ja      eigen     inhoud     inhoud     inhoud     403  403  403
zaak             view    ja      andere    beperkt    beperkt    beperkt    403  403  403
zaak             change  nee     eigen     403        ok         ok         403  403  403
zaak             change  nee     andere    403        403        ok         403  403  403
zaak             change  ja      eigen     403        ok         ok         403  403  403
zaak             change  ja      andere    403        403        403        403  403  403
document         view    nee     eigen     ok         ok         ok         403  403  403
document         view    nee     andere    ok         ok         ok         403  403  403
document         view    ja      eigen     ok         ok         ok         403  403  403
document         view    ja      andere    403        403        403        403  403  403
partij           view    -       -         ok         ok         ok         403  403  ok
klantcontact     view    nee     eigen     ok         ok         ok         403  403  geen
klantcontact     view    nee     andere    ok         ok         ok         403  403  geen
klantcontact     view    ja      eigen     ok         ok         ok         403  403  geen
klantcontact     view    ja      andere    verborgen  verborgen  verborgen  403  403  geen
contactverzoek   change  -       eigen     403        ok         403        403  403  403
contactverzoek   change  -       andere    403        403        403        403  403  403
bericht          view    -       -         ok         ok         ok         ok   ok   ok
email            view    -       -         ok         403        ok         403  ok   403
telefoongesprek  view    -       -         ok         403        403        403  403  403
ticket           view    -       -         ok         403        ok         403  403  403
rapportage       view    -       -         403        403        ok         403  403  403
verwerkingslog   view    -       -         403        403        403        403  ok   403
poststuk         view    -       -         ok         403        ok         403  403  ok
poststuk         add     -       -         403        403        403        403  403  ok
poststuk         change  -       -         ok         403        ok         403  403  ok
brief            view    -       -         ok         ok         ok         403  403  ok
brief            view    nee     andere    ok         ok         ok         403  403  ok
brief            view    ja      eigen     ok         ok         ok         403  403  ok
brief            view    ja      andere    403        403        403        403  403  403
brief            add     -       -         ok         ok         403        403  403  ok
"""


@dataclass(frozen=True)
class Case:
    object: str
    action: str
    vertrouwelijk: str
    afdeling: str
    role: str
    expected: str

    def __str__(self) -> str:
        return f"{self.role}-{self.object}-{self.action}-{self.vertrouwelijk}-{self.afdeling}"


def _cases() -> list[Case]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    role_names = header[4:]
    return [
        Case(*row[:4], role, expected)
        for row in rows
        for role, expected in zip(role_names, row[4:], strict=True)
    ]


CASES = _cases()
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _brief(partij, zaak) -> UitgaandeBrief:
    return UitgaandeBrief.objects.create(
        kenmerk=f"BRIEF-{UitgaandeBrief.objects.count() + 1}",
        partij=partij,
        adresregels="Dorpsstraat 1",
        zaak=zaak,
        datum=timezone.localdate(),
        onderwerp="Uw aanvraag",
        tekst="Geachte heer, mevrouw,",
        pdf=SimpleUploadedFile("brief.pdf", PDF),
    )


class World:
    """Users of every role in afdeling "eigen"; objects in "eigen" and "andere"."""

    def __init__(self):
        afdelingen = {"eigen": AfdelingFactory(), "andere": AfdelingFactory()}
        self.users = {
            key: MedewerkerFactory(user__roles=[role], afdeling=afdelingen["eigen"]).user
            for key, role in ROLES.items()
        }
        collega = {
            key: MedewerkerFactory(afdeling=afdeling) for key, afdeling in afdelingen.items()
        }
        self.objects = {}
        for vertrouwelijk, level in [("nee", "openbaar"), ("ja", "vertrouwelijk")]:
            for key, afdeling in afdelingen.items():
                zaak = make_zaak(
                    zaaktype=make_zaaktype(
                        afdeling=afdeling,
                        vertrouwelijkheidaanduiding=level,
                        opschorting_en_aanhouding_mogelijk=True,
                    )
                )
                self.objects[("zaak", vertrouwelijk, key)] = zaak
                self.objects[("document", vertrouwelijk, key)] = zaken_services.zaak_document_add(
                    zaak=zaak, bestand=SimpleUploadedFile("besluit.pdf", PDF), door=None
                )
                self.objects[("klantcontact", vertrouwelijk, key)] = KlantcontactFactory(
                    medewerker=collega[key],
                    vertrouwelijk=vertrouwelijk == "ja",
                    onderwerp=f"Onderwerp {vertrouwelijk} {key}",
                )
        for key, afdeling in afdelingen.items():
            self.objects[("contactverzoek", "-", key)] = ContactverzoekFactory(afdeling=afdeling)
        partij = PersoonFactory(achternaam="D'Hondt")
        self.objects[("partij", "-", "-")] = partij
        self.objects[("verwerkingslog", "-", "-")] = partij
        self.objects[("bericht", "-", "-")] = BerichtFactory(partij_uuid=partij.uuid)
        self.objects[("email", "-", "-")] = InkomendeEmailFactory(partij=partij)
        self.objects[("poststuk", "-", "-")] = post_services.poststuk_register(
            partij=partij,
            afzender_naam="",
            afzender_adres="",
            datum_ontvangen=timezone.localdate(),
            onderwerp="Bezwaar",
            kenmerk_afzender="",
            scan=SimpleUploadedFile("brief.pdf", PDF),
            door=None,
        )
        for (soort, vertrouwelijk, key), zaak in list(self.objects.items()):
            if soort == "zaak":
                self.objects[("brief", vertrouwelijk, key)] = _brief(partij, zaak)
        self.objects[("brief", "-", "-")] = _brief(partij, None)
        self.objects[("rapportage", "-", "-")] = None
        self.objects[("ticket", "-", "-")] = None
        self.objects[("telefoongesprek", "-", "-")] = Telefoongesprek.objects.create(
            koppeling=TelefonieKoppelingFactory(),
            extern_id="gesprek-1",
            beller="+31612345678",
            partij=partij,
            begonnen_op=timezone.now(),
        )

    def get(self, case: Case):
        return self.objects[(case.object, case.vertrouwelijk, case.afdeling)]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


# --- How each object is reached: the UI URL and the API endpoint ------------------


def _zaak_view(client, api, zaak, expected):
    ui = client.get(reverse("zaken:zaak", kwargs={"uuid": zaak.uuid}))
    answer = api.get(f"/api/v1/zaken/{zaak.uuid}")
    if expected == "403":
        return ui.status_code == 403 and answer.status_code == 403
    content = "Tijdlijn" in ui.content.decode()
    api_content = "omschrijving" in answer.json()
    assert ui.status_code == answer.status_code == 200
    return content == api_content == (expected == "inhoud")


def _zaak_change(client, api, zaak, expected):
    with transaction.atomic():  # undone, so the API meets the same zaak
        ui = client.post(
            reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "opschorten"}),
            {"reden": "Wacht op stukken"},
        )
        zaak.refresh_from_db()
        ui_changed = zaak.opschorting_indicatie
        transaction.set_rollback(True)
    answer = api.post(f"/api/v1/zaken/{zaak.uuid}/opschorten", {"reden": "Wacht op stukken"})
    if expected == "403":
        return (ui.status_code, answer.status_code, ui_changed) == (403, 403, False)
    return ui.status_code == 302 and ui_changed and answer.status_code == 200


def _document_view(client, api, document, expected):
    ui = client.get(reverse("zaken:document", kwargs={"uuid": document.uuid}))
    answer = api.get(f"/api/v1/zaken/{document.zaak.uuid}/documenten")
    want = 200 if expected == "ok" else 403
    return ui.status_code == answer.status_code == want


def _partij_view(client, api, partij, expected):
    ui = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}))
    answer = api.get(f"/api/v1/partijen/{partij.uuid}")
    if expected == "403":
        return ui.status_code == answer.status_code == 403
    shown = escape(partij.naam) in ui.content.decode()
    return ui.status_code == answer.status_code == 200 and shown


def _klantcontact_view(client, api, klantcontact, expected):
    ui = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": klantcontact.partij.uuid}))
    answer = api.get(f"/api/v1/klantcontacten/{klantcontact.uuid}")
    if expected == "403":
        return ui.status_code == answer.status_code == 403
    shown = klantcontact.onderwerp in ui.content.decode()
    if expected == "verborgen":
        return ui.status_code == 200 and not shown and answer.status_code == 404
    if expected == "geen":
        return ui.status_code == 200 and not shown and answer.status_code == 403
    return ui.status_code == answer.status_code == 200 and shown


def _contactverzoek_change(client, api, verzoek, expected):
    with transaction.atomic():  # undone, so the API meets the same contactverzoek
        ui = client.post(reverse("contacts:contactverzoek-oppakken", kwargs={"uuid": verzoek.uuid}))
        ui_changed = Contactverzoek.objects.get(pk=verzoek.pk).medewerker_id is not None
        transaction.set_rollback(True)
    answer = api.post(f"/api/v1/contactverzoeken/{verzoek.uuid}/oppakken")
    if expected == "403":
        return (ui.status_code, answer.status_code, ui_changed) == (403, 403, False)
    return ui.status_code == 302 and ui_changed and answer.status_code == 200


def _bericht_view(client, api, bericht, expected):
    want = 200 if expected == "ok" else 403
    return api.get(f"/api/v1/berichten/{bericht.uuid}").status_code == want


def _email_view(client, api, email, expected):
    want = 200 if expected == "ok" else 403
    return client.get(reverse("kanalen:email-detail", kwargs={"uuid": email.uuid})).status_code == (
        want
    )


def _telefoongesprek_view(client, api, gesprek, expected):
    want = 200 if expected == "ok" else 403
    return api.get(f"/api/v1/telefonie/gesprekken/{gesprek.uuid}").status_code == want


def _ticket_view(client, api, _, expected):
    want = 200 if expected == "ok" else 403
    ui = client.get(reverse("balie:agent"))
    answer = api.get("/api/v1/balie/tickets")
    return ui.status_code == answer.status_code == want


def _rapportage_view(client, api, _, expected):
    want = 200 if expected == "ok" else 403
    ui = client.get(reverse("dashboard"))
    answer = api.get("/api/v1/rapportages/dashboard")
    return ui.status_code == answer.status_code == want


def _verwerkingslog_view(client, api, partij, expected):
    want = 200 if expected == "ok" else 403
    ui = client.get(reverse("inzage-partij", kwargs={"uuid": partij.uuid}))
    answer = api.get(f"/api/v1/partijen/{partij.uuid}/verwerkingen")
    return ui.status_code == answer.status_code == want


def _poststuk_view(client, api, poststuk, expected):
    want = 200 if expected == "ok" else 403
    ui = client.get(reverse("post:detail", kwargs={"uuid": poststuk.uuid}))
    answer = api.get(f"/api/v1/poststukken/{poststuk.uuid}")
    return ui.status_code == answer.status_code == want


def _poststuk_add(client, api, _, expected):
    # Allowed: the form, and the API's answer to an empty letter (400 per field).
    ui = client.get(reverse("post:registreren"))
    answer = api.post("/api/v1/poststukken", {}, format="multipart")
    if expected == "403":
        return ui.status_code == answer.status_code == 403
    return ui.status_code == 200 and answer.status_code == 400


def _poststuk_change(client, api, poststuk, expected):
    with transaction.atomic():  # undone, so the API meets the same open letter
        ui = client.post(reverse("post:route-werkvoorraad", kwargs={"uuid": poststuk.uuid}))
        ui_changed = Poststuk.objects.get(pk=poststuk.pk).status == Poststuk.Status.WERKVOORRAAD
        transaction.set_rollback(True)
    with transaction.atomic():
        answer = api.post(
            f"/api/v1/poststukken/{poststuk.uuid}/routeren",
            {"route": "werkvoorraad"},
            format="json",
        )
        transaction.set_rollback(True)
    if expected == "403":
        return (ui.status_code, answer.status_code, ui_changed) == (403, 403, False)
    return ui.status_code == 302 and ui_changed and answer.status_code == 200


def _brief_view(client, api, brief, expected):
    want = 200 if expected == "ok" else 403
    ui = client.get(reverse("post:brief", kwargs={"uuid": brief.uuid}))
    answer = api.get(f"/api/v1/uitgaande-brieven/{brief.uuid}")
    listed = api.get("/api/v1/uitgaande-brieven", {"partij": str(brief.partij.uuid)})
    in_list = listed.status_code == 200 and str(brief.uuid) in listed.content.decode()
    return ui.status_code == answer.status_code == want and in_list == (expected == "ok")


def _brief_add(client, api, _, expected):
    ui = client.get(reverse("post:brief-nieuw"))
    answer = api.post("/api/v1/uitgaande-brieven", {}, format="json")
    if expected == "403":
        return ui.status_code == answer.status_code == 403
    return ui.status_code == 200 and answer.status_code == 400


CHECKS = {
    ("zaak", "view"): _zaak_view,
    ("zaak", "change"): _zaak_change,
    ("document", "view"): _document_view,
    ("partij", "view"): _partij_view,
    ("klantcontact", "view"): _klantcontact_view,
    ("contactverzoek", "change"): _contactverzoek_change,
    ("bericht", "view"): _bericht_view,
    ("email", "view"): _email_view,
    ("telefoongesprek", "view"): _telefoongesprek_view,
    ("ticket", "view"): _ticket_view,
    ("rapportage", "view"): _rapportage_view,
    ("verwerkingslog", "view"): _verwerkingslog_view,
    ("poststuk", "view"): _poststuk_view,
    ("poststuk", "add"): _poststuk_add,
    ("poststuk", "change"): _poststuk_change,
    ("brief", "view"): _brief_view,
    ("brief", "add"): _brief_add,
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_matrix(case, world, client, api_client):
    user = world.users[case.role]
    client.force_login(user)
    api_client.force_authenticate(user)
    check = CHECKS[(case.object, case.action)]
    assert check(client, api_client, world.get(case), case.expected), case


def test_every_rule_of_the_matrix_is_in_this_table():
    """A new rule in kcc.authz needs a row here (browse/add/assign are tested where
    their screens are)."""
    from kcc import authz

    tested = {(rule.object_type, rule.action) for rule in authz.MATRIX} & set(CHECKS)
    assert tested == set(CHECKS)
