"""Reads on the shared parts: organisation."""

from django.db.models import QuerySet

from kcc.models import Afdeling, Medewerker


def afdeling_list(*, actief: bool | None = None) -> QuerySet[Afdeling]:
    afdelingen = Afdeling.objects.select_related("parent")
    if actief is not None:
        afdelingen = afdelingen.filter(actief=actief)
    return afdelingen


def medewerker_list() -> QuerySet[Medewerker]:
    return Medewerker.objects.select_related("user", "afdeling", "team").prefetch_related(
        "user__groups"
    )


def afdeling_descendant_ids(afdeling: Afdeling) -> list[int]:
    """The afdeling and everything below it in the tree."""
    ids, frontier = [afdeling.pk], [afdeling.pk]
    while frontier:
        frontier = list(
            Afdeling.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids
