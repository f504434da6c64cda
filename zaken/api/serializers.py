from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogus import selectors as catalogus_selectors
from catalogus.models import Product, Resultaattype, Statustype, Zaaktype
from contacts import selectors as contacts_selectors
from contacts.models import Kanaal, Klantcontact, Partij
from kcc.api.fields import CachedUuidRelatedField
from kcc.api.serializers import ModelSerializer, Serializer
from kcc.models import Medewerker
from zaken.models import Status, Zaak, ZaakDocument


def _uuid_field(queryset, **kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=queryset, **kwargs)


def _uuid_read(**kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", read_only=True, **kwargs)


class StatusSerializer(ModelSerializer):
    statustype = _uuid_read()
    omschrijving = serializers.CharField(source="statustype.omschrijving", read_only=True)
    volgnummer = serializers.IntegerField(source="statustype.volgnummer", read_only=True)
    gezet_door = serializers.StringRelatedField()

    class Meta:
        model = Status
        fields = [
            "uuid",
            "statustype",
            "volgnummer",
            "omschrijving",
            "datum_status_gezet",
            "statustoelichting",
            "gezet_door",
        ]


class StatusCreateSerializer(Serializer):
    statustype = _uuid_field(Statustype.objects.all())
    statustoelichting = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    resultaattype = _uuid_field(Resultaattype.objects.all(), required=False, allow_null=True)
    resultaat_toelichting = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ZaakSerializer(ModelSerializer):
    zaaktype = _uuid_read()
    product = _uuid_read()
    initiator = _uuid_read()
    hoofdzaak = _uuid_read()
    deelzaken = _uuid_read(many=True)
    behandelende_afdeling = serializers.SlugRelatedField(slug_field="code", read_only=True)
    behandelaar = _uuid_read()
    status = StatusSerializer(read_only=True)
    resultaat = serializers.SerializerMethodField()
    opschorting = serializers.SerializerMethodField()
    verlenging = serializers.SerializerMethodField()

    class Meta:
        model = Zaak
        fields = [
            "uuid",
            "identificatie",
            "zaaktype",
            "product",
            "omschrijving",
            "toelichting",
            "initiator",
            "communicatiekanaal",
            "registratiedatum",
            "startdatum",
            "einddatum_gepland",
            "uiterlijke_einddatum_afdoening",
            "einddatum",
            "opschorting",
            "verlenging",
            "vertrouwelijkheidaanduiding",
            "hoofdzaak",
            "deelzaken",
            "behandelende_afdeling",
            "behandelaar",
            "status",
            "resultaat",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_resultaat(self, zaak) -> str | None:
        resultaat = getattr(zaak, "resultaat", None)
        return resultaat.resultaattype.omschrijving if resultaat else None

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "indicatie": {"type": "boolean"},
                "reden": {"type": "string"},
                "sinds": {"type": "string", "format": "date-time", "nullable": True},
            },
        }
    )
    def get_opschorting(self, zaak) -> dict:
        return {
            "indicatie": zaak.opschorting_indicatie,
            "reden": zaak.opschorting_reden,
            "sinds": zaak.opschorting_sinds,
        }

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "reden": {"type": "string"},
                "duur": {"type": "integer", "nullable": True},
            },
        }
    )
    def get_verlenging(self, zaak) -> dict:
        return {"reden": zaak.verlenging_reden, "duur": zaak.verlenging_duur}


class ZaakBeperktSerializer(Serializer):
    """A confidential zaak for someone outside its afdeling (a selectors.ZaakRegel): that
    it exists, and the status the customer sees."""

    uuid = serializers.UUIDField(source="zaak.uuid")
    identificatie = serializers.CharField(source="zaak.identificatie")
    klantstatus = serializers.CharField()
    vertrouwelijk = serializers.BooleanField(source="zaak.is_vertrouwelijk")


class ZaakCreateSerializer(Serializer):
    # With its zaaktype and afdeling, kept per process: no query at all.
    product = CachedUuidRelatedField(
        lookup=catalogus_selectors.product_for_registration,
        queryset=Product.objects.all(),
        required=False,
        allow_null=True,
    )
    zaaktype = _uuid_field(Zaaktype.objects.all(), required=False, allow_null=True)
    # Its e-mail and phone are read with it for the berichten: one query.
    initiator = CachedUuidRelatedField(
        lookup=contacts_selectors.partij_with_adressen_by_uuid,
        queryset=Partij.objects.all(),
        required=False,
        allow_null=True,
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, max_length=80)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    communicatiekanaal = serializers.ChoiceField(choices=Kanaal.choices)
    klantcontact = _uuid_field(Klantcontact.objects.all(), required=False, allow_null=True)


class OpschortenSerializer(Serializer):
    reden = serializers.CharField(max_length=200)


class VerlengenSerializer(Serializer):
    reden = serializers.CharField(max_length=200)
    duur = serializers.IntegerField(min_value=1)


class AfsluitenSerializer(Serializer):
    resultaattype = _uuid_field(Resultaattype.objects.all())
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ToewijzenSerializer(Serializer):
    behandelaar = _uuid_field(Medewerker.objects.select_related("user"))


class TerugleggenSerializer(Serializer):
    notitie = serializers.CharField(max_length=1000)


class BulkToewijzenSerializer(Serializer):
    zaken = serializers.ListField(
        child=serializers.UUIDField(), min_length=1, max_length=500, allow_empty=False
    )
    behandelaar = _uuid_field(Medewerker.objects.select_related("user"))

    def validate_zaken(self, value):
        zaken = list(Zaak.objects.filter(uuid__in=value))
        onbekend = set(value) - {zaak.uuid for zaak in zaken}
        if onbekend:
            raise serializers.ValidationError(
                f"Onbekende zaken: {', '.join(sorted(str(u) for u in onbekend))}."
            )
        return zaken


class BulkToewijzenResultaatSerializer(Serializer):
    aantal = serializers.IntegerField()
    behandelaar = serializers.UUIDField()


class ZaakDocumentSerializer(ModelSerializer):
    class Meta:
        model = ZaakDocument
        fields = ["uuid", "titel", "bestandsnaam", "formaat", "bestandsomvang", "aangemaakt"]


class ZaakDocumentCreateSerializer(Serializer):
    bestand = serializers.FileField()
    titel = serializers.CharField(required=False, allow_blank=True, max_length=200)
