from rest_framework import serializers

from contacts.models import Afhandeling
from kanalen.models import Balie, Productgroep, Ticket
from kcc.api.serializers import ModelSerializer, Serializer


class TicketSerializer(ModelSerializer):
    locatie = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    productgroep = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Productgroep.objects.filter(actief=True)
    )
    balie = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    klantcontact = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "uuid",
            "nummer",
            "datum",
            "locatie",
            "productgroep",
            "status",
            "balie",
            "medewerker",
            "aangemaakt_op",
            "opgeroepen_op",
            "aantal_oproepen",
            "behandeling_gestart_op",
            "afgerond_op",
            "klantcontact",
        ]
        read_only_fields = [f for f in fields if f != "productgroep"]


class DoorzettenSerializer(Serializer):
    balie = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Balie.objects.all(), required=False, allow_null=True
    )
    productgroep = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Productgroep.objects.all(), required=False, allow_null=True
    )


class AfrondenSerializer(Serializer):
    vraag = serializers.CharField(max_length=2000)
    antwoord = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    afhandeling = serializers.ChoiceField(choices=Afhandeling.choices)
