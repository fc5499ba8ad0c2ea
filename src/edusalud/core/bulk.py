"""Bulk writes that still leave one history row per object (django-simple-history).

The objects go through the ORM's bulk_create / bulk_update. Their history rows,
the same rows simple-history's bulk helpers would write (one per object, type
"+" or "~", with the acting user, the reason and the time), are inserted with
one prepared statement run for all rows: building a historical model instance
per row and compiling it, as the helpers do, took two thirds of a 16,000-row
import (see bench/import_residents.py and decision 0009).
"""

from django.db import connection
from django.utils import timezone

CREATED, CHANGED = "+", "~"


def save_with_history(
    model, *, created=(), changed=(), fields=(), by=None, reason: str, batch_size: int = 500
) -> None:
    """Create `created` and update `fields` of `changed`, recording `by` and `reason`.

    `by` is the acting user, or None for operator commands. Call it inside a
    transaction: the objects and their history are written together or not at all.
    """
    if created:
        model._default_manager.bulk_create(list(created), batch_size=batch_size)
        insert_history(model, created, CREATED, by=by, reason=reason)
    if changed:
        model._default_manager.bulk_update(list(changed), list(fields), batch_size=batch_size)
        insert_history(model, changed, CHANGED, by=by, reason=reason)


def insert_history(model, objects, history_type: str, *, by, reason: str) -> None:
    """One history row per saved object, as of its current values."""
    history_model = model.history.model
    now = timezone.now()
    stamps = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": by.pk if by is not None else None,
    }
    fields = [f for f in history_model._meta.concrete_fields if f.attname != "history_id"]
    copied = [f for f in fields if f.attname not in stamps]
    stamp_fields = [f for f in fields if f.attname in stamps]
    stamp_values = [f.get_db_prep_save(stamps[f.attname], connection) for f in stamp_fields]
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in copied] + stamp_values
        for obj in objects
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in copied + stamp_fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from our models, never from input.
    sql = f"INSERT INTO {quote(history_model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
