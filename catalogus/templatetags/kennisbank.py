from django import template
from django.utils.safestring import SafeString

from catalogus.highlight import highlight

register = template.Library()


@register.filter
def markeer(text: str, terms: list[str]) -> SafeString:
    """{{ hit.titel|markeer:termen }}: the search words in <mark>, the rest escaped."""
    return highlight(text, terms)
