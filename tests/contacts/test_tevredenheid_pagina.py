"""The public survey page: no login, answered once, unknown tokens not found."""

import pytest
from django.utils.html import escape

from contacts.models import Tevredenheidsmeting
from tests.contacts.factories import TevredenheidsmetingFactory

pytestmark = pytest.mark.django_db


def test_the_page_needs_no_login_and_shows_the_question(client):
    meting = TevredenheidsmetingFactory()

    response = client.get(f"/tevredenheid/{meting.token}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoe tevreden bent u over dit contact?" in html
    assert 'type="radio" name="score" value="5"' in html
    assert "noindex" in html


def test_answering_stores_score_and_comment_and_thanks(client):
    meting = TevredenheidsmetingFactory()

    response = client.post(
        f"/tevredenheid/{meting.token}", {"score": "2", "toelichting": "Lang gewacht"}
    )

    assert response.status_code == 302
    meting.refresh_from_db()
    assert (meting.score, meting.toelichting) == (2, "Lang gewacht")
    page = client.get(response["Location"])
    assert "Wij hebben uw antwoord ontvangen." in page.content.decode()


def test_a_second_answer_is_refused_and_the_first_kept(client):
    meting = TevredenheidsmetingFactory()
    client.post(f"/tevredenheid/{meting.token}", {"score": "5"})

    response = client.post(f"/tevredenheid/{meting.token}", {"score": "1", "toelichting": "x"})

    assert response.status_code == 409
    assert escape("U heeft deze vraag al eerder beantwoord") in response.content.decode()
    meting.refresh_from_db()
    assert (meting.score, meting.toelichting) == (5, "")


def test_without_a_score_a_dutch_error_and_nothing_stored(client):
    meting = TevredenheidsmetingFactory()

    response = client.post(f"/tevredenheid/{meting.token}", {"toelichting": "Prima"})

    assert response.status_code == 400
    assert "Kies een cijfer van 1 tot en met 5." in response.content.decode()
    assert not Tevredenheidsmeting.objects.filter(beantwoord_op__isnull=False).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_token_is_not_found(client, method):
    TevredenheidsmetingFactory()
    response = getattr(client, method)("/tevredenheid/raden-lukt-niet", {"score": "5"})
    assert response.status_code == 404
