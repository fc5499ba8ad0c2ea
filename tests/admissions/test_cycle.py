"""A cycle in the database: its market, the match kept as assignments, and the auditors' files."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from edusalud.admissions import selectors, services
from edusalud.admissions.matching import match
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    Assignment,
    CycleStatus,
    Position,
    ProgrammeRanking,
)
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment
from tests.admissions.conftest import applicant
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_the_market_of_a_cycle_is_its_rows(cycle):
    umae, hgz, hgr = cycle.positions_in_order
    key = selectors.position_keys(cycle)

    market = selectors.market_of(cycle)

    assert market.capacities == {key[umae.pk]: 1, key[hgz.pk]: 2, key[hgr.pk]: 1}
    assert market.scores["F001"] == 85.5
    assert market.preferences["F001"] == [key[hgr.pk], key[umae.pk], key[hgz.pk]]
    assert key[umae.pk] == f"{umae.programme.site.clues}-{umae.programme.specialty.code}"


def test_the_market_takes_a_fixed_number_of_queries(cycle, django_assert_num_queries):
    with django_assert_num_queries(5):
        selectors.market_of(cycle)
    specialty = cycle.applicants.first().specialty
    applicant(cycle, "F006", "50.00", list(cycle.positions_in_order), specialty)
    with django_assert_num_queries(5):
        selectors.market_of(cycle)


def test_running_the_match_keeps_one_assignment_per_applicant(cycle):
    umae, hgz, hgr = cycle.positions_in_order

    services.run_match(by=None, cycle=cycle)

    kept = {
        a.applicant.folio: (a.position, a.rank_obtained)
        for a in Assignment.objects.select_related("applicant", "position")
    }
    assert kept == {
        "F003": (umae, 1),
        "F004": (hgz, 2),
        "F001": (hgr, 1),
        "F002": (hgz, 2),
        "F005": (None, None),
    }
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.MATCHED
    assert cycle.history.latest().history_change_reason == "matched"


def test_matching_again_replaces_the_earlier_result(cycle):
    umae, _, _ = cycle.positions_in_order
    services.run_match(by=None, cycle=cycle)
    ProgrammeRanking.objects.create(
        position=umae, applicant=Applicant.objects.get(folio="F005"), rank=1
    )

    services.run_match(by=None, cycle=cycle)

    assert Assignment.objects.count() == 5
    assert Assignment.objects.get(applicant__folio="F005").position == umae
    assert Assignment.objects.get(applicant__folio="F003").position != umae


def test_a_published_cycle_cannot_be_matched_again(cycle):
    services.run_match(by=None, cycle=cycle)
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.PUBLISHED)
    before = list(Assignment.objects.values_list("applicant_id", "position_id"))

    with pytest.raises(ValidationError, match="2027"):
        services.run_match(by=None, cycle=cycle)

    assert list(Assignment.objects.values_list("applicant_id", "position_id")) == before


def test_the_auditors_rerun_the_match_from_its_files_and_get_the_same_result(cycle, tmp_path):
    umae, _, _ = cycle.positions_in_order
    ProgrammeRanking.objects.bulk_create(
        ProgrammeRanking(position=umae, applicant=Applicant.objects.get(folio=folio), rank=rank)
        for rank, folio in enumerate(["F002", "F004", "F003"], start=1)
    )
    services.run_match(by=None, cycle=cycle)
    files = selectors.match_files(cycle)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    call_command(
        "match",
        "--positions", str(tmp_path / "positions.csv"),
        "--applicants", str(tmp_path / "applicants.csv"),
        "--preferences", str(tmp_path / "preferences.csv"),
        "--programme-rankings", str(tmp_path / "programme-rankings.csv"),
        "--out", str(tmp_path / "rerun.csv"),
        stdout=io.StringIO(),
    )  # fmt: skip

    assert (tmp_path / "rerun.csv").read_text(encoding="utf-8") == files["result.csv"]
    rows = list(csv.reader(io.StringIO(files["result.csv"])))
    assert rows[0] == ["applicant", "programme", "rank_obtained"]
    key = selectors.position_keys(cycle)
    assert ["F002", key[umae.pk], "1"] in rows  # UMAE's own ranking put F002 first
    assert match(selectors.market_of(cycle)).assignment["F002"] == key[umae.pk]


def test_a_rerun_of_a_match_with_reserved_places_gives_the_same_result(cycle, tmp_path):
    _, hgz, _ = cycle.positions_in_order
    Position.objects.filter(pk=hgz.pk).update(foreign_places=1)
    Applicant.objects.filter(folio="F005").update(category=ApplicantCategory.FOREIGN)
    services.run_match(by=None, cycle=cycle)
    files = selectors.match_files(cycle)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    call_command(
        "match",
        "--positions", str(tmp_path / "positions.csv"),
        "--applicants", str(tmp_path / "applicants.csv"),
        "--preferences", str(tmp_path / "preferences.csv"),
        "--out", str(tmp_path / "rerun.csv"),
        stdout=io.StringIO(),
    )  # fmt: skip

    assert (tmp_path / "rerun.csv").read_text(encoding="utf-8") == files["result.csv"]
    key = selectors.position_keys(cycle)
    assert files["positions.csv"].splitlines()[0] == "programme,capacity,reserved"
    assert f"{key[hgz.pk]},2,1" in files["positions.csv"].splitlines()
    assert "F005,60.00,foreign" in files["applicants.csv"].splitlines()
    # F005, the lowest score, holds HGZ's reserved place; F002 (70) is left out.
    assert Assignment.objects.get(applicant__folio="F005").position == hgz
    assert Assignment.objects.get(applicant__folio="F002").position is None


def test_publishing_creates_the_r1_enrolments_once(cycle):
    umae = cycle.positions_in_order[0]
    services.run_match(by=None, cycle=cycle)

    created = services.publish(by=None, cycle=cycle)

    enrolments = Enrolment.objects.filter(person__applications__cycle=cycle)
    assert created == enrolments.count() == 4  # F005 was not placed
    f003 = Applicant.objects.get(folio="F003").person
    enrolment = f003.enrolments.get()
    assert (enrolment.programme, enrolment.year, enrolment.status) == (
        umae.programme,
        1,
        EnrolmentStatus.ACTIVE,
    )
    assert enrolment.started_on == datetime.date(2027, 3, 1)
    assert enrolment.history.get().history_change_reason == "admitted"
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED

    with pytest.raises(ValidationError) as error:
        services.publish(by=None, cycle=cycle)
    assert error.value.code == "already_published"
    assert enrolments.count() == 4


def test_an_unmatched_cycle_cannot_be_published(cycle):
    with pytest.raises(ValidationError) as error:
        services.publish(by=None, cycle=cycle)

    assert error.value.code == "not_matched"
    assert not Enrolment.objects.exists()


def test_publishing_refuses_someone_still_in_a_course_and_writes_nothing(cycle):
    services.run_match(by=None, cycle=cycle)
    busy = Applicant.objects.get(folio="F001").person
    EnrolmentFactory(person=busy)

    with translation.override("es-mx"), pytest.raises(ValidationError) as error:
        services.publish(by=None, cycle=cycle)

    assert busy.full_name in error.value.messages[0]
    assert "1 persona admitida sigue en un curso" in error.value.messages[0]
    assert Enrolment.objects.count() == 1
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.MATCHED


def test_an_applicant_sees_the_lowest_score_admitted_where_they_ranked_higher(cycle):
    umae, hgz, hgr = cycle.positions_in_order  # places 1, 2, 1
    services.run_match(by=None, cycle=cycle)

    f004 = selectors.missed_choices(Applicant.objects.get(folio="F004"))  # got hgz, 2nd
    f005 = selectors.missed_choices(Applicant.objects.get(folio="F005"))  # got nothing

    assert [(m.position, m.rank, m.lowest_admitted_score) for m in f004] == [
        (umae, 1, Decimal("90.00"))
    ]
    assert [(m.position, m.lowest_admitted_score) for m in f005] == [
        (umae, Decimal("90.00")),
        (hgr, Decimal("85.50")),
        (hgz, Decimal("70.00")),
    ]
    assert selectors.missed_choices(Applicant.objects.get(folio="F003")) == []  # first choice


def test_a_mexican_applicant_is_not_shown_the_score_of_a_reserved_place(cycle):
    _, hgz, _ = cycle.positions_in_order  # 2 places, 1 of them reserved
    Position.objects.filter(pk=hgz.pk).update(foreign_places=1)
    Applicant.objects.filter(folio="F005").update(category=ApplicantCategory.FOREIGN)
    services.run_match(by=None, cycle=cycle)  # hgz: F004 (90) open, F005 (60) reserved

    f002 = selectors.missed_choices(Applicant.objects.get(folio="F002"))  # Mexican, 70
    f005 = selectors.missed_choices(Applicant.objects.get(folio="F005"))  # got hgz, 3rd

    # F002 competed for hgz's open place only: the bar there was F004's 90, not 60.
    assert {m.position: m.lowest_admitted_score for m in f002}[hgz] == Decimal("90.00")
    assert hgz not in {m.position for m in f005}
