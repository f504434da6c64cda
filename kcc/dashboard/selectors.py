"""Reads on the kept management reports."""

from django.db.models import QuerySet

from kcc.models import Rapport


def rapport_list() -> QuerySet[Rapport]:
    return Rapport.objects.select_related("aangevraagd_door")


def rapport_detail(*, uuid) -> Rapport:
    return rapport_list().get(uuid=uuid)
