from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogus import selectors as catalogus_selectors
from catalogus.models import Product
from contacts import selectors as contacts_selectors
from contacts.models import (
    Adres,
    Afhandeling,
    Contactverzoek,
    DigitaalAdres,
    Kanaal,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Vraag,
)
from kcc import authz
from kcc import selectors as kcc_selectors
from kcc.api.fields import CachedUuidRelatedField
from kcc.api.serializers import ModelSerializer, Serializer
from kcc.models import Afdeling, Medewerker, Team


def _uuid_field(queryset, **kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=queryset, **kwargs)


class PartijIdentificatorSerializer(ModelSerializer):
    class Meta:
        model = PartijIdentificator
        fields = ["soort", "waarde"]
        # Uniqueness is checked by the service, with a Dutch message.
        validators = []


class AdresSerializer(ModelSerializer):
    class Meta:
        model = Adres
        fields = ["straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats"]


class DigitaalAdresSerializer(ModelSerializer):
    class Meta:
        model = DigitaalAdres
        fields = ["soort", "adres", "omschrijving"]


class PartijSerializer(ModelSerializer):
    naam = serializers.CharField(read_only=True)
    organisatie = _uuid_field(
        Partij.objects.filter(soort=Partij.Soort.ORGANISATIE), required=False, allow_null=True
    )
    identificatoren = PartijIdentificatorSerializer(many=True, required=False)
    adressen = serializers.SerializerMethodField()
    adres_afgeschermd = serializers.SerializerMethodField()
    digitale_adressen = DigitaalAdresSerializer(many=True, read_only=True)

    class Meta:
        model = Partij
        fields = [
            "uuid",
            "soort",
            "naam",
            "voornaam",
            "voorvoegsel_achternaam",
            "achternaam",
            "geboortedatum",
            "overlijdensdatum",
            "statutaire_naam",
            "voorkeurskanaal",
            "indicatie_geheimhouding",
            "organisatie",
            "identificatoren",
            "adressen",
            "adres_afgeschermd",
            "digitale_adressen",
        ]
        read_only_fields = ["uuid"]

    def _hidden(self, partij) -> bool:
        user = self.context["request"].user
        hidden = partij.indicatie_geheimhouding
        return hidden and not authz.can(user, authz.VIEW_SECRET_ADDRESS, partij)

    @extend_schema_field(AdresSerializer(many=True))
    def get_adressen(self, partij):
        if self._hidden(partij):
            return []
        return AdresSerializer(partij.adressen.all(), many=True).data

    def get_adres_afgeschermd(self, partij) -> bool:
        """True when the address exists but this user may not see it (geheimhouding)."""
        return self._hidden(partij)


class PartijCreateSerializer(Serializer):
    """What POST /partijen accepts; values are checked and normalised by the service."""

    soort = serializers.ChoiceField(choices=Partij.Soort.choices)
    voornaam = serializers.CharField(required=False, allow_blank=True, default="")
    voorvoegsel_achternaam = serializers.CharField(required=False, allow_blank=True, default="")
    achternaam = serializers.CharField(required=False, allow_blank=True, default="")
    geboortedatum = serializers.DateField(required=False, allow_null=True, default=None)
    statutaire_naam = serializers.CharField(required=False, allow_blank=True, default="")
    voorkeurskanaal = serializers.ChoiceField(
        choices=Kanaal.choices, required=False, allow_blank=True, default=""
    )
    indicatie_geheimhouding = serializers.BooleanField(required=False, default=False)
    organisatie = _uuid_field(
        Partij.objects.filter(soort=Partij.Soort.ORGANISATIE),
        required=False,
        allow_null=True,
        default=None,
    )
    identificatoren = PartijIdentificatorSerializer(many=True, required=False, default=list)
    adressen = AdresSerializer(many=True, required=False, default=list)
    emails = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    telefoonnummers = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )


class ContactverzoekInputSerializer(Serializer):
    afdeling = CachedUuidRelatedField(
        lookup=kcc_selectors.afdeling_by_uuid,
        queryset=Afdeling.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    team = _uuid_field(Team.objects.all(), required=False, allow_null=True, default=None)
    medewerker = _uuid_field(
        Medewerker.objects.all(), required=False, allow_null=True, default=None
    )
    gevraagde_handeling = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    terugbelnummer = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateTimeField(required=False, allow_null=True, default=None)


class VraagSerializer(ModelSerializer):
    product = CachedUuidRelatedField(
        lookup=catalogus_selectors.product_for_registration,
        queryset=Product.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    contactverzoek = ContactverzoekInputSerializer(
        required=False, allow_null=True, default=None, write_only=True
    )

    class Meta:
        model = Vraag
        fields = [
            "volgnummer",
            "product",
            "onderwerp",
            "vraag",
            "antwoord",
            "afhandeling",
            "contactverzoek",
        ]
        read_only_fields = ["volgnummer"]
        extra_kwargs = {"onderwerp": {"default": ""}, "antwoord": {"default": ""}}


class KlantcontactSerializer(ModelSerializer):
    partij = CachedUuidRelatedField(
        lookup=contacts_selectors.partij_by_uuid,
        queryset=Partij.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    vragen = VraagSerializer(many=True)
    afhandeling = serializers.ChoiceField(choices=Afhandeling.choices, read_only=True)

    class Meta:
        model = Klantcontact
        fields = [
            "uuid",
            "partij",
            "kanaal",
            "richting",
            "onderwerp",
            "inhoud",
            "vertrouwelijk",
            "plaatsgevonden_op",
            "medewerker",
            "afhandeling",
            "in_een_keer_opgelost",
            "vragen",
        ]
        read_only_fields = ["uuid", "medewerker", "afhandeling", "in_een_keer_opgelost"]
        extra_kwargs = {
            "onderwerp": {"required": False, "default": ""},
            "plaatsgevonden_op": {"required": False, "default": None},
        }


class ContactverzoekSerializer(ModelSerializer):
    klantcontact = _uuid_field(Klantcontact.objects.all())
    afdeling = _uuid_field(Afdeling.objects.all(), required=False, allow_null=True)
    team = _uuid_field(Team.objects.all(), required=False, allow_null=True)
    medewerker = _uuid_field(Medewerker.objects.all(), required=False, allow_null=True)
    partij = serializers.SerializerMethodField()

    class Meta:
        model = Contactverzoek
        fields = [
            "uuid",
            "klantcontact",
            "partij",
            "afdeling",
            "team",
            "medewerker",
            "gevraagde_handeling",
            "toelichting",
            "terugbelnummer",
            "email",
            "deadline",
            "status",
            "aangemaakt_op",
            "afgehandeld_op",
            "afhandeling_toelichting",
        ]
        read_only_fields = [
            "uuid",
            "status",
            "aangemaakt_op",
            "afgehandeld_op",
            "afhandeling_toelichting",
        ]
        extra_kwargs = {"deadline": {"required": False}}

    def get_partij(self, contactverzoek) -> str | None:
        partij = contactverzoek.klantcontact.partij
        return str(partij.uuid) if partij else None


class ContactverzoekTerugleggenSerializer(Serializer):
    toelichting = serializers.CharField(max_length=1000)


class AfhandelenSerializer(Serializer):
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class KlantbeeldSerializer(Serializer):
    partij = PartijSerializer()
    klantcontacten = KlantcontactSerializer(many=True)
    klantcontacten_totaal = serializers.IntegerField()
    contactverzoeken = ContactverzoekSerializer(many=True)
    zaken = serializers.ListField(
        child=serializers.DictField(),
        allow_null=True,
        help_text="Lopende zaken; null zolang zaken nog niet beschikbaar zijn.",
    )
