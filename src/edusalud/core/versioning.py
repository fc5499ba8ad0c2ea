"""A cheap version of the data, for caches that must never serve stale figures.

Every write to an audited model leaves a row in its history table
(django-simple-history), and history rows are only ever appended. So the
latest (history_id, history_date) of each table changes with any write, and
reading it costs one index lookup per table, whatever the number of rows.
The date guards against ids reused after a table is emptied (demo --force).
"""

from django.db import connection


def latest_changes(*history_models) -> tuple:
    """(max history_id, max history_date) of each history table, in one query."""
    quote = connection.ops.quote_name
    # One scalar subquery per MAX: databases answer a lone MAX from the index.
    # Names come from our models, never from input.
    columns = [
        f"(SELECT MAX({quote(column)}) FROM {quote(model._meta.db_table)})"  # nosec B608
        for model in history_models
        for column in ("history_id", "history_date")
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns))
        return tuple(str(value) for value in cursor.fetchone())
