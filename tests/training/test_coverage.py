"""Required training: who is done, pending or overdue, within whose sites; reminders."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from edusalud.dashboards.indicators import IndicatorFilters, indicators_for
from edusalud.training import coverage, services
from edusalud.training.models import Audience, ReminderRun, RuleKind, TrainingRule
from tests.factories import EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def r1_rule(course):
    return services.create_rule(
        by=None,
        name="Buen trato R1",
        audience=Audience.RESIDENTS,
        resident_year=1,
        kind=RuleKind.COURSE,
        course=course,
        days=90,
    )


def _r1(world, *, days_ago, site_programme=None):
    return EnrolmentFactory(
        programme=site_programme or world.programme,
        year=1,
        started_on=TODAY - datetime.timedelta(days=days_ago),
    )


def _pass(person, course, *, ends_on=TODAY):
    edition = services.create_edition(
        by=None,
        course=course,
        site=None,
        starts_on=ends_on - datetime.timedelta(days=3),
        ends_on=ends_on,
        capacity=50,
    )
    services.enrol(by=None, edition=edition, people=[person], today=edition.starts_on)
    services.record_results(
        by=None,
        edition=edition,
        results={edition.participations.get().pk: (True, None)},
        today=ends_on,
    )


def _status(rule, world, user="site"):
    sites = coverage.manageable_sites(world.users[user])
    rows = coverage.standings(
        rule, coverage.targets_of(rule, sites=sites, today=TODAY), today=TODAY
    )
    return {row.target.person_id: row.status for row in rows}


def test_a_course_rule_is_due_days_after_the_start_of_the_year(world, r1_rule, course):
    late = _r1(world, days_ago=100)
    recent = _r1(world, days_ago=10)
    done = _r1(world, days_ago=100)
    _pass(done.person, course)
    r2 = EnrolmentFactory(programme=world.programme, year=2)

    status = _status(r1_rule, world)

    assert status[late.person_id] == coverage.OVERDUE
    assert status[recent.person_id] == coverage.PENDING
    assert status[done.person_id] == coverage.DONE
    assert r2.person_id not in status


def test_an_hours_rule_counts_this_years_courses_passed(world, course):
    rule = services.create_rule(
        by=None, name="40 horas", audience=Audience.PROFESSORS, kind=RuleKind.HOURS, hours=60
    )
    professor = PersonFactory(user=world.users["professor"])
    _pass(professor, course)  # 40 hours this year
    last_year = services.create_course(
        by=None,
        title="Gestión",
        areas=list(course.areas.all()),
        hours=30,
        modality="online",
        audience="professors",
    )
    _pass(professor, last_year, ends_on=datetime.date(2025, 11, 30))

    rows = coverage.standings(
        rule,
        coverage.targets_of(
            rule, sites=coverage.manageable_sites(world.users["site"]), today=TODAY
        ),
        today=TODAY,
    )

    assert [(r.target.person_id, r.status, r.progress) for r in rows] == [
        (professor.pk, coverage.PENDING, 40)
    ]


def test_each_coordinator_counts_only_their_sites(world, r1_rule):
    here = _r1(world, days_ago=100)
    there = _r1(world, days_ago=100, site_programme=world.foreign_programme)

    assert here.person_id in _status(r1_rule, world, "site")
    assert there.person_id not in _status(r1_rule, world, "site")
    assert there.person_id in _status(r1_rule, world, "other_site")
    assert here.person_id not in _status(r1_rule, world, "other_site")
    assert {here.person_id, there.person_id} <= set(_status(r1_rule, world, "national"))


def test_a_national_coordinator_creates_a_rule_on_the_page(client, world, course):
    client.force_login(world.users["national"])

    missing = client.post(
        reverse("training:rule_list"),
        {
            "name": "Buen trato",
            "audience": "residents",
            "kind": "course",
            "days": "90",
        },
    )
    created = client.post(
        reverse("training:rule_list"),
        {
            "name": "Buen trato",
            "audience": "residents",
            "resident_year": "1",
            "kind": "course",
            "course": course.pk,
            "days": "90",
        },
    )

    assert missing.status_code == 400
    assert "course" in missing.context["form"].errors
    rule = TrainingRule.objects.get()
    assert created.url == reverse("training:rule_detail", args=[rule.pk])
    assert (rule.course, rule.days, rule.resident_year) == (course, 90, 1)


def test_a_site_coordinator_reads_coverage_but_does_not_create_rules(client, world, r1_rule):
    client.force_login(world.users["site"])

    listing = client.get(reverse("training:rule_list"))
    posting = client.post(reverse("training:rule_list"), {"name": "Otra"})

    assert listing.status_code == 200
    assert listing.context["form"] is None
    assert posting.status_code == 404
    assert TrainingRule.objects.count() == 1


def test_reminders_reach_everyone_pending_with_an_e_mail(client, world, r1_rule, course, settings):
    overdue = _r1(world, days_ago=200)
    no_email = _r1(world, days_ago=200)
    no_email.person.email = ""
    no_email.person.save()
    done = _r1(world, days_ago=200)
    _pass(done.person, course, ends_on=timezone.localdate())
    client.force_login(world.users["site"])

    client.post(reverse("training:rule_remind", args=[r1_rule.pk]))

    recipients = {m.to[0] for m in mail.outbox}
    assert overdue.person.email in recipients
    assert done.person.email not in recipients
    run = ReminderRun.objects.get()
    assert (run.sent, run.without_email) == (len(mail.outbox), 1)
    assert run.finished_at is not None
    assert "Buen trato R1" in mail.outbox[0].subject


@pytest.mark.parametrize("people", [2, 10])
def test_the_coverage_page_makes_the_same_queries_whatever_the_people(
    client, world, r1_rule, people, django_assert_num_queries
):
    for _ in range(people):
        _r1(world, days_ago=30)
    client.force_login(world.users["site"])
    url = reverse("training:rule_detail", args=[r1_rule.pk])
    client.get(url)

    with django_assert_num_queries(QUERIES_COVERAGE_PAGE):
        client.get(url)


QUERIES_COVERAGE_PAGE = 13


def test_the_dashboard_shows_each_rules_coverage(world, r1_rule, course):
    done = _r1(world, days_ago=100)
    _pass(done.person, course, ends_on=timezone.localdate())
    expected = coverage.summary(r1_rule, world.users["national"], today=timezone.localdate())

    figures = indicators_for(world.users["national"])
    at_site = indicators_for(world.users["national"], IndicatorFilters(site=world.site.clues))

    assert figures["required_training"] == [expected]
    assert expected["done"] == 1
    assert expected["rate"] == round(1 / expected["targeted"], 4)
    assert at_site["required_training"][0]["targeted"] <= expected["targeted"]
