from django.db import migrations

# The audit log is evidence: the database itself refuses to change or remove a line.
FORWARD = """
CREATE FUNCTION kcc_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het auditlog is alleen-toevoegen: regels worden niet gewijzigd of verwijderd.'
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER kcc_auditlog_append_only
    BEFORE UPDATE OR DELETE ON kcc_auditlogentry
    FOR EACH ROW EXECUTE FUNCTION kcc_auditlog_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS kcc_auditlog_append_only ON kcc_auditlogentry;
DROP FUNCTION IF EXISTS kcc_auditlog_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("kcc", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
