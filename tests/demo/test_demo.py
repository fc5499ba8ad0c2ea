"""The demo command: the published figures from rows, deterministic, and careful with data.

The national figures need one scale-1 generation (about half a minute), so a
single test checks them all, each through a helper named for the figure; the
behaviour tests use scale 0.01.
"""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.utils import timezone

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.catalog.enums import CareLevel, EntryKind, SiteKind
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.core.validators import curp_birth_date, curp_sex, validate_curp
from edusalud.demo import data
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus
from edusalud.residents.models import MEXICO, Enrolment, Person

pytestmark = pytest.mark.django_db

FOREIGN_COUNTRIES = {"HN", "CO", "BO", "EC", "CU", "SV", "GT", "NI", "DO"}


def run_demo(**options) -> str:
    stdout = io.StringIO()
    call_command("demo", stdout=stdout, **options)
    return stdout.getvalue()


def in_training():
    return Enrolment.objects.filter(status__in=IN_TRAINING)


def row_counts() -> dict[str, int]:
    models = [Region, Site, Specialty, Programme, Person, Enrolment, User, RoleAssignment]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in (Site, Specialty, Programme, Person, Enrolment):
        counts[f"history of {model.__name__}"] = model.history.count()
    return counts


def curps() -> list[str]:
    return list(Person.objects.exclude(curp=None).order_by("pk").values_list("curp", flat=True))


# --- The national figures at scale 1 ------------------------------------------------------------


def test_demo_at_scale_1_reproduces_the_published_figures():
    run_demo(scale=1, seed=42)

    assert_residents_in_training()
    assert_catalog()
    assert_about_half_at_third_level()
    assert_foreign_residents()
    assert_recognised_programmes()
    assert_last_cohort_mostly_hired()
    assert_years_within_duration()
    assert_start_dates_and_ages_match_years()
    assert_curps_valid_and_consistent()
    assert_branch_residents_have_evidence()
    assert_demo_accounts()


def assert_residents_in_training():
    assert in_training().count() == 15_938
    on_leave = in_training().filter(status=EnrolmentStatus.ON_LEAVE).count()
    assert 0 < on_leave < 0.02 * 15_938


def assert_catalog():
    assert Region.objects.count() == 32
    assert Specialty.objects.count() == 74
    assert set(Specialty.objects.values_list("entry", flat=True)) == {
        EntryKind.DIRECT,
        EntryKind.BRANCH,
    }
    assert Site.objects.count() == 254
    assert Site.objects.values("region").distinct().count() == 32
    assert set(Site.objects.values_list("kind", flat=True)) == {
        SiteKind.UMAE,
        SiteKind.HGR,
        SiteKind.HGZ,
        SiteKind.UMF,
    }
    assert not Specialty.objects.filter(programmes=None).exists()
    assert set(
        Programme.objects.filter(site__kind=SiteKind.UMF).values_list("specialty__code", flat=True)
    ) == {data.FAMILY_MEDICINE}
    assert not Programme.objects.filter(yearly_positions=0).exists()


def assert_about_half_at_third_level():
    third = in_training().filter(programme__site__care_level=CareLevel.THIRD).count()

    assert 0.45 <= third / in_training().count() <= 0.55


def assert_foreign_residents():
    foreign = in_training().exclude(person__nationality=MEXICO)
    specialties = Counter(foreign.values_list("programme__specialty__code", flat=True))

    assert foreign.count() == 143
    assert set(foreign.values_list("person__nationality", flat=True)) == FOREIGN_COUNTRIES
    assert {code for code, _ in specialties.most_common(2)} == {"ANES", "TYO"}
    for curp, passport in foreign.values_list("person__curp", "person__passport_number"):
        assert (curp is None and passport) or curp[11:13] == data.BORN_ABROAD


def assert_recognised_programmes():
    recognised = Programme.objects.quality_recognised()

    assert recognised.count() == 69
    assert recognised.values("specialty").distinct().count() == 35
    assert Programme.objects.exclude(quality_recognition="").count() == 69
    assert not recognised.filter(quality_level="").exists()


def assert_last_cohort_mostly_hired():
    graduated = Enrolment.objects.filter(status=EnrolmentStatus.GRADUATED)
    last_year = graduated.latest("ended_on").ended_on.year
    cohort = graduated.filter(ended_on__year=last_year)

    assert graduated.dates("ended_on", "year").count() == 3
    assert cohort.filter(is_hired_by_institute=True).count() / cohort.count() > 0.85
    assert not graduated.filter(is_hired_by_institute=True, hired_on__lte=F("ended_on")).exists()
    assert not graduated.filter(person__enrolments__status__in=IN_TRAINING).exists()
    assert (
        Enrolment.objects.filter(status=EnrolmentStatus.WITHDRAWN)
        .exclude(withdrawal_reason="")
        .exists()
    )


def assert_years_within_duration():
    assert not Enrolment.objects.filter(year__gt=F("programme__specialty__duration_years")).exists()


def assert_start_dates_and_ages_match_years():
    today = timezone.localdate()
    opened = today.year if (today.month, today.day) >= (3, 1) else today.year - 1
    rows = in_training().values_list("year", "started_on", "person__birth_date")

    for year, started_on, birth_date in rows:
        assert started_on == datetime.date(opened - year + 1, 3, 1)
        age = (
            today.year
            - birth_date.year
            - ((today.month, today.day) < (birth_date.month, birth_date.day))
        )
        assert 25 <= age <= 40


def assert_curps_valid_and_consistent():
    people = Person.objects.exclude(curp=None).values_list("curp", "birth_date", "sex")

    for curp, birth_date, sex in people:
        validate_curp(curp)
        assert curp_birth_date(curp) == birth_date
        assert curp_sex(curp) == sex


def assert_branch_residents_have_evidence():
    branch = in_training().filter(programme__specialty__entry=EntryKind.BRANCH)

    assert branch.exists()
    assert not branch.filter(prerequisite_evidence="").exists()


def assert_demo_accounts():
    def only(role: str) -> RoleAssignment:
        (assignment,) = RoleAssignment.objects.filter(role=role).select_related("user")
        return assignment

    national_users = RoleAssignment.objects.filter(role=Role.NATIONAL).values_list(
        "user__username", flat=True
    )
    site = only(Role.SITE).site
    professor = only(Role.PROFESSOR).programme
    resident = only(Role.RESIDENT).user

    assert set(national_users) == {"nacional", "admin"}
    assert only(Role.REGIONAL).user.username == "regional"
    assert only(Role.REGIONAL).region == site.region
    assert site.region.code == "DF"
    assert (only(Role.SITE).user.username, site.name) == ("sede", data.DEMO_SITE)
    assert site.care_level == CareLevel.THIRD
    assert only(Role.PROFESSOR).user.username == "profesor"
    assert (professor.specialty.code, professor.site) == ("ANES", site)
    assert resident.username == "residente"
    assert in_training().filter(person__user=resident, programme=professor).exists()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    users = User.objects.filter(username__in=["admin", *(u.username for u in data.DEMO_USERS)])
    assert users.count() == 6
    for user in users:
        assert user.check_password("edusalud")
        assert user.first_name
        assert user.last_name


# --- Behaviour at a small scale -----------------------------------------------------------------


def test_demo_same_seed_gives_identical_curps():
    run_demo(scale=0.01, seed=7)
    first = curps()

    run_demo(scale=0.01, seed=7, force=True)

    assert curps() == first
    assert len(first) > 100


def test_demo_other_seed_gives_other_curps():
    run_demo(scale=0.01, seed=7)
    first = curps()

    run_demo(scale=0.01, seed=8, force=True)

    assert curps() != first


def test_demo_small_scale_counts():
    run_demo(scale=0.01, seed=42)

    assert in_training().count() == 159
    assert in_training().exclude(person__nationality=MEXICO).count() == 1
    assert Site.objects.count() == 254
    assert Programme.objects.quality_recognised().count() == 69


def test_demo_on_loaded_database_raises_and_changes_nothing():
    run_demo(scale=0.01, seed=42)
    before = row_counts()

    with pytest.raises(CommandError):
        run_demo(scale=0.01, seed=42)

    assert row_counts() == before


def test_demo_if_empty_on_loaded_database_changes_nothing():
    run_demo(scale=0.01, seed=42)
    before = row_counts()

    output = run_demo(scale=0.01, seed=42, if_empty=True)

    assert row_counts() == before
    assert "residente" in output


def test_demo_force_leaves_one_history_row_per_enrolment():
    run_demo(scale=0.01, seed=42)

    run_demo(scale=0.01, seed=42, force=True)

    assert Enrolment.history.count() == Enrolment.objects.count()
    # Each person has its "created" row; the demo resident and the demo applicant
    # also one each for the link to their user account.
    assert Person.history.count() == Person.objects.count() + 2


def test_demo_refuses_a_scale_of_zero():
    with pytest.raises(CommandError):
        run_demo(scale=0, seed=42)

    assert not Site.objects.exists()
