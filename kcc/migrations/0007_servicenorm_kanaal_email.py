"""Servicenorm's e-mail kanaal takes the value klantcontacten store ("e-mail")."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    apps.get_model("kcc", "Servicenorm").objects.filter(kanaal="email").update(kanaal="e-mail")


def backwards(apps, schema_editor):
    apps.get_model("kcc", "Servicenorm").objects.filter(kanaal="e-mail").update(kanaal="email")


class Migration(migrations.Migration):
    dependencies = [("kcc", "0006_rapport")]

    operations = [
        migrations.AlterField(
            model_name="servicenorm",
            name="kanaal",
            field=models.CharField(
                blank=True,
                choices=[
                    ("telefoon", "telefoon"),
                    ("balie", "balie"),
                    ("e-mail", "e-mail"),
                    ("post", "post"),
                    ("webformulier", "webformulier"),
                    ("chat", "chat"),
                    ("contactverzoek", "contactverzoek (terugbellen)"),
                ],
                max_length=20,
                verbose_name="kanaal",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
