"""Per-kanaal rate limits for delivery: a token bucket in Redis shared by all workers.

KCC_OUTBOX_RATE_LIMITS ("sms=10,email=200", per second) sets a kanaal's rate;
a kanaal without one is not limited. The bucket holds at most
KCC_OUTBOX_RATE_BURST_SECONDS worth of tokens, so a quiet minute does not let a
burst through that the provider would refuse.
"""

import logging
from functools import cache

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

# Refill by Redis' own clock, take what is there (up to the wish), answer what was
# taken and how long until the rest would be there.
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
local wait = 0
if granted < want then
  wait = (math.min(want - granted, burst) - tokens) / rate
end
return {granted, tostring(wait)}
"""


def rates() -> dict[str, float]:
    """The configured rate per kanaal (messages per second)."""
    result = {}
    for item in settings.KCC_OUTBOX_RATE_LIMITS:
        kanaal, _, rate = item.partition("=")
        if rate.strip():
            result[kanaal.strip()] = float(rate)
    return result


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def acquire(kanaal: str, want: int) -> tuple[int, float]:
    """Take up to `want` sends for this kanaal: (granted, seconds until the rest can go)."""
    rate = rates().get(kanaal)
    if not rate or want <= 0:
        return want, 0.0
    burst = max(1.0, rate * settings.KCC_OUTBOX_RATE_BURST_SECONDS)
    try:
        client = _client(settings.REDIS_CONNECTION_URL)
        granted, wait = client.eval(_TAKE, 1, f"kcc:ratelimit:{kanaal}", rate, burst, want)
    except redis.RedisError:
        # Delivery goes on without Redis; a short overrun beats holding messages back.
        logger.warning("Snelheidslimiet voor %s niet te bepalen; verstuurd zonder limiet.", kanaal)
        return want, 0.0
    return int(granted), float(wait)
