from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "desist.access"
    label = "access"

    def ready(self):
        from desist.navigation import add_case_panel
        from desist.organisation.roles import PROVIDER_STAFF

        from .views import cover_panel

        # First on the overview: who is acting on this case outside its officer and team.
        add_case_panel("access/_cover_panel.html", cover_panel, PROVIDER_STAFF, order=1)

        # Signing in sets the session's idle expiry: the next request need not renew it.
        from django.contrib.auth.signals import user_logged_in

        from desist.config.middleware import session_renewed_on_sign_in

        user_logged_in.connect(session_renewed_on_sign_in, dispatch_uid="desist-session-renewed")
