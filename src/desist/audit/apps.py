from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "desist.audit"
    label = "audit"
