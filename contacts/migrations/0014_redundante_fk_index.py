import django.db.models.deletion
from django.db import migrations, models

from kcc.migration_operations import foreign_key_index_dropped


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0013_dagstatus_ververst_tot"),
    ]

    atomic = False

    operations = [
        foreign_key_index_dropped(
            state_operation=migrations.AlterField(
                model_name="klantcontact",
                name="partij",
                field=models.ForeignKey(
                    blank=True,
                    db_index=False,
                    help_text="Leeg bij een anoniem contact.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="klantcontacten",
                    to="contacts.partij",
                    verbose_name="partij",
                ),
            ),
            index="contacts_klantcontact_partij_id_73204f25",
            table="contacts_klantcontact",
            column="partij_id",
        ),
    ]
