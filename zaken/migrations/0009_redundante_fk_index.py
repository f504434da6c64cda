import django.db.models.deletion
from django.db import migrations, models

from kcc.migration_operations import foreign_key_index_dropped


class Migration(migrations.Migration):
    dependencies = [
        ("zaken", "0008_zaaknummer_sequences"),
    ]

    atomic = False

    operations = [
        foreign_key_index_dropped(
            state_operation=migrations.AlterField(
                model_name="status",
                name="zaak",
                field=models.ForeignKey(
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="statussen",
                    to="zaken.zaak",
                    verbose_name="zaak",
                ),
            ),
            index="zaken_status_zaak_id_b1a771c5",
            table="zaken_status",
            column="zaak_id",
        ),
    ]
