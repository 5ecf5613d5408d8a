"""``desist audit verify [--against FILE]``, ``desist audit seal``, ``desist audit export-head``,
``desist audit restrict-role ROLE``."""

from django.core.management.base import BaseCommand, CommandError

from desist.audit.roles import RoleError, restrict_app_role
from desist.audit.services import export_head, read_checkpoints, seal_pending, verify_trail


class Command(BaseCommand):
    help = ("Audit trail tools. 'verify' recomputes the keyed hash chain and names the first bad "
            "row (with --against, also checks the exported chain heads are still in it); "
            "'seal' chains pending rows now; 'export-head' appends the head to the export file; "
            "'restrict-role ROLE' (PostgreSQL, as the tables' owner) grants the application's role "
            "what it needs but no UPDATE, DELETE or TRUNCATE of audit rows.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal", "export-head", "restrict-role"])
        parser.add_argument("role", nargs="?", help="restrict-role: the application's database role.")
        parser.add_argument("--against", metavar="EXPORT",
                            help="A head export file (or log lines holding its JSON).")

    def handle(self, *args, **options):
        if options["action"] == "seal":
            self.stdout.write(f"Sealed {seal_pending():,} audit events.")
            return
        if options["action"] == "restrict-role":
            if not options["role"]:
                raise CommandError("Name the application's database role: desist audit restrict-role ROLE")
            try:
                statements = restrict_app_role(options["role"])
            except RoleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write("\n".join(f"{s};" for s in statements))
            self.stdout.write(f"Restricted {options['role']}: no UPDATE, DELETE or TRUNCATE of audit rows.")
            return
        if options["action"] == "export-head":
            checkpoint = export_head()
            self.stdout.write(f"Exported the audit chain head: seq {checkpoint['seq']}.")
            return
        against = None
        if options["against"]:
            try:
                against = read_checkpoints(options["against"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the export {options['against']}: {exc}") from None
        result = verify_trail(against=against)
        for notice in result.notices:
            self.stderr.write(f"Notice: {notice}.")
        if result.fault is not None:
            raise CommandError(
                f"Audit trail tampered: {result.fault} ({result.checked} rows checked).")
        extra = f"; {len(against)} exported checkpoints found intact" if against else ""
        self.stdout.write(f"Audit trail intact: {result.checked} rows verified{extra}.")
