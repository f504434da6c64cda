import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duur(value: datetime.timedelta | None) -> str:
    """A waiting or service time as people say it: '45 s', '12 min', '1 u 5 min'."""
    if value is None:
        return "—"
    seconds = max(int(value.total_seconds()), 0)
    if seconds < 60:
        return _("%(s)d s") % {"s": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    return _("%(h)d u %(m)d min") % {"h": minutes // 60, "m": minutes % 60}
