import copy
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kcc.models import Afdeling, AuditLogEntry, Bericht, Medewerker, Rapport


def _unbound_copy(field: serializers.Field) -> serializers.Field:
    """A copy of a never-bound field for one serializer instance to bind.

    Binding sets only the field's own attributes, so a shallow copy is enough: a
    tenth of the cost of DRF's deepcopy, which builds the field again from its
    arguments. A field holding fields of its own (a nested serializer, a list or
    many-relation with its child) binds those too, so it is copied whole."""
    if (
        isinstance(field, serializers.BaseSerializer)
        or hasattr(field, "child")
        or hasattr(field, "child_relation")
    ):
        return copy.deepcopy(field)
    # copy.copy(field) without its generic reduce-and-rebuild: a quarter of the cost.
    clone = object.__new__(type(field))
    clone.__dict__.update(field.__dict__)
    return clone


# The fields a serializer shows and those it reads, listed once per instance: DRF
# walks all its fields anew for every object it shows or validates, which for a list
# serializer's one child is every row.
class _FieldListsOnce:
    @cached_property
    def _readable_fields(self) -> list[serializers.Field]:
        return [field for field in self.fields.values() if not field.write_only]

    @cached_property
    def _writable_fields(self) -> list[serializers.Field]:
        return [field for field in self.fields.values() if not field.read_only]


# DRF's Serializer, its declared fields copied cheaply per instance (see
# _unbound_copy). (Comments, not docstrings, on these classes: drf-spectacular would
# give every serializer without its own docstring this text as its description.)
class Serializer(_FieldListsOnce, serializers.Serializer):
    def get_fields(self):
        return {name: _unbound_copy(field) for name, field in self._declared_fields.items()}


# DRF's ModelSerializer with its fields and its validators (the model's unique
# constraints) built once per class. DRF builds them again for every instance (for a
# klantcontact with its vragen about 1 ms, a tenth of a registration's Python time),
# yet they depend on the class alone. Each instance gets its copies of the fields (see
# _unbound_copy), so binding one never touches another; DRF's validators keep no state.
class ModelSerializer(_FieldListsOnce, serializers.ModelSerializer):
    def _once_per_class(self, attribute: str, build):
        cls = type(self)
        if attribute not in cls.__dict__:
            setattr(cls, attribute, build())
        return cls.__dict__[attribute]

    def get_fields(self):
        prebuilt = self._once_per_class("_prebuilt_fields", super().get_fields)
        return {name: _unbound_copy(field) for name, field in prebuilt.items()}

    def get_validators(self):
        return list(self._once_per_class("_prebuilt_validators", super().get_validators))


class AfdelingSerializer(ModelSerializer):
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


class MedewerkerSerializer(ModelSerializer):
    gebruikersnaam = serializers.CharField(source="user.username", read_only=True)
    naam = serializers.CharField(source="__str__", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    afdeling = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    team = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
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


class BerichtSerializer(ModelSerializer):
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


# --- Dashboard (rapportages) -------------------------------------------------


class KpiTegelSerializer(Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    waarde = serializers.SerializerMethodField(help_text="Leeg als er niets te tellen was.")
    eenheid = serializers.CharField(help_text='Bijvoorbeeld "%" of "uur"; leeg bij aantallen.')
    href = serializers.CharField(help_text="De lijst achter het getal (scherm).")
    toelichting = serializers.CharField()

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_waarde(self, tegel) -> float | int | None:
        return tegel.waarde


class KpiTabelSerializer(Serializer):
    key = serializers.CharField()
    titel = serializers.CharField()
    kolommen = serializers.ListField(child=serializers.CharField())
    rijen = serializers.SerializerMethodField(
        help_text="Per rij de waarden in de volgorde van `kolommen` (tekst, getal of leeg)."
    )

    @extend_schema_field(
        serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))
    )
    def get_rijen(self, tabel) -> list[list]:
        return [[cel.waarde for cel in rij] for rij in tabel.rijen]


class KpiSectieSerializer(Serializer):
    key = serializers.CharField()
    titel = serializers.CharField()
    toelichting = serializers.CharField()
    tegels = KpiTegelSerializer(many=True)
    tabellen = KpiTabelSerializer(many=True)


class DashboardPeriodeSerializer(Serializer):
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Tot en met.")


class DashboardSerializer(Serializer):
    periode = DashboardPeriodeSerializer()
    secties = KpiSectieSerializer(many=True)


class KpiSerializer(Serializer):
    periode = DashboardPeriodeSerializer()
    kpi = serializers.SerializerMethodField(
        help_text="Per sectie de kerncijfers op naam; leeg (null) als er niets te tellen was."
    )

    @extend_schema_field(
        serializers.DictField(
            child=serializers.DictField(child=serializers.FloatField(allow_null=True))
        )
    )
    def get_kpi(self, data) -> dict:
        return {
            sectie.key: {tegel.key: tegel.waarde for tegel in sectie.tegels}
            for sectie in data["secties"]
        }


class VerwerkingSerializer(ModelSerializer):
    """One logged look at a partij's data: who, when, what, why and where."""

    class Meta:
        model = AuditLogEntry
        fields = [
            "uuid",
            "tijdstip",
            "gebruikersnaam",
            "actie",
            "object_type",
            "object_uuid",
            "object_omschrijving",
            "reden",
            "kanaal",
            "context",
        ]


class RapportSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="rapport-detail", lookup_field="uuid", read_only=True
    )
    pdf = serializers.SerializerMethodField(help_text="Downloadadres van de PDF, als die klaar is.")

    class Meta:
        model = Rapport
        fields = [
            "url",
            "uuid",
            "periode_van",
            "periode_tot",
            "status",
            "fout",
            "aangemaakt",
            "klaar_op",
            "pdf",
        ]
        read_only_fields = fields

    def get_pdf(self, rapport: Rapport) -> str | None:
        if rapport.status != Rapport.Status.KLAAR:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("rapport-pdf", kwargs={"uuid": rapport.uuid})
        )


class RapportAanvraagSerializer(Serializer):
    maand = serializers.DateField(
        help_text="Een dag in de gevraagde maand, bijvoorbeeld 2026-10-01."
    )

    def validate_maand(self, maand):
        if maand > timezone.localdate():
            raise serializers.ValidationError("Een rapportage kan alleen over het verleden gaan.")
        return maand
