"""Rows read and written with SQL built once per process, for the write paths every
channel takes (contact registration, zaak intake) and the klantbeeld's partij.

The ORM compiles each statement anew on every call: about 0.3 ms of CPU per
statement, a fifth of a contact registration's (docs/benchmarks-notes.md). These
helpers build the statement the ORM would build once per model and reuse it; the
values still pass through each field's own conversions (pre_save and
get_db_prep_save on the way in, the database converters on the way out), so what is
stored and read is what save() and get() would store and read.

No model signals are sent: use them only for models without pre/post_save receivers.
"""

from collections.abc import Sequence
from functools import cache

from django.db import connection
from django.db.models import Model


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _insert_statement(
    model: type[Model], rows: int, with_pk: bool, skip_conflicts: bool = False
) -> tuple[str, tuple]:
    fields = tuple(
        field
        for field in model._meta.concrete_fields
        if with_pk or field is not model._meta.auto_field
    )
    table = _quoted(model._meta.db_table)
    columns = ", ".join(_quoted(field.column) for field in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * rows)
    conflict = " ON CONFLICT DO NOTHING" if skip_conflicts else ""
    key = _quoted(model._meta.pk.column)
    # Names from the model's own metadata; the values are parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES {values}{conflict} RETURNING {key}"  # noqa: S608
    return sql, fields


def _execute_insert(objs: tuple[Model, ...], *, skip_conflicts: bool = False) -> list:
    """The keys of the rows inserted (none for a row left out by a conflict)."""
    sql, fields = _insert_statement(
        type(objs[0]), len(objs), objs[0].pk is not None, skip_conflicts
    )
    params = [
        field.get_db_prep_save(field.pre_save(obj, True), connection)
        for obj in objs
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _mark_saved(obj: Model, key) -> None:
    obj.pk = key
    obj._state.adding = False
    obj._state.db = connection.alias


def insert(*objs: Model) -> None:
    """INSERT these new instances of one model in one statement and give them their
    primary keys, as save() or bulk_create() would. Either all of them come with a
    primary key already (taken from its sequence beforehand) or none does."""
    for obj, key in zip(objs, _execute_insert(objs), strict=True):
        _mark_saved(obj, key)


def insert_unless_conflict(obj: Model) -> bool:
    """INSERT this new instance unless a unique value of it is taken (ON CONFLICT DO
    NOTHING: no savepoint and no error to catch); True when it was inserted."""
    keys = _execute_insert((obj,), skip_conflicts=True)
    if not keys:
        return False
    _mark_saved(obj, keys[0])
    return True


@cache
def _select_statement(
    model: type[Model], field_name: str, extra: tuple[tuple[str, str], ...]
) -> tuple[str, list, list]:
    fields = model._meta.concrete_fields
    table = model._meta.db_table
    quoted = _quoted(table)
    columns = [f"{quoted}.{_quoted(field.column)}" for field in fields]
    select = ", ".join(columns + [expression for _, expression in extra])
    where = f"{quoted}.{_quoted(model._meta.get_field(field_name).column)}"
    # Names from the model's own metadata, `extra` from code; the value is a parameter.
    sql = f"SELECT {select} FROM {quoted} WHERE {where} = %s"  # noqa: S608
    return sql, [field.attname for field in fields], _converters(model)


@cache
def _converters(model: type[Model]) -> list:
    """The database converters of the model's columns, by index, as the ORM applies them."""
    converters = []
    for index, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters.append((index, column, functions))
    return converters


def in_field_order(model: type[Model], *attnames: str) -> tuple[str, ...]:
    """These columns of the model in its field order: the order `Model.from_db` takes
    the values of some of its fields in. A name the model does not have raises."""
    known = [field.attname for field in model._meta.concrete_fields]
    unknown = set(attnames) - set(known)
    if unknown:
        raise ValueError(f"{model._meta.object_name} heeft geen velden {sorted(unknown)}")
    return tuple(name for name in known if name in attnames)


def select_one(
    model: type[Model], field_name: str, value, *, extra: tuple[tuple[str, str], ...] = ()
):
    """`model.objects.get(<field_name>=value)` for a unique field; raises the model's
    DoesNotExist when there is no such row.

    `extra`: (attribute, SQL expression) pairs read in the same statement and set on
    the instance, as annotate() would; fixed SQL only, never input."""
    sql, attnames, converters = _select_statement(model, field_name, extra)
    field = model._meta.get_field(field_name)
    with connection.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_value(value, connection)])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model._meta.object_name} {field_name}={value!r}")
    instance = _instance(model, attnames, converters, row)
    for (attribute, _), extra_value in zip(extra, row[len(attnames) :], strict=True):
        setattr(instance, attribute, extra_value)
    return instance


def _instance(model: type[Model], attnames: list, converters: list, row) -> Model:
    values = list(row[: len(attnames)])
    for index, column, functions in converters:
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    return model.from_db(connection.alias, attnames, values)


@cache
def _related_statement(model: type[Model], name: str) -> tuple:
    relation = model._meta.get_field(name)
    related = relation.related_model
    fields = related._meta.concrete_fields
    table = _quoted(related._meta.db_table)
    columns = ", ".join(f"{table}.{_quoted(field.column)}" for field in fields)
    key = f"{table}.{_quoted(relation.field.column)}"
    order = f"{table}.{_quoted(related._meta.pk.column)}"
    # Names from the models' own metadata; the keys are a parameter.
    sql = f"SELECT {columns} FROM {table} WHERE {key} = ANY(%s) ORDER BY {order}"  # noqa: S608
    return relation, sql, [field.attname for field in fields], _converters(related)


def prefetch(instances: Sequence[Model], *names: str) -> None:
    """`prefetch_related(*names)` for these instances of one model: each reverse
    relation (the rows of a model whose ForeignKey points at them) read with one fixed
    statement, by primary key, and kept where prefetch_related keeps it, so
    `instance.<name>.all()` asks nothing."""
    if not instances:
        return
    owners = {instance.pk: instance for instance in instances}
    for name in names:
        relation, sql, attnames, converters = _related_statement(type(instances[0]), name)
        rows = {pk: [] for pk in owners}
        with connection.cursor() as cursor:
            cursor.execute(sql, [list(owners)])
            for values in cursor:
                row = _instance(relation.related_model, attnames, converters, values)
                owner = owners[getattr(row, relation.field.attname)]
                relation.field.set_cached_value(row, owner)
                rows[owner.pk].append(row)
        for pk, instance in owners.items():
            # As prefetch_related does it: the manager's queryset, its result given.
            queryset = getattr(instance, name).get_queryset()
            queryset._result_cache = rows[pk]
            queryset._prefetch_done = True
            instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation.cache_name] = (
                queryset
            )
