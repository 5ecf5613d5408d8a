"""Settings for ``bench/http.py``'s server: the shared settings with DEBUG off, plus a header
giving the number of SQL queries each request made (so the bench can report queries/request
over real HTTP). Pass ``--settings desist.config.settings.production`` to bench the
production settings instead (queries per request are then not reported)."""

from desist.config.settings.base import *  # noqa: F403
from desist.config.settings.base import MIDDLEWARE

DEBUG = False
MIDDLEWARE = ["http_settings.QueryCountMiddleware", *MIDDLEWARE]


class QueryCountMiddleware:
    """Counts the statements this request sent to the database (``X-Desist-Queries``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Desist-Queries"] = str(count)
        return response
