from rest_framework import serializers

from catalogus.models import Product
from contacts.models import Partij
from kanalen.models import Afspraak, BalieLocatie
from kcc.api.serializers import ModelSerializer, Serializer


class AfspraakSerializer(ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="uuid", queryset=Product.objects.all())
    locatie = serializers.SlugRelatedField(slug_field="uuid", queryset=BalieLocatie.objects.all())
    partij = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Partij.objects.all(), required=False, allow_null=True
    )
    ticket = serializers.SlugRelatedField(slug_field="nummer", read_only=True, allow_null=True)
    telefoon = serializers.CharField(max_length=20, required=False, allow_blank=True)

    class Meta:
        model = Afspraak
        fields = [
            "uuid",
            "code",
            "product",
            "locatie",
            "begin",
            "eind",
            "status",
            "naam",
            "email",
            "telefoon",
            "partij",
            "geboekt_via",
            "aangemaakt_op",
            "ingecheckt_op",
            "geannuleerd_op",
            "ticket",
        ]
        read_only_fields = [
            "uuid",
            "code",
            "eind",
            "status",
            "geboekt_via",
            "aangemaakt_op",
            "ingecheckt_op",
            "geannuleerd_op",
            "ticket",
        ]


class VrijeTijdslotenQuerySerializer(Serializer):
    product = serializers.SlugRelatedField(slug_field="uuid", queryset=Product.objects.all())
    locatie = serializers.SlugRelatedField(slug_field="uuid", queryset=BalieLocatie.objects.all())
    datum = serializers.DateField()


class TijdslotSerializer(Serializer):
    begin = serializers.DateTimeField()
    eind = serializers.DateTimeField()


class IncheckenSerializer(Serializer):
    locatie = serializers.SlugRelatedField(slug_field="uuid", queryset=BalieLocatie.objects.all())
    code = serializers.CharField(max_length=12)
