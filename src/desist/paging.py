"""Paging without counting the whole caseload (issue 23).

An exact ``COUNT(*)`` of every case a manager may see reads ~300,000 rows on each request, and
so does jumping to page 12,000. A list therefore counts at most ``COUNT_CAP + 1`` rows and pages
through at most the first ``COUNT_CAP``; beyond that it says "more than 1,000" and asks the user
to search or filter, which is what they need to do anyway to find one case among thousands.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows; pages cover at most the first COUNT_CAP."""

    cap = COUNT_CAP

    @property
    def count(self) -> int:
        if not hasattr(self, "_capped"):
            self._capped = self.object_list[: self.cap + 1].count()
        return self._capped

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        shown = min(self.count, self.cap)
        return max(1, -(-shown // self.per_page))


class CappedPageNumberPagination(PageNumberPagination):
    """The API's pages: ``count`` is exact up to 1,000; ``count_capped`` says it is a floor."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"True when there are more than {COUNT_CAP} results: count is then "
                           f"{COUNT_CAP + 1} and pages reach only the first {COUNT_CAP}.",
        }
        return schema


def page_by_ids(rows, number, per_page: int):
    """A page of ``rows`` (a queryset) counted and ordered by ids alone, then only the page's
    rows loaded, in that order: a count and order an index can serve without reading every
    row (issue 23: sorting whole rows read all 16,000 high-risk cases a request)."""
    paginator = Paginator(rows.values_list("pk", flat=True), per_page)
    page = paginator.get_page(number or 1)
    ids = list(page.object_list)
    loaded = rows.in_bulk(ids)
    page.object_list = [loaded[pk] for pk in ids]
    return paginator, page


def page_links(request, page) -> dict:
    """``govukPagination``'s previous and next links for a page of a list, keeping the list's
    filters (every other query parameter)."""
    links = {}
    for rel, has, number in (("previous", page.has_previous, page.previous_page_number),
                             ("next", page.has_next, page.next_page_number)):
        if has():
            params = request.GET.copy()
            params["page"] = number()
            links[rel] = {"href": f"?{params.urlencode()}"}
    return links
