"""Bulk writes that still leave one history row per object (django-simple-history)."""

from simple_history.utils import bulk_create_with_history, bulk_update_with_history


def save_with_history(
    model, *, created=(), changed=(), fields=(), by=None, reason: str, batch_size: int = 500
) -> None:
    """Create `created` and update `fields` of `changed`, recording `by` and `reason`.

    `by` is the acting user, or None for operator commands.
    """
    if created:
        bulk_create_with_history(
            list(created),
            model,
            batch_size=batch_size,
            default_user=by,
            default_change_reason=reason,
        )
    if changed:
        bulk_update_with_history(
            list(changed),
            model,
            list(fields),
            batch_size=batch_size,
            default_user=by,
            default_change_reason=reason,
        )
