from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from catalogus import selectors, services
from catalogus.models import Kennisartikel, Product

SOORTEN = [("", "Alles"), ("product", "Producten"), *Kennisartikel.Type.choices]


@login_required
@permission_required("kcc.view_kennisbank", raise_exception=True)
def kennisbank(request):
    query = request.GET.get("q", "").strip()
    soort = request.GET.get("soort", "")
    if soort not in dict(SOORTEN):
        soort = ""
    context = {
        "query": query,
        "soort": soort,
        "soorten": SOORTEN,
        "hits": selectors.kennisbank_search(query=query, soort=soort) if query else [],
        "termen": selectors.kennisbank_highlight_terms(query=query),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "catalogus/partials/search_results.html", context)
    return render(request, "catalogus/kennisbank.html", context)


@login_required
@permission_required("kcc.view_kennisbank", raise_exception=True)
def product(request, uuid):
    try:
        product = selectors.product_detail(uuid=uuid)
    except Product.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "catalogus/product.html", {"product": product})


@login_required
@permission_required("kcc.view_kennisbank", raise_exception=True)
def kennisartikel(request, uuid):
    try:
        artikel = selectors.kennisartikel_detail(uuid=uuid)
    except Kennisartikel.DoesNotExist as missing:
        raise Http404 from missing
    services.kennisartikel_mark_read(artikel=artikel, user=request.user)
    return render(request, "catalogus/kennisartikel.html", {"artikel": artikel})


@login_required
@permission_required("kcc.view_kennisbank", raise_exception=True)
def nieuws(request):
    alleen_ongelezen = request.GET.get("ongelezen") == "1"
    berichten = selectors.nieuws_voor_medewerker(user=request.user)
    if alleen_ongelezen:
        berichten = berichten.filter(gelezen_door_mij=False)
    return render(
        request,
        "catalogus/nieuws.html",
        {"berichten": berichten[:100], "alleen_ongelezen": alleen_ongelezen},
    )
