"""The registration codes of tiering's complexity factors (issue 21), added to the shipped
defaults (codes.json). Only codes not yet in the table are added: an edited entry is kept."""

from django.db import migrations

NEW = {"RMDO", "RVLN", "RCHD", "RVAD", "STRG", "RTAO"}


def load(apps, schema_editor):
    import json
    from pathlib import Path

    CodeEntry = apps.get_model("gateway", "CodeEntry")
    data = json.loads((Path(__file__).parents[1] / "codes.json").read_text("utf-8"))
    CodeEntry.objects.bulk_create(
        [CodeEntry(table="registration", code=code, value=pair[0], label=pair[1])
         for code, pair in data["registration"].items() if code in NEW],
        ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("gateway", "CodeEntry").objects.filter(table="registration",
                                                           code__in=NEW).delete()


class Migration(migrations.Migration):
    dependencies = [("gateway", "0003_batch_shares")]
    operations = [migrations.RunPython(load, unload)]
