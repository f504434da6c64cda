from kanalen.models import InkomendeEmail
from kcc.api.serializers import ModelSerializer


class InkomendeEmailOntvangenSerializer(ModelSerializer):
    class Meta:
        model = InkomendeEmail
        fields = ["uuid", "referentie", "status", "quarantaine_reden"]
        read_only_fields = fields
