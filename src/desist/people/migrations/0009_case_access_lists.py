# The restriction/exclusion list and the case covers move from the access app to people
# (ADR 0017). State only: the tables keep their names (db_table), nothing in the database changes.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0008_tiering'),
        ('access', '0003_security_form_token'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CaseAccessEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('granted', 'Granted (restriction list)'), ('excluded', 'Excluded (exclusion list)')], max_length=10)),
                        ('reason', models.CharField(max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access', to='people.person')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'access_caseaccessentry',
                        'indexes': [models.Index(fields=['user', 'kind'], name='access_case_user_id_065dbd_idx')],
                        'constraints': [models.UniqueConstraint(fields=('person', 'user'), name='case_access_one_entry')],
                    },
                ),
                migrations.CreateModel(
                    name='CaseCover',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(max_length=300)),
                        ('started_at', models.DateTimeField()),
                        ('ends_at', models.DateTimeField()),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='covers', to='people.person')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'access_casecover',
                        'indexes': [models.Index(fields=['person', 'user', '-ends_at'], name='access_case_person__9cebed_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
