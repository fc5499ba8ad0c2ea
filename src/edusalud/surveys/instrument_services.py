"""Writes of instruments: national coordinators build, publish and version them.

A published instrument is never edited (decision 0018): a change is a new
version, with its questions and bands copied.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.core.history import save_checked
from edusalud.surveys.models import Instrument, Item, ItemKind


def _check_national(by: User) -> None:
    if not scope_of(by).is_national:
        raise PermissionDenied


def _check_draft(instrument: Instrument) -> None:
    if instrument.is_published:
        raise ValidationError(
            _("A published instrument is never edited: make a new version to change it.")
        )


def create_instrument(
    *, by: User, code: str, name_es: str, name_en: str = "", abbreviation: str = ""
) -> Instrument:
    """A new instrument, version 1, unpublished (national coordinators)."""
    _check_national(by)
    if Instrument.objects.filter(code=code).exists():
        raise ValidationError({"code": _("An instrument already has this code.")})
    return save_checked(
        Instrument(
            code=code,
            version=1,
            name_es=name_es,
            name_en=name_en,
            abbreviation=abbreviation,
            created_by=by,
        ),
        by=by,
        reason="created",
    )


def add_item(
    *,
    by: User,
    instrument: Instrument,
    kind: str,
    text_es: str,
    text_en: str = "",
    required: bool = True,
    options_es: list[str] = (),
    options_en: list[str] = (),
) -> Item:
    """A question at the end of an unpublished instrument."""
    _check_national(by)
    _check_draft(instrument)
    choices = []
    if kind == ItemKind.CHOICE:
        if len(options_es) < 2:
            raise ValidationError({"options_es": _("A single-choice question needs two options.")})
        if options_en and len(options_en) != len(options_es):
            raise ValidationError(
                {"options_en": _("Give as many English options as Spanish ones, or none.")}
            )
        choices = [[es, options_en[i] if options_en else ""] for i, es in enumerate(options_es)]
    last = instrument.items.order_by("-number").values_list("number", flat=True).first() or 0
    return save_checked(
        Item(
            instrument=instrument,
            number=last + 1,
            kind=kind,
            text_es=text_es,
            text_en=text_en,
            required=required,
            choices=choices,
        ),
        by=by,
        reason="created",
    )


def remove_item(*, by: User, item: Item) -> None:
    _check_national(by)
    _check_draft(item.instrument)
    with transaction.atomic():
        instrument, number = item.instrument, item.number
        item.delete()
        # Keep the numbers consecutive: they are what respondents read.
        for later in instrument.items.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])


def publish_instrument(*, by: User, instrument: Instrument, today: datetime.date) -> Instrument:
    _check_national(by)
    _check_draft(instrument)
    if not instrument.items.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    instrument.published_on = today
    return save_checked(instrument, by=by, reason="published")


def new_version(*, by: User, instrument: Instrument) -> Instrument:
    """An unpublished copy, numbered after the latest version, with its questions and bands."""
    _check_national(by)
    latest = Instrument.objects.filter(code=instrument.code).order_by("-version").first()
    with transaction.atomic():
        copy = save_checked(
            Instrument(
                code=instrument.code,
                version=latest.version + 1,
                name_es=instrument.name_es,
                name_en=instrument.name_en,
                abbreviation=instrument.abbreviation,
                introduction_es=instrument.introduction_es,
                introduction_en=instrument.introduction_en,
                created_by=by,
            ),
            by=by,
            reason="created",
        )
        Item.objects.bulk_create(
            Item(
                **{
                    f.name: getattr(item, f.name)
                    for f in Item._meta.concrete_fields
                    if f.name not in ("id", "instrument")
                },
                instrument=copy,
            )
            for item in instrument.items.all()
        )
        for band in instrument.bands.all():
            band.pk, band.instrument = None, copy
            band.save()
    return copy
