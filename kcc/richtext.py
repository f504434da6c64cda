"""The one cleaning rule for rich text (catalogus beschrijving, kennisartikel inhoud):
nh3 keeps formatting and links, drops scripts, event handlers and javascript: URLs."""

import nh3


def clean_rich_text(html: str | None) -> str:
    return nh3.clean(html or "", link_rel="noopener noreferrer")
