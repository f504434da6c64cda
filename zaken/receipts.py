"""The ontvangstbevestiging (receipt) of a new zaak as a PDF, rendered with WeasyPrint."""

from django.conf import settings

from kcc.pdf import pdf_from_template


def ontvangstbevestiging_pdf(*, zaak) -> bytes:
    return pdf_from_template(
        "zaken/ontvangstbevestiging.html",
        {
            "zaak": zaak,
            "statuspagina": f"{settings.KCC_PUBLIC_URL}/zaak/{zaak.status_token}"
            if zaak.status_token
            else "",
            "statustypen": zaak.zaaktype.statustypen.order_by("volgnummer"),
            "deelzaken": zaak.deelzaken.select_related("zaaktype", "behandelende_afdeling"),
        },
    )
