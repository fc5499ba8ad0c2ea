from edusalud.accounts.selectors import scope_of


def navigation(request):
    """What the menu shows: only the sections the user's scope can open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    return {"nav_scope": scope}
