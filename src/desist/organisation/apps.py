from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "desist.organisation"
    label = "organisation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from desist.navigation import add_service_link
        from desist.words import forget_glossary

        from .models import LocalAuthority, Team
        from .views import ORGANISATION_READERS

        # Reason text names places and teams (desist.words): forget the names when one changes.
        for model in (LocalAuthority, Team):
            post_save.connect(forget_glossary, sender=model, dispatch_uid=f"words-{model.__name__}")
            post_delete.connect(forget_glossary, sender=model,
                                dispatch_uid=f"words-del-{model.__name__}")

        add_service_link("organisation:staff", _("Staff"), ORGANISATION_READERS, prefix="/staff",
                         order=80)
        add_service_link("organisation:venues", _("Venues"), ORGANISATION_READERS,
                         prefix="/venues", order=81)
