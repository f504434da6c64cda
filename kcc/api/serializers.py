from rest_framework import serializers

from kcc.models import Afdeling, Bericht, Medewerker


class AfdelingSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Afdeling.objects.all(),
        required=False,
        allow_null=True,
        help_text="UUID van de bovenliggende afdeling.",
    )

    class Meta:
        model = Afdeling
        fields = ["uuid", "naam", "code", "parent", "email", "telefoonnummer", "actief"]
        read_only_fields = ["uuid"]


class MedewerkerSerializer(serializers.ModelSerializer):
    gebruikersnaam = serializers.CharField(source="user.username", read_only=True)
    naam = serializers.CharField(source="__str__", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    afdeling = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    team = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    rollen = serializers.SerializerMethodField()

    class Meta:
        model = Medewerker
        fields = [
            "uuid",
            "gebruikersnaam",
            "naam",
            "email",
            "afdeling",
            "team",
            "functie",
            "vaardigheden",
            "rollen",
        ]

    def get_rollen(self, medewerker) -> list[str]:
        return sorted(group.name for group in medewerker.user.groups.all())


class BerichtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bericht
        fields = [
            "uuid",
            "kanaal",
            "ontvanger",
            "onderwerp",
            "inhoud",
            "inhoud_html",
            "status",
            "pogingen",
            "volgende_poging_op",
            "laatste_poging_op",
            "laatste_fout",
            "aangemaakt",
            "verstuurd_op",
            "partij_uuid",
            "zaak_uuid",
            "klantcontact_uuid",
            "aanleiding",
        ]
        read_only_fields = fields
