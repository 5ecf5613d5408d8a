"""``desist import delius PATH [--dry-run]``: read national-record bundles (docs/gateway.md)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError

from desist.errors import Refused
from desist.gateway import services


class Command(BaseCommand):
    help = "Import cases from the national record (nDelius Community API bundles)."

    def add_arguments(self, parser):
        parser.add_argument("system", choices=["delius"])
        parser.add_argument("path", help="a bundle file (.json, .jsonl) or a folder of them")
        parser.add_argument("--dry-run", action="store_true",
                            help="say what would change, change nothing")
        parser.add_argument("--chunk", type=int, default=services.CHUNK)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument("--workers", type=int, default=1,
                            help="import in this many processes, each taking its share of the "
                                 "CRNs (for large batches on a machine with cores to spare)")
        parser.add_argument("--shard", help=argparse.SUPPRESS)  # I/N: one worker's share

    def handle(self, *args, **options):
        if options["workers"] > 1 and not options["shard"]:
            return self._parallel(options)
        shard = None
        if options["shard"]:
            index, count = (int(x) for x in options["shard"].split("/"))
            shard = (index, count)
        show = not options["quiet"]

        def progress(batch):
            if show:
                sys.stderr.write(
                    f"\r{batch.read} read · {batch.created} new · {batch.updated} changed · "
                    f"{batch.unchanged} unchanged · {batch.rejected} rejected")
                sys.stderr.flush()

        try:
            result = services.import_path(acting_user=None, path=options["path"],
                                          dry_run=options["dry_run"], chunk=options["chunk"],
                                          progress=progress, shard=shard)
        except Refused as exc:
            raise CommandError(exc.message) from exc
        if show:
            sys.stderr.write("\n")
        batch = result.batch
        for rejection in result.rejections:
            self.stdout.write(rejection.line())
        verb = "Would import" if batch.dry_run else "Imported"
        self.stdout.write(
            f"{verb} {batch.read} records from {batch.source}: {batch.created} new, "
            f"{batch.updated} changed, {batch.unchanged} unchanged, {batch.rejected} rejected "
            f"(batch {batch.pk}).")
        if batch.rejected:
            raise CommandError(f"{batch.rejected} record(s) rejected", returncode=1)

    def _parallel(self, options):
        """Run ``--workers`` copies of this command, each on its share of the CRNs."""
        count = options["workers"]
        base = [sys.executable, "-m", "desist.cli", "import", "delius", options["path"],
                "--chunk", str(options["chunk"]), "--quiet"]
        if options["dry_run"]:
            base.append("--dry-run")
        children = [subprocess.Popen([*base, "--shard", f"{i}/{count}"],  # noqa: S603
                                     stdout=subprocess.PIPE, text=True)
                    for i in range(count)]
        failed = 0
        for child in children:
            out, _ = child.communicate()
            self.stdout.write(out.rstrip("\n"))
            failed += child.returncode != 0
        if failed:
            raise CommandError("record(s) rejected: see above", returncode=1)
