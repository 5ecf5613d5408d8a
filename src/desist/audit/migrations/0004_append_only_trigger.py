"""On PostgreSQL, the database itself refuses to rewrite the audit trail (ADR 0004).

DELETE is refused outright; UPDATE only when it seals an unsealed row (sets seq, prev_hash, hash
and key_id) and changes nothing it records. TRUNCATE is left to privileges (the application role
is not granted it, docs/operations.md; Django's test flush uses it), and a truncation is found by
``desist audit verify --against`` the exported heads. The table's owner can still disable the
trigger, but that takes deliberate DDL, and verification then finds what was changed. SQLite
(the demo) relies on the model's refusal and on verification.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION desist_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL
     AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.action, NEW.event,
          NEW.object_type, NEW.object_id, NEW.crn, NEW.source, NEW.detail)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_id, OLD.actor_label, OLD.action, OLD.event,
          OLD.object_type, OLD.object_id, OLD.crn, OLD.source, OLD.detail) THEN
      RETURN NEW;  -- sealing
    END IF;
  END IF;
  RAISE EXCEPTION 'The audit trail is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_append_only_rows BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION desist_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_append_only_rows ON audit_auditevent;
DROP FUNCTION IF EXISTS desist_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_sealed_chain")]
    operations = [migrations.RunPython(forward, backward)]
