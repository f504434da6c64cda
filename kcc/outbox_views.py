"""Beheer of the outbox: what was sent, what waits, what is parked; try again."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kcc import selectors, services
from kcc.models import Bericht

PAGE_SIZE = 50
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class BerichtFilterForm(forms.Form):
    fase = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("wachtend", _("In de wachtrij")),
            ("opnieuw", _("Wordt opnieuw geprobeerd")),
            ("verstuurd", _("Verstuurd")),
            ("mislukt", _("Geparkeerd (mislukt)")),
        ],
        widget=forms.Select(attrs=_SELECT),
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"),
        required=False,
        choices=[("", _("Alle")), *Bericht.Kanaal.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    zoek = forms.CharField(
        label=_("Ontvanger of onderwerp"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )


def fase_of(bericht: Bericht) -> str:
    if bericht.status == Bericht.Status.TE_VERSTUREN:
        return "opnieuw" if bericht.pogingen else "wachtend"
    return bericht.status


@login_required
@permission_required("kcc.view_bericht", raise_exception=True)
def berichten(request):
    form = BerichtFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.bericht_beheer_list(**filters), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    for bericht in page:
        bericht.fase = fase_of(bericht)
    params = request.GET.copy()
    params.pop("pagina", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    if request.htmx:
        return render(request, "kcc/berichten/partials/lijst.html", context)
    return render(request, "kcc/berichten/berichten.html", context)


@require_POST
@login_required
@permission_required("kcc.requeue_bericht", raise_exception=True)
def bericht_opnieuw(request, uuid):
    bericht = get_object_or_404(Bericht, uuid=uuid)
    try:
        services.bericht_requeue(bericht=bericht)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _t("Het bericht aan %(ontvanger)s wordt opnieuw verstuurd.")
            % {"ontvanger": bericht.ontvanger},
        )
    # Back to the same filtered list (only our own filter fields go along).
    form = BerichtFilterForm(request.POST)
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = {key: value for key, value in cleaned.items() if value}
    url = reverse("beheer-berichten")
    return redirect(f"{url}?{urlencode(filters)}" if filters else url)
