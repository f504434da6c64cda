"""The texts KCC used to hard-code become editable templates, one per soort and kanaal."""

from django.db import migrations


def seed(apps, schema_editor):
    from kcc.berichtsjablonen import SOORTEN

    BerichtSjabloon = apps.get_model("kcc", "BerichtSjabloon")
    for code, soort in SOORTEN.items():
        for kanaal, (onderwerp, inhoud) in soort.teksten.items():
            BerichtSjabloon.objects.get_or_create(
                code=code, kanaal=kanaal, defaults={"onderwerp": onderwerp, "inhoud": inhoud}
            )


class Migration(migrations.Migration):
    dependencies = [("kcc", "0009_berichtsjabloon_sms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
