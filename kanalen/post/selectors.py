"""Reads of the post room: the post queue, a letter, outgoing letters."""

from django.db.models import QuerySet

from kanalen.models import Poststuk, UitgaandeBrief

# The queue's filter: "open" (to route and in the queue) is the default.
POST_FILTERS = {
    "open": [Poststuk.Status.TE_ROUTEREN, Poststuk.Status.WERKVOORRAAD],
    **{status.value: [status.value] for status in Poststuk.Status},
}


def poststuk_list() -> QuerySet[Poststuk]:
    return Poststuk.objects.select_related(
        "partij", "geregistreerd_door__user", "behandelaar__user", "zaak", "klantcontact"
    )


def poststuk_queue(*, status: str = "open") -> QuerySet[Poststuk]:
    """Letters in these states, nearest answer date first."""
    statuses = POST_FILTERS.get(status, POST_FILTERS["open"])
    return (
        poststuk_list().filter(status__in=statuses).order_by("deadline", "geregistreerd_op", "pk")
    )


def poststuk_detail(*, uuid) -> Poststuk:
    return poststuk_list().prefetch_related("antwoordbrieven").get(uuid=uuid)


def uitgaande_brief_list() -> QuerySet[UitgaandeBrief]:
    return UitgaandeBrief.objects.select_related(
        "partij", "zaak", "poststuk", "aangemaakt_door__user"
    ).order_by("-aangemaakt_op", "-pk")
