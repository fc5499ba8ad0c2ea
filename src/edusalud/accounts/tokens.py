"""API tokens: create, find, revoke (decision 0007).

A token is `eds_` and 43 random URL-safe characters (256 bits). Only its
SHA-256 digest is stored: a leaked database does not hand out working tokens,
and a digest of a random 256-bit secret needs no salt or slow hash (nobody can
guess the input). The first characters are kept apart, as a non-secret label.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from edusalud.accounts.models import ApiToken, User

log = logging.getLogger(__name__)

TOKEN_PREFIX = "eds_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# A token used all day long writes its last-used time at most once a minute.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def tokens_of(user: User):
    """The user's own tokens, revoked ones too (they stay listed, as a record)."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the secret, which is not kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=raw[:PREFIX_LENGTH], digest=digest_of(raw)
    )
    log.info("API token %s created by user %s", token.pk, user.pk)
    return token, raw


@transaction.atomic
def revoke_api_token(*, by: User, token: ApiToken) -> ApiToken:
    """Make the token fail from now on; the row stays, with the time of revocation.

    The caller has checked that the token is `by`'s own (tokens_of).
    """
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.info("API token %s revoked by user %s", token.pk, by.pk)
    return token


def active_token(raw: str) -> ApiToken | None:
    """The unrevoked token whose secret is `raw`, with its user; None otherwise."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(raw), revoked_at__isnull=True)
        .first()
    )


def record_use(token: ApiToken) -> None:
    """Remember when the token was last used, writing at most once a minute."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return
    # An UPDATE, not save(): a concurrent revocation must not be overwritten.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
