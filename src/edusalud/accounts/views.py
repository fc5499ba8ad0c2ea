from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts import selectors, services, tokens
from edusalud.accounts.forms import ApiTokenForm


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


@login_required
def api_tokens(request):
    """The user's API tokens; a POST creates one and shows its secret, this once only."""
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, secret = tokens.create_api_token(user=request.user, name=form.cleaned_data["name"])
        created = {"token": token, "secret": secret}
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "created": created, "tokens": tokens.tokens_of(request.user)},
    )


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    tokens.revoke_api_token(by=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens")
