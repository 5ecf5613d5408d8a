"""The real URLs plus one view that fails, to see the 500 page (tests only)."""

from django.urls import path

from desist.access.rules import allow
from desist.config.urls import *  # noqa: F403 - the handlers too
from desist.config.urls import urlpatterns as real


@allow(public=True)
def fault(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [*real, path("fault", fault)]
