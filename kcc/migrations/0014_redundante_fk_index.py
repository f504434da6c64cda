import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kcc.migration_operations import foreign_key_index_dropped


class Migration(migrations.Migration):
    dependencies = [
        ("kcc", "0013_berichtsjabloon_tevredenheid"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    atomic = False

    operations = [
        foreign_key_index_dropped(
            state_operation=migrations.AlterField(
                model_name="idempotencykey",
                name="user",
                field=models.ForeignKey(
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            index="kcc_idempotencykey_user_id_a3c4c0e0",
            table="kcc_idempotencykey",
            column="user_id",
        ),
    ]
