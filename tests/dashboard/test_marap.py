"""The monthly report (MARAP): a PDF whose figures are the dashboard's for the same month."""

import datetime
import io
import time

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from contacts.models import Afhandeling, Kanaal, Vraag
from kcc import roles
from kcc.dashboard import marap, services
from kcc.dashboard.sections import dashboard_sections
from kcc.kpi import KpiFilterForm
from kcc.models import Rapport
from tests.contacts.factories import KlantcontactFactory, ProductFactory

VORIGE_MAAND = marap.previous_month(timezone.localdate())


def _pdf_text(rapport: Rapport) -> str:
    rapport.refresh_from_db()
    with rapport.bestand.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def contacten_vorige_maand():
    midden = timezone.make_aware(datetime.datetime.combine(VORIGE_MAAND[0], datetime.time(11)))
    midden += datetime.timedelta(days=9)
    for afhandeling in [Afhandeling.DIRECT_BEANTWOORD] * 5 + [Afhandeling.DOORVERBONDEN] * 2:
        KlantcontactFactory(plaatsgevonden_op=midden, afhandeling=afhandeling)
    KlantcontactFactory(plaatsgevonden_op=midden, kanaal=Kanaal.BALIE)
    # This month: not in last month's report.
    KlantcontactFactory(plaatsgevonden_op=timezone.now(), kanaal=Kanaal.CHAT)


@pytest.mark.django_db
def test_the_pdf_holds_the_key_figures_the_dashboard_shows_for_that_month(
    contacten_vorige_maand, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    rapport = Rapport.objects.create(periode_van=VORIGE_MAAND[0], periode_tot=VORIGE_MAAND[1])

    services.rapport_generate(rapport_id=rapport.pk)

    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR and rapport.klaar_op
    text = _pdf_text(rapport)
    assert "Maandrapportage Klant Contact Centrum" in text
    van = VORIGE_MAAND[0].isoformat()
    form_data = {"periode": "aangepast", "van": van, "tot": VORIGE_MAAND[1].isoformat()}
    form = KpiFilterForm(form_data)
    assert form.is_valid()
    tegels = {t.key: t for s in dashboard_sections(form) for t in s.tegels}
    assert tegels["contacten"].waarde == 8
    # As the dashboard shows them: Dutch decimal comma, "%" right after the number.
    assert "Klantcontacten 8" in text
    for key in ("fcr", "fcr_echt", "doorverbonden"):
        tegel = tegels[key]
        assert f"{tegel.label} {formats.localize(tegel.waarde)}%" in text, key
    assert "Direct beantwoord 75,0%" in text
    assert "Kanaal: Telefoon" in text and "Kanaal: Balie" in text


@pytest.mark.django_db
def test_the_pdf_holds_the_top_subjects_and_the_share_the_website_answers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    midden = timezone.make_aware(datetime.datetime.combine(VORIGE_MAAND[0], datetime.time(11)))
    grofvuil = ProductFactory(naam="Grofvuil ophalen", publicatiestatus="gepubliceerd")
    for product, onderwerp in [(grofvuil, ""), (grofvuil, ""), (None, "Boomwortels in riool")]:
        Vraag.objects.create(
            klantcontact=KlantcontactFactory(plaatsgevonden_op=midden),
            product=product,
            onderwerp=onderwerp or product.naam,
            vraag="?",
            afhandeling=Afhandeling.DIRECT_BEANTWOORD,
        )
    rapport = Rapport.objects.create(periode_van=VORIGE_MAAND[0], periode_tot=VORIGE_MAAND[1])

    services.rapport_generate(rapport_id=rapport.pk)

    text = _pdf_text(rapport)
    assert "Top 20 onderwerpen per kanaal" in text
    assert "Telefoon 1 Grofvuil ophalen 2 Ja, productpagina" in text
    assert "Telefoon 2 Boomwortels in riool 1 Nee" in text
    # Website share per kanaal: 2 of the 3 vragen, 66,7%.
    assert "Vragen die de website of de kennisbank al beantwoordt" in text
    assert "Telefoon 3 2 66,7" in text


@pytest.mark.django_db
def test_a_failing_render_is_recorded_on_the_report(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # An impossible period: the report fails, and says why.
    rapport = Rapport.objects.create(
        periode_van=datetime.date(2026, 3, 31), periode_tot=datetime.date(2026, 3, 1)
    )
    services.rapport_generate(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.MISLUKT
    assert "einddatum" in rapport.fout


@pytest.mark.django_db
def test_the_monthly_run_asks_for_last_month_once():
    eerste = services.marap_previous_month_request(today=datetime.date(2026, 12, 1))
    nog_eens = services.marap_previous_month_request(today=datetime.date(2026, 12, 1))
    assert eerste.pk == nog_eens.pk
    assert (eerste.periode_van, eerste.periode_tot) == (
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 30),
    )


@pytest.mark.django_db
def test_the_reports_page_refuses_an_unknown_month_and_hides_unfinished_files(
    client, make_medewerker
):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    response = client.post(reverse("dashboard-rapporten"), {"maand": "1999-01-01"})
    assert response.status_code == 400
    assert "Kies een maand uit de lijst." in response.content.decode()
    assert not Rapport.objects.exists()

    rapport = Rapport.objects.create(periode_van=VORIGE_MAAND[0], periode_tot=VORIGE_MAAND[1])
    url = reverse("dashboard-rapport-download", kwargs={"uuid": rapport.uuid})
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_an_agent_may_not_see_the_reports(client, agent):
    client.force_login(agent.user)
    assert client.get(reverse("dashboard-rapporten")).status_code == 403


@pytest.mark.worker
def test_a_requested_report_is_made_by_the_worker_and_downloadable(
    start_celery_worker, client, make_medewerker, contacten_vorige_maand, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    start_celery_worker(MEDIA_ROOT=tmp_path)
    manager = make_medewerker(roles.TEAMLEIDER)
    client.force_login(manager.user)

    response = client.post(reverse("dashboard-rapporten"), {"maand": VORIGE_MAAND[0].isoformat()})
    assert response.status_code == 302
    rapport = Rapport.objects.get()
    deadline = time.monotonic() + 60
    while rapport.status in (Rapport.Status.WACHTRIJ, Rapport.Status.BEZIG):
        assert time.monotonic() < deadline, "de worker maakte het rapport niet"
        time.sleep(0.5)
        rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR, rapport.fout

    download = client.get(reverse("dashboard-rapport-download", kwargs={"uuid": rapport.uuid}))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
