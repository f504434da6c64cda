"""PDFs on the municipality's letterhead, rendered with WeasyPrint."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


def letterhead_html(template: str, context: dict) -> str:
    """A template that extends kcc/pdf/briefpapier.html (name, logo, return address)."""
    logo = finders.find(settings.KCC_LOGO)
    with translation.override("nl"):
        return render_to_string(
            template,
            {
                "organisatie": settings.KCC_ORGANISATION_NAME,
                "organisatie_adres": [
                    regel.strip()
                    for regel in settings.KCC_ORGANISATION_POSTADRES.split(",")
                    if regel.strip()
                ],
                "logo_url": f"file://{logo}" if logo else "",
                **context,
            },
        )


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # heavy import (pango): only where a PDF is made

    return HTML(string=html).write_pdf()


def pdf_from_template(template: str, context: dict) -> bytes:
    return pdf_from_html(letterhead_html(template, context))
