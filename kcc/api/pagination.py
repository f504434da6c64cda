from rest_framework import pagination

from kcc.paginator import KnownCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}`, with `?page=` and `?page_size=` (max 100)."""

    page_size_query_param = "page_size"
    max_page_size = 100
    known_count: int | None = None

    def paginate_queryset(self, queryset, request, view=None, *, count: int | None = None):
        """`count`, when the caller knows it, spares the COUNT query."""
        self.known_count = count
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page) -> KnownCountPaginator:
        return KnownCountPaginator(object_list, per_page, self.known_count)
