"""Operations that project migrations share."""

from django.db import migrations


def foreign_key_index_dropped(*, state_operation, index: str, table: str, column: str):
    """A foreign key's own index dropped, for a composite index that starts with the
    same column serves it. The index goes concurrently (the migration must be
    `atomic = False`) and the constraint stays: Django's AlterField would drop and
    re-add the constraint, checking every row of a table of millions under a lock."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[state_operation],
        database_operations=[
            migrations.RunSQL(
                f'DROP INDEX CONCURRENTLY IF EXISTS "{index}"',
                f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{index}" ON {table} ({column})',
            )
        ],
    )
