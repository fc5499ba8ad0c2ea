from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts import selectors, services


def _coordinator_only(request) -> None:
    if not selectors.scope_of(request.user).is_coordinator:
        raise Http404


@login_required
def lockout_list(request):
    _coordinator_only(request)
    locked = selectors.locked_accounts_visible_to(request.user)
    return render(
        request,
        "accounts/lockout_list.html",
        {"locked": locked, "failure_limit": settings.AXES_FAILURE_LIMIT},
    )


@login_required
@require_POST
def unlock(request, pk: int):
    _coordinator_only(request)
    user = get_object_or_404(selectors.users_visible_to(request.user), pk=pk)
    services.unlock_account(by=request.user, user=user)
    messages.success(
        request, _("%(user)s can sign in again.") % {"user": user.get_full_name() or user.username}
    )
    return redirect("account_lockouts")
