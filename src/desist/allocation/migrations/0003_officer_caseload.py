"""The officer caseload summary (ADR 0005), filled from the cases already there."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q, Sum

BANDS = ("green", "yellow", "red", "blue")


def fill(apps, schema_editor):
    """The same recount as ``allocation.caseloads.rebuild`` (historical models)."""
    person = apps.get_model("people", "Person")
    summary = apps.get_model("allocation", "OfficerCaseload")
    rows = (person.objects.filter(active=True, responsible_officer__isnull=False).order_by()
            .values("responsible_officer_id")
            .annotate(n=Count("pk"), p=Sum("workload_points"),
                      **{b: Count("pk", filter=Q(band=b)) for b in BANDS}))
    summary.objects.bulk_create([
        summary(staff_id=r["responsible_officer_id"], cases=r["n"], points=float(r["p"] or 0),
                unbanded=r["n"] - sum(r[b] for b in BANDS), **{b: r[b] for b in BANDS})
        for r in rows], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('allocation', '0002_escalation_outcome'),
        ('organisation', '0002_enforce_office_phone'),
        ('people', '0007_merge_enforce_speed'),
    ]

    operations = [
        migrations.CreateModel(
            name='OfficerCaseload',
            fields=[
                ('staff', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='caseload_summary', serialize=False, to='organisation.staff')),
                ('cases', models.IntegerField(default=0)),
                ('green', models.IntegerField(default=0)),
                ('yellow', models.IntegerField(default=0)),
                ('red', models.IntegerField(default=0)),
                ('blue', models.IntegerField(default=0)),
                ('unbanded', models.IntegerField(default=0)),
                ('points', models.FloatField(default=0)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
