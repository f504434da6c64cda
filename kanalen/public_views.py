"""The public web forms (no login): ask a question, ask to be called back."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from kanalen import services
from kanalen.chat.public_views import widget_context
from kanalen.forms import TerugbelFormulier, VraagFormulier, form_token
from kanalen.models import Webformulier

logger = logging.getLogger(__name__)

FORMS = {
    Webformulier.Soort.VRAAG: (VraagFormulier, _("Stel een vraag")),
    Webformulier.Soort.TERUGBELLEN: (TerugbelFormulier, _("Bel mij terug")),
}
_SESSION_KEY = "kanalen_webformulier"


def index(request):
    return render(request, "kanalen/public/index.html", widget_context())


def rate_limited(request) -> bool:
    """More than KCC_WEBFORMULIER_RATE_LIMIT posts from this address in the window."""
    key = f"kanalen:webformulier:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=settings.KCC_WEBFORMULIER_RATE_WINDOW)
    return cache.incr(key) > settings.KCC_WEBFORMULIER_RATE_LIMIT


def formulier(request, soort: str):
    form_class, titel = FORMS[soort]
    if request.method != "POST":
        form = form_class(initial={"formulier_token": form_token()})
        return render(request, "kanalen/public/formulier.html", {"form": form, "titel": titel})
    if rate_limited(request):
        return render(request, "kanalen/public/te_veel.html", status=429)
    form = form_class(request.POST)
    if form.is_bot():
        # Answered like a success, so the bot learns nothing; nothing is stored.
        logger.warning("Webformulier %s: honeypot gevuld, niets opgeslagen", soort)
        request.session[_SESSION_KEY] = {"soort": soort, "referentie": ""}
        return redirect("formulieren:bevestiging")
    if form.is_valid():
        data = form.cleaned_data
        try:
            inzending = services.webformulier_submit(
                soort=soort,
                naam=data["naam"],
                vraag=data["vraag"],
                email=data.get("email") or "",
                telefoon=data.get("telefoon") or "",
                product=data.get("product"),
                tijdvak=data.get("tijdvak") or "",
            )
        except ValidationError as exc:
            logger.error("Webformulier %s niet verwerkt: %s", soort, exc.messages)
            form.add_error(None, _("Uw formulier kon niet worden verwerkt. Probeer het later."))
        else:
            request.session[_SESSION_KEY] = {"soort": soort, "referentie": inzending.referentie}
            return redirect("formulieren:bevestiging")
    # A fresh token: the visitor may send again after correcting.
    form.data = form.data.copy()
    form.data["formulier_token"] = form_token()
    return render(
        request, "kanalen/public/formulier.html", {"form": form, "titel": titel}, status=400
    )


def bevestiging(request):
    inzending = request.session.get(_SESSION_KEY)
    if not inzending:
        return redirect("formulieren:index")
    return render(request, "kanalen/public/bevestiging.html", inzending)
