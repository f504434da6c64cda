"""The ontvangstbevestiging (receipt) of a new zaak as a PDF, rendered with WeasyPrint."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


def ontvangstbevestiging_pdf(*, zaak) -> bytes:
    from weasyprint import HTML  # heavy import (pango): only where a PDF is made

    logo = finders.find(settings.KCC_LOGO)
    with translation.override("nl"):
        html = render_to_string(
            "zaken/ontvangstbevestiging.html",
            {
                "zaak": zaak,
                "organisatie": settings.KCC_ORGANISATION_NAME,
                "logo_url": f"file://{logo}" if logo else "",
                "statuspagina": f"{settings.KCC_PUBLIC_URL}/zaak/{zaak.status_token}"
                if zaak.status_token
                else "",
                "statustypen": zaak.zaaktype.statustypen.order_by("volgnummer"),
                "deelzaken": zaak.deelzaken.select_related("zaaktype", "behandelende_afdeling"),
            },
        )
    return HTML(string=html).write_pdf()
