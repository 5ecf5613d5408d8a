"""The code tables' shipped defaults (codes.json), loaded as data so they can be edited."""

import json
from pathlib import Path

from django.db import migrations


def load(apps, schema_editor):
    CodeEntry = apps.get_model("gateway", "CodeEntry")
    data = json.loads((Path(__file__).parents[1] / "codes.json").read_text("utf-8"))
    rows = [CodeEntry(table=table, code=code, value=pair[0], label=pair[1])
            for table, entries in data.items() if not table.startswith("_")
            for code, pair in entries.items()]
    CodeEntry.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("gateway", "CodeEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gateway", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
