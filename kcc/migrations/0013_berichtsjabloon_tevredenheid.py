"""The satisfaction survey invitation becomes an editable template too: the seed of
0010 again, which adds the soorten without a stored text (get_or_create)."""

from importlib import import_module

from django.db import migrations

seed = import_module("kcc.migrations.0010_berichtsjablonen_seed").seed


def unseed(apps, schema_editor):
    apps.get_model("kcc", "BerichtSjabloon").objects.filter(
        code="tevredenheid_uitnodiging"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("kcc", "0012_auditlogentry_context")]

    operations = [migrations.RunPython(seed, unseed)]
