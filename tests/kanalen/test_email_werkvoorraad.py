"""The e-mail work queue screens: list, filter, detail, actions, attachments."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import DigitaalAdres
from kanalen import selectors
from kanalen.models import EmailBijlage, InkomendeEmail
from kcc.models import AuditLogEntry, Bericht
from kcc.roles import BACKOFFICE, KLANTCONTACTMEDEWERKER
from tests.contacts.factories import PersoonFactory
from tests.factories import AfdelingFactory
from tests.kanalen.conftest import make_mail
from tests.kanalen.test_email_ingest import ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent.user)
    return client


def test_the_queue_lists_open_mail_by_deadline_with_badges(agent_client):
    later, _ = ingest(make_mail(subject="Later"))
    overdue, _ = ingest(make_mail(subject="Te laat"))
    InkomendeEmail.objects.filter(pk=overdue.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=3)
    )
    ingest(make_mail(subject="Afwezig", headers={"Auto-Submitted": "auto-replied"}))

    response = agent_client.get(reverse("kanalen:email-lijst"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Te laat") < html.index("Later")
    assert "te laat</span>" in html
    assert "Afwezig" not in html
    assert later.deadline.strftime("%Y") in html


def test_the_status_filter_answers_htmx_with_the_list_only(agent_client):
    ingest(make_mail(subject="Afwezig", headers={"Auto-Submitted": "auto-replied"}))

    response = agent_client.get(
        reverse("kanalen:email-lijst"), {"status": "automatisch"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "Afwezig" in html
    assert "<h1" not in html


def test_the_nav_shows_e_mail_to_agents_only(agent_client, client, make_medewerker):
    assert 'href="/kanalen/email/"' in agent_client.get("/").content.decode()
    backoffice = make_medewerker(BACKOFFICE)
    client.force_login(backoffice.user)
    assert client.get(reverse("kanalen:email-lijst")).status_code == 403


def test_the_detail_shows_the_mail_as_text_the_klantbeeld_link_and_logs_the_view(agent_client):
    partij = PersoonFactory()
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.EMAIL, adres="jan.devries@example.nl"
    )
    item, _ = ingest(make_mail(body="<script>alert(1)</script> Mijn vraag"))

    response = agent_client.get(reverse("kanalen:email-detail", kwargs={"uuid": item.uuid}))

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mijn vraag" in html
    assert "<script>alert(1)" not in html
    assert reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}) in html
    assert AuditLogEntry.objects.filter(
        object_type="inkomende-email", object_uuid=str(item.uuid), partij_uuid=partij.uuid
    ).exists()


def test_an_attachment_downloads_as_a_file(agent_client):
    message = make_mail()
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="a.pdf")
    item, _ = ingest(message)
    bijlage = EmailBijlage.objects.get(email=item)

    response = agent_client.get(reverse("kanalen:bijlage", kwargs={"uuid": bijlage.uuid}))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"


def test_answering_from_the_screen(agent_client):
    item, _ = ingest(make_mail())
    url = reverse("kanalen:email-beantwoorden", kwargs={"uuid": item.uuid})

    empty = agent_client.post(url, {"tekst": ""})
    assert empty.status_code == 400
    assert "Schrijf een antwoord." in empty.content.decode()

    response = agent_client.post(url, {"tekst": "Dinsdag ligt het klaar."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == InkomendeEmail.Status.BEANTWOORD
    assert Bericht.objects.filter(aanleiding__startswith="Antwoord op e-mail").count() == 1


def test_a_colleague_sees_the_claim_and_cannot_answer(agent_client, client, make_medewerker):
    item, _ = ingest(make_mail())
    agent_client.post(reverse("kanalen:email-oppakken", kwargs={"uuid": item.uuid}))
    collega = make_medewerker(KLANTCONTACTMEDEWERKER)
    client.force_login(collega.user)

    detail = client.get(reverse("kanalen:email-detail", kwargs={"uuid": item.uuid}))
    assert "heeft deze e-mail opgepakt" in detail.content.decode()
    response = client.post(
        reverse("kanalen:email-beantwoorden", kwargs={"uuid": item.uuid}), {"tekst": "Ook ik."}
    )
    assert "al opgepakt" in client.get(response.url).content.decode()
    assert not Bericht.objects.filter(aanleiding__startswith="Antwoord").exists()


def test_forwarding_and_closing_from_the_screen(agent_client):
    afdeling = AfdelingFactory()
    first, _ = ingest(make_mail())
    second, _ = ingest(make_mail())

    agent_client.post(
        reverse("kanalen:email-doorsturen", kwargs={"uuid": first.uuid}),
        {"afdeling": afdeling.pk, "toelichting": ""},
    )
    no_reason = agent_client.post(reverse("kanalen:email-sluiten", kwargs={"uuid": second.uuid}))
    agent_client.post(
        reverse("kanalen:email-sluiten", kwargs={"uuid": second.uuid}), {"reden": "Spam"}
    )

    assert no_reason.status_code == 400
    assert "Geef een reden op." in no_reason.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == InkomendeEmail.Status.DOORGESTUURD
    assert second.status == InkomendeEmail.Status.GESLOTEN


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (datetime.date(2026, 11, 25), "te_laat"),
        (datetime.date(2026, 11, 26), "bijna"),  # today, a Thursday
        (datetime.date(2026, 11, 27), "bijna"),  # the next werkdag
        (datetime.date(2026, 11, 30), ""),
        (None, ""),
    ],
)
def test_deadline_urgency(deadline, expected):
    assert selectors.deadline_urgency(deadline, today=datetime.date(2026, 11, 26)) == expected


def test_the_next_werkdag_after_a_friday_is_monday():
    friday = datetime.date(2026, 11, 27)
    assert selectors.deadline_urgency(datetime.date(2026, 11, 30), today=friday) == "bijna"


def test_kennisbank_texts_for_the_answer_form(agent_client):
    from catalogus.models import Kennisartikel, Publicatiestatus

    Kennisartikel.objects.create(
        titel="Grofvuil laten ophalen",
        samenvatting="U meldt grofvuil online aan.",
        inhoud="<p>Ophalen kost <strong>niets</strong>.</p>",
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )
    Kennisartikel.objects.create(
        titel="Grofvuil concept", samenvatting="Nog niet af.", publicatiestatus="concept"
    )

    html = agent_client.get(
        reverse("kanalen:kennisbank-fragmenten"), {"q": "grofvuil"}
    ).content.decode()

    assert "Grofvuil laten ophalen" in html
    assert 'data-fragment="U meldt grofvuil online aan.\n\nOphalen kost niets."' in html
    assert "Grofvuil concept" not in html
