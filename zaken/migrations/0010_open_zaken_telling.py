from django.db import migrations, models

# +1 for a zaak that opens in or moves into an afdeling, -1 for one that closes, leaves
# or is deleted there (models.OpenZakenTelling). An UPDATE that changes neither whether
# the zaak is open nor its afdeling writes nothing.
TELLEN = """
CREATE FUNCTION zaken_open_zaken_tellen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.einddatum IS NULL THEN
        INSERT INTO zaken_openzakentelling (afdeling_id, aantal)
        VALUES (OLD.behandelende_afdeling_id, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.einddatum IS NULL THEN
        INSERT INTO zaken_openzakentelling (afdeling_id, aantal)
        VALUES (NEW.behandelende_afdeling_id, 1);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER zaken_open_zaken_tellen_erbij_eraf
    AFTER INSERT OR DELETE ON zaken_zaak
    FOR EACH ROW EXECUTE FUNCTION zaken_open_zaken_tellen();
CREATE TRIGGER zaken_open_zaken_tellen_gewijzigd
    AFTER UPDATE OF einddatum, behandelende_afdeling_id ON zaken_zaak
    FOR EACH ROW
    WHEN (
        (OLD.einddatum IS NULL) <> (NEW.einddatum IS NULL)
        OR OLD.behandelende_afdeling_id <> NEW.behandelende_afdeling_id
    )
    EXECUTE FUNCTION zaken_open_zaken_tellen();
-- Writers wait while the zaken open now are counted, so none is counted twice or missed.
LOCK TABLE zaken_zaak IN SHARE MODE;
INSERT INTO zaken_openzakentelling (afdeling_id, aantal)
SELECT behandelende_afdeling_id, count(*) FROM zaken_zaak
WHERE einddatum IS NULL GROUP BY behandelende_afdeling_id;
"""

NIET_MEER_TELLEN = """
DROP TRIGGER zaken_open_zaken_tellen_gewijzigd ON zaken_zaak;
DROP TRIGGER zaken_open_zaken_tellen_erbij_eraf ON zaken_zaak;
DROP FUNCTION zaken_open_zaken_tellen();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("zaken", "0009_redundante_fk_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="OpenZakenTelling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("afdeling_id", models.BigIntegerField(db_index=True, verbose_name="afdeling")),
                ("aantal", models.IntegerField(verbose_name="aantal")),
            ],
            options={
                "verbose_name": "telling open zaken",
                "verbose_name_plural": "tellingen open zaken",
            },
        ),
        migrations.RunSQL(TELLEN, NIET_MEER_TELLEN),
    ]
