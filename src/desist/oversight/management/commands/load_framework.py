"""``desist load_framework [file.json]``: load an edition of the inspection framework (the shipped
default when no file is given). Rounds already started keep the edition they began with."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from desist.errors import Refused
from desist.oversight import framework as fw
from desist.oversight import services
from desist.oversight.models import FrameworkEdition


class Command(BaseCommand):
    help = "Load an edition of the inspection standards framework (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the edition (default: the shipped one)")

    def handle(self, *args, **options):
        path = Path(options["file"]) if options["file"] else fw.DEFAULT_EDITION
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if FrameworkEdition.objects.filter(code=data.get("code")).exists():
            self.stdout.write(f"{data.get('name')} is already loaded")
            return
        try:
            edition = services.edition_load(acting_user="desist load_framework", data=data)
        except Refused as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Loaded {edition.name}")
