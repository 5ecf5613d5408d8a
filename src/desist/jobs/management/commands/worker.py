from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run queued background tasks (the database task backend's worker)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="Run what is queued now, then exit.")

    def handle(self, *args, **options):
        call_command("db_worker", batch=options["batch"])
