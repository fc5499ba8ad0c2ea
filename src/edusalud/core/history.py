"""One row saved with its history row naming who changed it and why (django-simple-history)."""


def save_checked(obj, *, by, reason: str):
    """Validate `obj` against its model (full_clean), then save it as changed by `by` for `reason`.

    `by` is the acting user, or None for operator commands and the demo.
    """
    obj._history_user = by
    obj._change_reason = reason
    obj.full_clean()
    obj.save()
    return obj
