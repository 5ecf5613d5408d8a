from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "desist.organisation"
    label = "organisation"
