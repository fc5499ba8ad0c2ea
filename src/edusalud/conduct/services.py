"""Writes of the codes: publishing a version, accepting one.

Each write keeps its author and reason in the history (django-simple-history).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.conduct import selectors
from edusalud.conduct.models import Acknowledgement, Code, CodeVersion


def _with_history(obj, *, by: User | None, reason: str):
    obj._history_user = by
    obj._change_reason = reason
    return obj


@transaction.atomic
def publish_version(
    *, by: User | None, code: Code, body: str, summary: str, published_on: datetime.date
) -> CodeVersion:
    """Number the next version of the code and publish it on `published_on`.

    From that day it is the current version, and everyone who must accept the
    code is asked again. The caller has checked that `by` is a national
    coordinator (selectors.can_publish_versions).
    """
    # Lock the code: two coordinators publishing at once get versions N and N+1, not a clash.
    code = Code.objects.select_for_update().get(pk=code.pk)
    last = selectors.latest_version_of(code)
    # Numbers and dates go up together, so "highest number published" is also the latest text.
    if last is not None and published_on < last.published_on:
        raise ValidationError(
            {
                "published_on": _(
                    "A version cannot be published before the previous one (%(date)s)."
                )
                % {"date": date_format(last.published_on, "SHORT_DATE_FORMAT")}
            }
        )
    version = CodeVersion(
        code=code,
        number=last.number + 1 if last else 1,
        published_on=published_on,
        body=body.strip(),
        summary=summary.strip(),
    )
    version.full_clean()
    _with_history(version, by=by, reason="published").save()
    return version


def _not_current(current: CodeVersion | None) -> ValidationError:
    if current is None:
        return ValidationError(_("This code has no version in force yet."), code="not_current")
    return ValidationError(
        _("This is not the current version of the code: read and accept version %(n)d.")
        % {"n": current.number},
        code="not_current",
    )


def acknowledge(*, user: User, version: CodeVersion, today: datetime.date) -> Acknowledgement:
    """Record that the user read and accepts this version, the current one of its code.

    Refuses an outdated or not yet published version (a page left open while a
    new one came out) and a second acceptance; nothing is saved then.
    """
    current = selectors.current_version_of(version.code, today)
    if current is None or current.pk != version.pk:
        raise _not_current(current)
    already = ValidationError(_("You already accepted this version."), code="already_accepted")
    if Acknowledgement.objects.filter(version=version, user_id=user.pk).exists():
        raise already
    acknowledgement = Acknowledgement(version=version, user=user, acknowledged_at=timezone.now())
    # No full_clean: the unique constraint is the last guard, and a double click that
    # slips past the check above must get the same message, not Django's generic one.
    try:
        with transaction.atomic():
            _with_history(acknowledgement, by=user, reason="accepted").save()
    except IntegrityError:
        raise already from None
    return acknowledgement
