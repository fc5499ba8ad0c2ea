"""Bulk writes leave the history rows simple-history itself would write."""

import datetime

from edusalud.core.bulk import save_with_history
from edusalud.residents.models import Person
from tests.factories import PersonFactory, make_curp, national_user


def person(n: int) -> Person:
    born = datetime.date(1990, 1, n)
    return Person(
        first_names=f"Ana {n}",
        last_name="Ruiz",
        curp=make_curp(birth_date=born, sex="F"),
        nationality="CO" if n == 2 else "MX",
        passport_number="P123" if n == 2 else "",
        sex="F",
        birth_date=born,
    )


def test_created_and_changed_rows_get_one_history_row_each_like_simple_history(db):
    user = national_user()
    new = [person(1), person(2)]
    old = PersonFactory()
    old.email = "cambio@imss.gob.mx"

    save_with_history(
        Person, created=new, changed=[old], fields=["email"], by=user, reason="imported"
    )

    for saved, kind in ((new[0], "+"), (new[1], "+"), (old, "~")):
        row = Person.history.filter(id=saved.pk).order_by("-history_id").first()
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            kind,
            user,
            "imported",
        )
        assert row.instance == Person.objects.get(pk=saved.pk)
        for field in ("first_names", "curp", "nationality", "birth_date", "email"):
            assert getattr(row, field) == getattr(saved, field)
    latest, previous = old.history.order_by("-history_id")[:2]
    assert [c.field for c in latest.diff_against(previous).changes] == ["email"]


def test_an_operator_command_records_no_user(db):
    save_with_history(Person, created=[person(3)], by=None, reason="imported")

    assert Person.history.get().history_user is None
