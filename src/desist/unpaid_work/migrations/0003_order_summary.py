"""The unpaid-work order summary (ADR 0015), filled from the orders already there."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

from desist.rules import unpaid_work as rules


def fill(apps, schema_editor):
    """The same recount as ``unpaid_work.summary.rebuild`` (historical models; the rules are
    pure functions of the record)."""
    requirement = apps.get_model("sentences", "Requirement")
    attendance = apps.get_model("unpaid_work", "Attendance")
    adjustment = apps.get_model("unpaid_work", "Adjustment")
    summary = apps.get_model("unpaid_work", "UpwOrderSummary")
    ordered, cases = defaultdict(list), {}
    for pk, provider, office, hours, sentenced in requirement.objects.filter(
            type="upw", sentence__terminated_on__isnull=True, upw_hours__isnull=False).values_list(
            "sentence__person_id", "sentence__person__provider_id", "sentence__person__lmc_id",
            "upw_hours", "sentence__sentence_date"):
        ordered[pk].append((hours, sentenced))
        cases[pk] = (provider, office)
    sessions = defaultdict(list)
    for pk, on, outcome, worked, penalty, kind in attendance.objects.exclude(
            outcome="").values_list("placement__person_id", "placement__session__on", "outcome",
                                    "minutes_worked", "penalty_minutes",
                                    "placement__session__project__type"):
        sessions[pk].append(rules.SessionCredit(on, outcome, worked, penalty, kind == "ete"))
    adjustments = defaultdict(list)
    for pk, on, reason, minutes in adjustment.objects.values_list("person_id", "on", "reason",
                                                                  "minutes"):
        adjustments[pk].append(rules.Adjustment(on, reason, minutes))
    today = timezone.localdate()
    rows = []
    for pk, orders in ordered.items():
        sentenced = min(date for _hours, date in orders)
        ledger = rules.ledger(rules.LedgerInput(
            tuple(hours for hours, _date in orders), sentenced, max(today, sentenced),
            tuple(sessions[pk]), tuple(adjustments[pk])))
        rows.append(summary(
            person_id=pk, provider_id=cases[pk][0], office_id=cases[pk][1],
            sentence_date=sentenced,
            ordered_minutes=ledger.ordered_minutes, credited_minutes=ledger.credited_minutes,
            remaining_minutes=ledger.remaining_minutes,
            ete_minutes_credited=ledger.ete_minutes_credited,
            ete_cap_minutes=ledger.ete_cap_minutes, deadline=ledger.deadline,
            complete=ledger.complete, at_risk_from=rules.at_risk_from(sentenced, ledger)))
    summary.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0003_staff_hours_and_reductions'),
        ('people', '0008_tiering'),
        ('sentences', '0001_initial'),
        ('unpaid_work', '0002_project_defaults_intensive'),
    ]

    operations = [
        migrations.CreateModel(
            name='UpwOrderSummary',
            fields=[
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='upw_summary', serialize=False, to='people.person')),
                ('sentence_date', models.DateField()),
                ('ordered_minutes', models.PositiveIntegerField()),
                ('credited_minutes', models.PositiveIntegerField()),
                ('remaining_minutes', models.PositiveIntegerField()),
                ('ete_minutes_credited', models.PositiveIntegerField()),
                ('ete_cap_minutes', models.PositiveIntegerField()),
                ('deadline', models.DateField()),
                ('complete', models.BooleanField()),
                ('at_risk_from', models.DateField(blank=True, null=True)),
                ('provider', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.provider')),
                ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisation.team')),
            ],
            options={
                'indexes': [models.Index(fields=['provider', 'deadline'], name='upw_summary_deadline'), models.Index(fields=['provider', 'at_risk_from'], name='upw_summary_risk')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
