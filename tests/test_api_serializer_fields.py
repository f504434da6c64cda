"""Each serializer instance binds its own copies of the fields (kcc/api/serializers.py
copies plain fields shallowly, fields with fields of their own whole): binding or
validating one instance never touches another."""

from rest_framework import serializers

from kcc.api.serializers import ModelSerializer, Serializer
from kcc.models import Afdeling


class _Regel(Serializer):
    tekst = serializers.CharField(max_length=5)


class _Bericht(Serializer):
    onderwerp = serializers.CharField(max_length=10)
    regels = _Regel(many=True)
    labels = serializers.ListField(child=serializers.CharField(max_length=3))


class _Afdeling(ModelSerializer):
    class Meta:
        model = Afdeling
        fields = ["naam", "code"]


def test_two_instances_share_no_bound_field():
    first, second = _Bericht(), _Bericht()
    for name in ("onderwerp", "regels", "labels"):
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first
        assert second.fields[name].parent is second
    assert first.fields["regels"].child is not second.fields["regels"].child
    assert first.fields["regels"].child.parent is first.fields["regels"]
    assert first.fields["labels"].child.parent is first.fields["labels"]
    assert second.fields["labels"].child.parent is second.fields["labels"]


def test_the_declared_fields_stay_unbound():
    _Bericht().fields  # noqa: B018 - binds the instance's copies
    for field in _Bericht._declared_fields.values():
        assert field.parent is None and field.field_name is None


def test_validating_one_instance_leaves_the_other_alone():
    wrong = _Bericht(data={"onderwerp": "x" * 20, "regels": [{"tekst": "te lang"}], "labels": []})
    right = _Bericht(data={"onderwerp": "Paspoort", "regels": [{"tekst": "ja"}], "labels": ["a"]})
    assert not wrong.is_valid()
    assert right.is_valid(), right.errors
    assert set(wrong.errors) == {"onderwerp", "regels"}
    assert right.validated_data["regels"] == [{"tekst": "ja"}]


def test_model_serializer_fields_are_built_once_and_copied(db):
    first, second = _Afdeling(), _Afdeling()
    assert first.fields["naam"] is not second.fields["naam"]
    assert first.fields["naam"].parent is first and second.fields["naam"].parent is second
    assert first.fields["code"].validators is second.fields["code"].validators
    assert _Afdeling(data={"naam": "", "code": "X"}).is_valid() is False
