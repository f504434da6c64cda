"""The public product pages (no login): what a citizen reads before applying."""

from django.http import Http404
from django.shortcuts import render

from catalogus import selectors
from catalogus.models import Product


def product_list(request):
    query = request.GET.get("q", "").strip()[:200]
    producten = selectors.product_public_list(query=query)[:200]
    return render(
        request, "catalogus/public/product_list.html", {"producten": producten, "query": query}
    )


def product_detail(request, uuid):
    try:
        product = selectors.product_public_detail(uuid=uuid)
    except Product.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "catalogus/public/product_detail.html", {"product": product})
