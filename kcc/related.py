"""Tell Django what a just-written object's reverse relations hold, so that
answering with it (a serializer, a template) does not read back what the service
has in hand."""

from django.db.models import Model


def remember(instance: Model, name: str, value) -> None:
    """`name`: a reverse relation; `value`: the list of a reverse foreign key, or the
    object (or None) of a reverse one-to-one."""
    field = instance._meta.get_field(name)
    if field.one_to_one:
        field.set_cached_value(instance, value)
        return
    # What prefetch_related leaves behind: the manager answers from this list.
    rows = getattr(instance, name).all()
    rows._result_cache = list(value)
    rows._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[field.cache_name] = rows
