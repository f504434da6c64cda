from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told the number of rows when the caller knows it (the werkvoorraad's
    counts), so that it makes no COUNT query of its own."""

    def __init__(self, object_list, per_page, count: int | None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count
