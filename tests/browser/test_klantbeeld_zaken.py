"""The klantbeeld in a browser: running zaken on the page, the closed ones swapped in by
keyboard, with the focus on what came in."""

import datetime

import pytest

from tests.zaken.factories import make_initiator, make_zaak
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_closed_zaken_come_in_by_keyboard(page, login, agent, axe_violations, tmp_path):
    partij = make_initiator()
    lopend = make_zaak(initiator=partij)
    afgesloten = make_zaak(initiator=partij)
    Zaak.objects.filter(pk=afgesloten.pk).update(einddatum=datetime.date(2026, 1, 5))
    login(agent.user.username)
    page.goto(f"/klantcontact/partij/{partij.uuid}/")
    page.get_by_text(lopend.identificatie).wait_for()
    assert page.get_by_text(afgesloten.identificatie).count() == 0
    page.screenshot(path=tmp_path / "klantbeeld.png", full_page=True)

    page.get_by_role("link", name="Afgesloten zaken tonen").focus()
    page.keyboard.press("Enter")
    page.get_by_text(afgesloten.identificatie).wait_for()
    page.wait_for_function("document.activeElement.id === 'zaken-afgesloten-titel'")
    assert page.url.endswith(f"/klantcontact/partij/{partij.uuid}/")
    assert axe_violations(page) == []
    page.screenshot(path=tmp_path / "klantbeeld-afgesloten.png", full_page=True)
