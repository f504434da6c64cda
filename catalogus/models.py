"""The product catalogue (PDC): what the municipality delivers."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    """A product or service, named after the national UPL list where one fits."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=255)
    upl_naam = models.CharField(_("UPL-naam"), max_length=255, blank=True)
    upl_uri = models.URLField(_("UPL-URI"), max_length=500, blank=True)
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    behandelende_afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("behandelende afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producten",
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
