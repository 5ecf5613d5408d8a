from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "desist.jobs"
    label = "jobs"
