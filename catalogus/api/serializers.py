from decimal import Decimal

from rest_framework import serializers

from catalogus.models import (
    Kennisartikel,
    Kosten,
    Product,
    Resultaattype,
    SdgInformatiegebied,
    Statustype,
    Zaaktype,
)
from kcc.api.serializers import ModelSerializer, Serializer
from kcc.models import Afdeling


class KostenSerializer(ModelSerializer):
    class Meta:
        model = Kosten
        fields = ["bedrag", "omschrijving"]
        # The database refuses negative costs too; say so per field, before it does.
        extra_kwargs = {"bedrag": {"min_value": Decimal("0")}}


class BlankAsNullURLField(serializers.URLField):
    """A URL that may be unknown: "" in the database is null in the API, so that
    the value always matches `format: uri`."""

    def to_representation(self, value):
        return value or None


class ProductSerializer(ModelSerializer):
    upl_uri = BlankAsNullURLField(read_only=True, allow_null=True)
    behandelende_afdeling = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Afdeling.objects.all(),
        required=False,
        allow_null=True,
        help_text="UUID van de behandelende afdeling.",
    )
    zaaktype = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Zaaktype.objects.all(),
        required=False,
        allow_null=True,
        help_text="UUID van het zaaktype.",
        error_messages={"does_not_exist": "Onbekend zaaktype: {value}."},
    )
    kosten = KostenSerializer(many=True, required=False)
    sdg_informatiegebieden = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SdgInformatiegebied.objects.all(),
        many=True,
        required=False,
        help_text="SDG-codes, bijvoorbeeld A1.",
    )

    class Meta:
        model = Product
        fields = [
            "uuid",
            "naam",
            "upl_naam",
            "upl_uri",
            "samenvatting",
            "beschrijving",
            "doelgroep",
            "voorwaarden",
            "benodigde_documenten",
            "kosten",
            "aanvraagkanalen",
            "afspraak_nodig",
            "afspraak_duur",
            "knip",
            "knip_toelichting",
            "behandelende_afdeling",
            "zaaktype",
            "servicenorm",
            "trefwoorden",
            "sdg_informatiegebieden",
            "publicatiestatus",
            "aangemaakt",
            "gewijzigd",
        ]
        read_only_fields = ["uuid", "upl_naam", "upl_uri", "aangemaakt", "gewijzigd"]


class StatustypeSerializer(ModelSerializer):
    is_eindstatus = serializers.SerializerMethodField()

    class Meta:
        model = Statustype
        fields = [
            "uuid",
            "volgnummer",
            "omschrijving",
            "statustekst",
            "informeren",
            "doorlooptijd",
            "is_eindstatus",
        ]

    def get_is_eindstatus(self, statustype) -> bool:
        return statustype.volgnummer == max(
            other.volgnummer for other in statustype.zaaktype.statustypen.all()
        )


class ResultaattypeSerializer(ModelSerializer):
    class Meta:
        model = Resultaattype
        fields = ["uuid", "omschrijving", "toelichting"]


class ZaaktypeSerializer(ModelSerializer):
    behandelende_afdeling = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    deelzaaktypen = serializers.SlugRelatedField(slug_field="uuid", many=True, read_only=True)
    statustypen = StatustypeSerializer(many=True, read_only=True)
    resultaattypen = ResultaattypeSerializer(many=True, read_only=True)

    class Meta:
        model = Zaaktype
        fields = [
            "uuid",
            "identificatie",
            "omschrijving",
            "doel",
            "aanleiding",
            "vertrouwelijkheidaanduiding",
            "doorlooptijd",
            "servicenorm",
            "termijn_eenheid",
            "opschorting_en_aanhouding_mogelijk",
            "verlenging_mogelijk",
            "verlengingstermijn",
            "behandelende_afdeling",
            "deelzaaktypen",
            "begin_geldigheid",
            "einde_geldigheid",
            "statustypen",
            "resultaattypen",
        ]


class KennisartikelSerializer(ModelSerializer):
    producten = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Product.objects.all(), many=True, required=False
    )
    afdeling = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Afdeling.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Kennisartikel
        fields = [
            "uuid",
            "type",
            "titel",
            "samenvatting",
            "inhoud",
            "producten",
            "afdeling",
            "trefwoorden",
            "openbaar",
            "belangrijk",
            "publicatiestatus",
            "publiceren_vanaf",
            "publiceren_tot",
            "review_datum",
            "aangemaakt",
            "gewijzigd",
        ]
        read_only_fields = ["uuid", "aangemaakt", "gewijzigd"]


class ZoekresultaatSerializer(Serializer):
    soort = serializers.CharField()
    soort_label = serializers.CharField()
    uuid = serializers.UUIDField()
    titel = serializers.CharField()
    samenvatting = serializers.CharField()
    url = serializers.CharField(help_text="Pagina in de kennisbank.")
    score = serializers.FloatField()
