"""On PostgreSQL, TRUNCATE of the audit trail is refused too (issue 13 item 3).

Row triggers (0004) do not fire on TRUNCATE, so a role that was granted TRUNCATE (a ``GRANT ALL``,
or the application running as the tables' owner) could empty the trail in one statement, also
through ``TRUNCATE auth_user CASCADE``. A statement-level trigger refuses it to every role but a
superuser: a superuser can disable any trigger anyway, and Django's test flush runs as one. The
application role must therefore never be a superuser (``desist audit restrict-role`` refuses to
set up one, docs/operations.md §4).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION desist_audit_no_truncate() RETURNS trigger AS $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'The audit trail is append-only: TRUNCATE refused'
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION desist_audit_no_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_append_only_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS desist_audit_no_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_append_only_trigger")]
    operations = [migrations.RunPython(forward, backward)]
