"""Zaaknummers from a Postgres sequence per year instead of a locked counter row.

The counter row was locked from the intake's number until its commit, so intakes
queued behind each other. A sequence hands out a number without waiting; a
rolled-back intake leaves a gap. Each year's counter becomes its sequence, at the
same last number.
"""

from django.db import migrations

NUMMERS_FUNCTION = """
CREATE FUNCTION zaken_zaaknummers(jaar integer, aantal integer) RETURNS SETOF bigint
LANGUAGE plpgsql AS $$
DECLARE
    reeks text := 'zaken_zaaknummer_' || jaar;
BEGIN
    IF to_regclass(reeks) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS bigint', reeks);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            -- Another intake created it at the same moment.
            NULL;
        END;
    END IF;
    RETURN QUERY SELECT nextval(reeks::regclass) FROM generate_series(1, aantal);
END
$$;
"""

COUNTERS_TO_SEQUENCES = """
DO $$
DECLARE
    teller record;
BEGIN
    FOR teller IN SELECT jaar, laatste FROM zaken_zaaknummer WHERE laatste > 0 LOOP
        PERFORM zaken_zaaknummers(teller.jaar, 0);
        PERFORM setval(format('zaken_zaaknummer_%s', teller.jaar)::regclass, teller.laatste);
    END LOOP;
END
$$;
"""

SEQUENCES_TO_COUNTERS = """
INSERT INTO zaken_zaaknummer (jaar, laatste)
SELECT substring(sequencename FROM '\\d+$')::integer, coalesce(last_value, 0)
FROM pg_sequences WHERE sequencename ~ '^zaken_zaaknummer_\\d+$';
DO $$
DECLARE
    reeks record;
BEGIN
    FOR reeks IN SELECT sequencename FROM pg_sequences
        WHERE sequencename ~ '^zaken_zaaknummer_\\d+$' LOOP
        EXECUTE format('DROP SEQUENCE %I', reeks.sequencename);
    END LOOP;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("zaken", "0007_dashboard_covering_indexes")]

    operations = [
        migrations.RunSQL(NUMMERS_FUNCTION, "DROP FUNCTION zaken_zaaknummers(integer, integer);"),
        migrations.RunSQL(COUNTERS_TO_SEQUENCES, SEQUENCES_TO_COUNTERS),
        migrations.DeleteModel(name="ZaakNummer"),
    ]
