"""The base registers: the local CSV register and the HTTP one against a real local server."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError

from contacts import registers
from contacts.services import register_bedrijf_lookup, register_persoon_lookup
from kcc.models import AuditLogEntry

API_KEY = "test-sleutel"

BRP_PERSOON = {
    "burgerservicenummer": "999993653",
    "naam": {"voornamen": "Suzanne", "voorvoegsel": "van", "geslachtsnaam": "Moulin"},
    "geboorte": {"datum": {"type": "Datum", "datum": "1985-07-31", "langFormaat": "31 juli 1985"}},
    "geheimhoudingPersoonsgegevens": True,
    "verblijfplaats": {
        "type": "Adres",
        "verblijfadres": {
            "officieleStraatnaam": "Boterdiep",
            "korteStraatnaam": "Boterdiep",
            "huisnummer": 31,
            "huisletter": "a",
            "postcode": "3077AW",
            "woonplaats": "Rotterdam",
        },
    },
}

KVK_RESULTAAT = {
    "kvkNummer": "69599084",
    "rsin": "857587973",
    "vestigingsnummer": "000038509504",
    "naam": "Test EMZ Dagobert",
    "adres": {
        "binnenlandsAdres": {
            "type": "bezoekadres",
            "straatnaam": "Abebe Bikilalaan",
            "huisnummer": 17,
            "postcode": "1034WC",
            "plaats": "Amsterdam",
        }
    },
    "type": "hoofdvestiging",
}


class _Handler(BaseHTTPRequestHandler):
    """Answers as Haal Centraal BRP Personen bevragen and KvK Zoeken do."""

    requests: list = []

    def _answer(self, status: int, body: dict) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append(("POST", self.path, dict(self.headers), body))
        if self.headers.get("X-API-KEY") != API_KEY:
            return self._answer(401, {"title": "Niet geautoriseerd"})
        if self.path != "/personen" or body.get("type") != "RaadpleegMetBurgerservicenummer":
            return self._answer(400, {"title": "Onbekend verzoek"})
        personen = [BRP_PERSOON] if "999993653" in body["burgerservicenummer"] else []
        return self._answer(200, {"type": "RaadpleegMetBurgerservicenummer", "personen": personen})

    def do_GET(self):
        url = urlsplit(self.path)
        self.requests.append(("GET", url.path, dict(self.headers), parse_qs(url.query)))
        if self.headers.get("apikey") != API_KEY:
            return self._answer(401, {"fout": [{"code": "401"}]})
        if parse_qs(url.query).get("kvkNummer") == ["69599084"]:
            return self._answer(
                200,
                {
                    "pagina": 1,
                    "resultatenPerPagina": 10,
                    "totaal": 1,
                    "resultaten": [KVK_RESULTAAT],
                },
            )
        return self._answer(404, {"fout": [{"code": "IPD5200", "omschrijving": "Geen resultaten"}]})

    def log_message(self, *args):
        pass


@pytest.fixture
def register_server():
    _Handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_register_asks_the_brp_in_its_own_shape(register_server):
    register = registers.HttpRegister(brp_url=register_server, api_key=API_KEY)
    persoon = register.persoon("999993653")
    assert persoon.geslachtsnaam == "Moulin"
    assert persoon.voorvoegsel == "van"
    assert persoon.geboortedatum == datetime.date(1985, 7, 31)
    assert persoon.geheimhouding is True
    assert persoon.adres.postcode == "3077AW"
    assert persoon.adres.huisletter == "a"
    method, path, headers, body = _Handler.requests[-1]
    assert (method, path) == ("POST", "/personen")
    assert body["type"] == "RaadpleegMetBurgerservicenummer"
    assert body["burgerservicenummer"] == ["999993653"]
    assert register.persoon("111222333") is None


def test_http_register_searches_the_handelsregister(register_server):
    register = registers.HttpRegister(kvk_url=register_server, api_key=API_KEY)
    bedrijf = register.bedrijf("69599084")
    assert (bedrijf.naam, bedrijf.rsin, bedrijf.adres.woonplaats) == (
        "Test EMZ Dagobert",
        "857587973",
        "Amsterdam",
    )
    assert register.bedrijf("12345678") is None


def test_http_register_with_a_wrong_key_fails_loudly(register_server):
    import requests

    register = registers.HttpRegister(brp_url=register_server, api_key="fout")
    with pytest.raises(requests.HTTPError):
        register.persoon("999993653")


def test_local_register_reads_the_committed_csv():
    register = registers.LocalRegister()
    assert len(register.personen()) >= 30
    assert len(register.bedrijven()) >= 5
    persoon = register.personen()[0]
    assert register.persoon(persoon.bsn) == persoon
    assert register.persoon("000000000") is None


@pytest.mark.django_db
def test_every_lookup_is_audit_logged_with_its_purpose(agent, register_server, settings):
    settings.KCC_BRP_URL = register_server
    settings.KCC_BRP_API_KEY = API_KEY
    persoon = register_persoon_lookup(
        user=agent.user, bsn="999993653", purpose="Telefonische vraag over paspoort"
    )
    assert persoon.geslachtsnaam == "Moulin"
    bedrijf_nummer = registers.LocalRegister().bedrijven()[0].kvk_nummer
    assert register_bedrijf_lookup(user=agent.user, kvk_nummer=bedrijf_nummer, purpose="Melding")
    entries = AuditLogEntry.objects.filter(actie="lookup").order_by("tijdstip", "pk")
    assert [(e.object_type, e.object_uuid, e.reden) for e in entries] == [
        ("brp-persoon", "999993653", "Telefonische vraag over paspoort"),
        ("kvk-bedrijf", bedrijf_nummer, "Melding"),
    ]


@pytest.mark.django_db
def test_invalid_bsn_is_refused_before_any_lookup(agent):
    with pytest.raises(ValidationError, match="elfproef"):
        register_persoon_lookup(user=agent.user, bsn="123456789", purpose="x")
    assert not AuditLogEntry.objects.exists()
