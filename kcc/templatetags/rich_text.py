from django import template
from django.utils.safestring import mark_safe

from kcc.richtext import clean_rich_text

register = template.Library()


@register.filter
def rich_text(value: str | None) -> str:
    """Cleaned again when shown: rows written past the model field (a queryset
    update, a restore, raw SQL) never reach the page unsanitised."""
    return mark_safe(clean_rich_text(value))  # noqa: S308 - cleaned by nh3 just above
