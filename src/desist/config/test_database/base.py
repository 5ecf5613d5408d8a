"""PostgreSQL for the test suite: Django's backend with a flush that deletes instead of truncating.

Django empties every table after each transactional test (browser journeys, the live server,
fault and race tests) with one ``TRUNCATE`` of all ~115 tables. PostgreSQL gives each truncated
table and index a new file, so that statement took 4–5 s on the 2-core CI machine whatever was in
the tables — about 100 transactional tests paid it, several minutes of the run. ``DELETE`` of the
few rows a test leaves behind takes milliseconds. Foreign keys are deferred (Django creates them
``DEFERRABLE INITIALLY DEFERRED``), so the order of the deletes does not matter; they are checked
when the flush commits.

The audit trail refuses ``DELETE`` by trigger (ADR 0004), so it alone is still truncated: the
statement-level trigger lets a superuser through, as Django's flush always needed.

Only the test settings use this backend; production runs Django's own.
"""

from __future__ import annotations

from django.db.backends.postgresql import base, operations

# Append-only by trigger: emptied by TRUNCATE, never by DELETE.
TRUNCATED = frozenset({"audit_auditevent"})


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            # Sequences reset or cascades asked for: Django's TRUNCATE does both.
            return super().sql_flush(style, tables, reset_sequences=reset_sequences,
                                     allow_cascade=allow_cascade)
        sql = ["SET CONSTRAINTS ALL DEFERRED;"]
        # Table names come from the models, quoted by the backend.
        sql += [f"DELETE FROM {self.quote_name(table)};"  # noqa: S608
                for table in tables
                if table not in TRUNCATED]
        truncated = [self.quote_name(table) for table in tables if table in TRUNCATED]
        if truncated:
            sql.append(f"TRUNCATE {', '.join(truncated)};")
        return sql


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
