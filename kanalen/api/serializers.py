from rest_framework import serializers

from kanalen.models import InkomendeEmail


class InkomendeEmailOntvangenSerializer(serializers.ModelSerializer):
    class Meta:
        model = InkomendeEmail
        fields = ["uuid", "referentie", "status", "quarantaine_reden"]
        read_only_fields = fields
