"""The application's database role on PostgreSQL: everything it needs, and no way to rewrite the
audit trail (issue 13 item 3; docs/operations.md §4).

Run by ``desist audit restrict-role ROLE`` as the tables' owner (the role that runs migrations).
The application role may read and write every table, insert audit rows and seal them (UPDATE of
``seq``, ``prev_hash``, ``hash`` and ``key_id`` only), but not UPDATE other audit columns, DELETE
or TRUNCATE audit rows. The triggers (migrations ``audit.0004`` and ``0005``) refuse the same
independently of privileges; the privileges stop it before any trigger runs.
"""

from __future__ import annotations

from django.db import connection

from desist.audit.models import AuditEvent

SEAL_COLUMNS = ("seq", "prev_hash", "hash", "key_id")


class RoleError(Exception):
    """The role cannot be restricted (not PostgreSQL, unknown, a superuser or the table owner)."""


def _quote(cursor, name: str) -> str:
    cursor.execute("SELECT quote_ident(%s)", [name])
    return cursor.fetchone()[0]


def restrict_app_role(role: str) -> list[str]:
    """Grant ``role`` what the application needs without rewriting the trail; returns the SQL run."""
    if connection.vendor != "postgresql":
        raise RoleError("Database roles exist only on PostgreSQL; the demo's SQLite has none.")
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            raise RoleError(f"There is no database role {role!r}; create it first (CREATE ROLE).")
        if found[0]:
            raise RoleError(f"{role!r} is a superuser: it can disable any trigger and bypasses "
                            "every privilege. Run the application as an ordinary role.")
        cursor.execute("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = %s::regclass",
                       [table])
        if cursor.fetchone()[0] == role:
            raise RoleError(f"{role!r} owns the tables: an owner keeps every privilege. Run "
                            "migrations as the owner and the application as another role.")
        who, database = _quote(cursor, role), connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute("SELECT current_schema()")
        schema = _quote(cursor, cursor.fetchone()[0])
        statements = [
            f"GRANT CONNECT ON DATABASE {database} TO {who}",
            f"GRANT USAGE ON SCHEMA {schema} TO {who}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
            # Tables and sequences later migrations create (as the role running this) too.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {who}",
            f"REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON {table} FROM {who}",
            f"GRANT UPDATE ({', '.join(SEAL_COLUMNS)}) ON {table} TO {who}",
        ]
        for statement in statements:
            cursor.execute(statement)
    return statements
