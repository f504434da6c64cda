from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogus.models import Product
from contacts.models import Partij
from kanalen.models import Poststuk, UitgaandeBrief
from kanalen.post.services import Route
from kcc.api.serializers import ModelSerializer, Serializer
from kcc.models import Afdeling
from zaken.models import Zaak


def _uuid_field(queryset, **kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=queryset, **kwargs)


def _uuid_read(**kwargs):
    # Read-only links may be empty (no partij known, not routed to a zaak yet).
    return serializers.SlugRelatedField(
        slug_field="uuid", read_only=True, allow_null=True, **kwargs
    )


class PoststukSerializer(ModelSerializer):
    partij = _uuid_read()
    geregistreerd_door = _uuid_read()
    behandelaar = _uuid_read()
    klantcontact = _uuid_read()
    zaak = _uuid_read()
    scan = serializers.SerializerMethodField()

    class Meta:
        model = Poststuk
        fields = [
            "uuid",
            "poststuknummer",
            "status",
            "partij",
            "afzender_naam",
            "afzender_adres",
            "datum_ontvangen",
            "onderwerp",
            "kenmerk_afzender",
            "scan",
            "scan_bestandsnaam",
            "scan_formaat",
            "scan_grootte",
            "deadline",
            "geregistreerd_op",
            "geregistreerd_door",
            "behandelaar",
            "afgehandeld_op",
            "toelichting",
            "klantcontact",
            "zaak",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_scan(self, obj) -> str:
        path = reverse("poststuk-scan", kwargs={"uuid": obj.uuid})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PoststukCreateSerializer(Serializer):
    partij = _uuid_field(Partij.objects.all(), required=False, allow_null=True)
    afzender_naam = serializers.CharField(required=False, allow_blank=True, max_length=255)
    afzender_adres = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    datum_ontvangen = serializers.DateField()
    onderwerp = serializers.CharField(max_length=200)
    kenmerk_afzender = serializers.CharField(required=False, allow_blank=True, max_length=100)
    scan = serializers.FileField(
        help_text="PDF, JPEG of PNG; het type wordt uit de inhoud gelezen."
    )


class PoststukRouteSerializer(Serializer):
    route = serializers.ChoiceField(
        choices=Route.ALL,
        help_text="zaak (met product), contactverzoek (met afdeling), werkvoorraad, "
        "afgehandeld (met toelichting: hoe is de brief beantwoord).",
    )
    product = _uuid_field(Product.objects.all(), required=False, allow_null=True)
    afdeling = _uuid_field(Afdeling.objects.all(), required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class UitgaandeBriefSerializer(ModelSerializer):
    partij = _uuid_read()
    zaak = _uuid_read()
    poststuk = _uuid_read()
    aangemaakt_door = _uuid_read()
    klantcontact = _uuid_read()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = UitgaandeBrief
        fields = [
            "uuid",
            "kenmerk",
            "partij",
            "adresregels",
            "zaak",
            "poststuk",
            "datum",
            "onderwerp",
            "tekst",
            "pdf",
            "aangemaakt_op",
            "aangemaakt_door",
            "klantcontact",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_pdf(self, obj) -> str:
        path = reverse("uitgaande-brief-pdf", kwargs={"uuid": obj.uuid})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class UitgaandeBriefCreateSerializer(Serializer):
    partij = _uuid_field(Partij.objects.all())
    zaak = _uuid_field(Zaak.objects.all(), required=False, allow_null=True)
    poststuk = _uuid_field(Poststuk.objects.all(), required=False, allow_null=True)
    onderwerp = serializers.CharField(max_length=200)
    tekst = serializers.CharField(max_length=20_000)
