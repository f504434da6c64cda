"""The public web forms (no login): ask a question, ask to be called back."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from catalogus.models import Product
from catalogus.selectors import product_web_intake
from kanalen import services
from kanalen.chat.public_views import widget_context
from kanalen.forms import AanvraagFormulier, TerugbelFormulier, VraagFormulier, form_token
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
    form.renew_token()
    return render(
        request, "kanalen/public/formulier.html", {"form": form, "titel": titel}, status=400
    )


def aanvraag(request, uuid):
    """Apply for a product on the website: the zaak is started at once."""
    try:
        product = product_web_intake(uuid=uuid)
    except Product.DoesNotExist as missing:
        raise Http404 from missing
    context = {"product": product, "titel": _("%(product)s aanvragen") % {"product": product.naam}}
    if request.method != "POST":
        form = AanvraagFormulier(initial={"formulier_token": form_token()}, product=product)
        return render(request, "kanalen/public/aanvraag.html", {**context, "form": form})
    if rate_limited(request):
        return render(request, "kanalen/public/te_veel.html", status=429)
    form = AanvraagFormulier(request.POST, request.FILES, product=product)
    if form.is_bot():
        logger.warning("Aanvraag %s: honeypot gevuld, niets opgeslagen", product.uuid)
        request.session[_SESSION_KEY] = {"soort": "aanvraag", "referentie": ""}
        return redirect("formulieren:bevestiging")
    if form.is_valid():
        try:
            zaak = services.webaanvraag_submit(
                product=product,
                aanvrager=services.Aanvrager(**form.aanvrager_data()),
                antwoorden=form.antwoorden(),
                documenten=form.bestanden(),
            )
        except ValidationError as exc:
            logger.error("Aanvraag %s niet verwerkt: %s", product.uuid, exc.messages)
            form.add_error(None, _("Uw aanvraag kon niet worden verwerkt. Probeer het later."))
        else:
            request.session[_SESSION_KEY] = {
                "soort": "aanvraag",
                "referentie": zaak.identificatie,
                "product": product.naam,
            }
            return redirect("formulieren:bevestiging")
    form.renew_token()
    return render(request, "kanalen/public/aanvraag.html", {**context, "form": form}, status=400)


def bevestiging(request):
    inzending = request.session.get(_SESSION_KEY)
    if not inzending:
        return redirect("formulieren:index")
    return render(request, "kanalen/public/bevestiging.html", inzending)
