import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.production")
application = get_wsgi_application()

if os.environ.get("DESIST_WARM", "1") != "0":
    from desist.config.warmup import warm

    warm()  # before the first request, not during it
