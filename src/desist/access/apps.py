from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "desist.access"
    label = "access"

    def ready(self):
        from desist.navigation import add_case_panel

        from .roles import PROVIDER_STAFF
        from .views import cover_panel

        # First on the overview: who is acting on this case outside its officer and team.
        add_case_panel("access/_cover_panel.html", cover_panel, PROVIDER_STAFF, order=1)
