import datetime

from django.db import migrations, models
from django.utils import timezone


def fill_whole_days(apps, schema_editor):
    """Roll-ups built so far were all of past days: each holds its whole day."""
    Dagstatus = apps.get_model("contacts", "KlantcontactDagstatus")
    statussen = list(Dagstatus.objects.filter(ververst_versie__isnull=False))
    for status in statussen:
        volgende = status.dag + datetime.timedelta(days=1)
        status.ververst_tot = timezone.make_aware(
            datetime.datetime.combine(volgende, datetime.time.min)
        )
    Dagstatus.objects.bulk_update(statussen, ["ververst_tot"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0012_contactverzoek_dashboard_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="klantcontactdagstatus",
            name="ververst_tot",
            field=models.DateTimeField(null=True, verbose_name="telt contacten vóór"),
        ),
        migrations.RunPython(fill_whole_days, migrations.RunPython.noop),
    ]
