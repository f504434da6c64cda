from rest_framework import serializers

from kanalen.chat.services import MAX_TEKST
from kanalen.models import Chat, ChatBericht
from kcc.api.serializers import ModelSerializer


class ChatSerializer(ModelSerializer):
    # Links stay empty until the chat is accepted, matched or ended.
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    partij = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    klantcontact = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    # The customer may leave it empty: text, not the email format.
    email = serializers.CharField(read_only=True)

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


class ChatBerichtSerializer(ModelSerializer):
    medewerker = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    tekst = serializers.CharField(max_length=MAX_TEKST)

    class Meta:
        model = ChatBericht
        fields = ["id", "afzender", "medewerker", "tekst", "gebeurtenis", "verzonden_op"]
        read_only_fields = ["id", "afzender", "medewerker", "gebeurtenis", "verzonden_op"]
