"""Per-kanaal rate limits: a token bucket in the real Redis, shared by all workers."""

import pytest
from django.conf import settings

from kcc import outbox, ratelimit
from kcc.models import Bericht
from kcc.services import bericht_queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_buckets():
    client = ratelimit._client(settings.REDIS_CONNECTION_URL)
    client.delete("kcc:ratelimit:sms", "kcc:ratelimit:email")


def test_a_kanaal_without_a_limit_is_not_limited(settings):
    settings.KCC_OUTBOX_RATE_LIMITS = ["sms=2"]
    assert ratelimit.acquire("email", 500) == (500, 0.0)


def test_the_bucket_gives_its_burst_and_says_when_the_rest_can_go(settings):
    settings.KCC_OUTBOX_RATE_LIMITS = ["sms=5"]
    settings.KCC_OUTBOX_RATE_BURST_SECONDS = 2
    granted, wait = ratelimit.acquire("sms", 25)
    assert granted == 10
    assert wait > 0
    granted_again, _ = ratelimit.acquire("sms", 25)
    assert granted_again < 10  # the bucket is shared, not per call


def test_delivery_sends_what_the_limit_allows_and_leaves_the_rest_untouched(settings, tmp_path):
    settings.KCC_OUTBOX_RATE_LIMITS = ["sms=3"]
    settings.KCC_SMS_BACKEND = "file"
    settings.KCC_SMS_FILE = tmp_path / "sms.jsonl"
    berichten = [
        bericht_queue(kanaal=Bericht.Kanaal.SMS, ontvanger="0612345678", inhoud=f"Bericht {n}")
        for n in range(5)
    ]

    tried = outbox.berichten_deliver(bericht_ids=[b.pk for b in berichten])

    assert len(tried) == 3
    statuses = sorted(Bericht.objects.values_list("status", "pogingen"))
    assert statuses == [("te_versturen", 0)] * 2 + [("verstuurd", 1)] * 3
