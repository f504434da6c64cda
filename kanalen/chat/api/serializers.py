from rest_framework import serializers

from kanalen.chat.services import MAX_TEKST
from kanalen.models import Chat, ChatBericht


class ChatSerializer(serializers.ModelSerializer):
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    partij = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    klantcontact = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Chat
        fields = [
            "uuid",
            "status",
            "naam",
            "email",
            "vraag",
            "gestart_op",
            "aangenomen_op",
            "beeindigd_op",
            "medewerker",
            "partij",
            "klantcontact",
        ]
        read_only_fields = fields


class ChatBerichtSerializer(serializers.ModelSerializer):
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    tekst = serializers.CharField(max_length=MAX_TEKST)

    class Meta:
        model = ChatBericht
        fields = ["id", "afzender", "medewerker", "tekst", "gebeurtenis", "verzonden_op"]
        read_only_fields = ["id", "afzender", "medewerker", "gebeurtenis", "verzonden_op"]
