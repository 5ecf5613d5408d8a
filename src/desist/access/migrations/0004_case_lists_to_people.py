# The restriction/exclusion list and the case covers now belong to people (ADR 0017; see
# people.0009_case_access_lists). State only: the tables stay, under the same names.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0003_security_form_token'),
        ('people', '0009_case_access_lists'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='CaseAccessEntry'),
                migrations.DeleteModel(name='CaseCover'),
            ],
            database_operations=[],
        ),
    ]
