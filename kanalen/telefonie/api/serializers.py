from rest_framework import serializers

from kanalen.models import Telefoongesprek
from kcc.api.serializers import ModelSerializer, Serializer


class GesprekEventSerializer(Serializer):
    """One CTI event as the telephony platform posts it."""

    extern_id = serializers.CharField(
        max_length=200, help_text="Id van het gesprek bij het platform."
    )
    event = serializers.ChoiceField(choices=Telefoongesprek.Status.choices)
    beller = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Nummer van de beller (leeg: anoniem).",
    )
    gebeld_nummer = serializers.CharField(max_length=40, required=False, allow_blank=True)
    toestelnummer = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="Toestel van de medewerker."
    )
    wachtrij = serializers.CharField(max_length=100, required=False, allow_blank=True)
    wachttijd_seconden = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    tijdstip = serializers.DateTimeField(required=False, allow_null=True)


class TelefoongesprekSerializer(ModelSerializer):
    platform = serializers.CharField(source="koppeling.platform", read_only=True)
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    partij = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    klantcontact = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Telefoongesprek
        fields = [
            "uuid",
            "platform",
            "extern_id",
            "beller",
            "gebeld_nummer",
            "toestelnummer",
            "medewerker",
            "wachtrij",
            "wachttijd_seconden",
            "gespreksduur_seconden",
            "status",
            "begonnen_op",
            "aangenomen_op",
            "beeindigd_op",
            "partij",
            "klantcontact",
        ]
        read_only_fields = fields
