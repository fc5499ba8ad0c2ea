"""Transversal courses: past national editions with results and certificates, and the demo
site's own editions (one finished, one running with results still to record, one coming).

Written through training.services, like the pages, so the demo shows the same
waiting lists, results and certificates a coordinator would produce.
"""

import datetime
import random
from collections import defaultdict

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.demo import data
from edusalud.demo.generate.curp import build_curp
from edusalud.demo.generate.plans import Progress
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from edusalud.training import services
from edusalud.training.models import Audience, CompetencyArea, Course, Edition, RuleKind

# People in each past national edition, at scale 1; most pass.
NATIONAL_PARTICIPANTS = 400
PASS_RATE = 0.9
# Share of a year's residents in the national edition of a course meant for that year.
YEAR_COURSE_REACH = 0.85
SITE_CAPACITY = 25


def create_training(
    rng: random.Random, *, today: datetime.date, scale: float, progress: Progress
) -> None:
    areas = {a.code: a for a in CompetencyArea.objects.all()}
    courses = [
        services.create_course(
            by=None,
            title=c.title,
            areas=[areas[code] for code in c.areas],
            hours=c.hours,
            modality=c.modality,
            audience=c.audience,
            resident_year=c.resident_year,
        )
        for c in data.COURSES
    ]
    residents_by_year = defaultdict(list)
    for pk, year in (
        Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
        .values_list("person_id", "year")
        .order_by("person_id")
    ):
        residents_by_year[year].append(pk)
    residents = sorted(pk for pks in residents_by_year.values() for pk in pks)
    professor = _professor_person()
    size = max(5, round(NATIONAL_PARTICIPANTS * scale))
    for n, course in enumerate(courses, start=1):
        ends_on = today - datetime.timedelta(days=30 * n + 10)
        edition = services.create_edition(
            by=None,
            course=course,
            site=None,
            starts_on=ends_on - datetime.timedelta(days=course.hours // 2 + 7),
            ends_on=ends_on,
            capacity=size,
            instructors="Coordinación de Educación en Salud",
            venue="https://educacion.imss.example/aula-virtual",
        )
        if course.audience == Audience.PROFESSORS:
            # Only the demo professor: residents do not take professors' courses.
            _finish(rng, edition, [professor], on=ends_on, passes=professor)
        elif course.resident_year:
            # A course meant for one year reaches most of that year's residents.
            of_year = residents_by_year[course.resident_year]
            chosen = rng.sample(of_year, round(len(of_year) * YEAR_COURSE_REACH))
            edition.capacity = max(len(chosen), 1)
            edition.save(update_fields=["capacity"])
            _finish(rng, edition, list(Person.objects.filter(pk__in=chosen)), on=ends_on)
        else:
            chosen = rng.sample(residents, min(size, len(residents)))
            _finish(rng, edition, list(Person.objects.filter(pk__in=chosen)), on=ends_on)
        progress("training", n, len(courses) + 1)
    _site_editions(rng, courses, today=today)
    _rules(courses)
    progress("training", len(courses) + 1, len(courses) + 1)


def _professor_person() -> Person:
    """The demo professor as a person, so that they take courses and count in the rules."""
    user = User.objects.get(username="profesor")
    birth_date = datetime.date(1976, 4, 12)
    curp = build_curp(
        first_names=user.first_name,
        last_name="Villaseñor",
        second_last_name="Ruiz",
        birth_date=birth_date,
        sex=Sex.MALE,
        state="DF",
        taken=set(Person.objects.filter(curp__isnull=False).values_list("curp", flat=True)),
    )
    return Person.objects.create(
        first_names=user.first_name,
        last_name="Villaseñor",
        second_last_name="Ruiz",
        curp=curp,
        sex=Sex.MALE,
        birth_date=birth_date,
        email=user.email,
        user=user,
    )


def _rules(courses: list[Course]) -> None:
    """The two rules of DOMAIN.md's examples."""
    by_title = {c.title: c for c in courses}
    services.create_rule(
        by=None,
        name="Buen trato en los primeros 90 días de R1",
        audience=Audience.RESIDENTS,
        resident_year=1,
        kind=RuleKind.COURSE,
        course=by_title["Buen trato en la atención y en la formación"],
        days=90,
    )
    services.create_rule(
        by=None,
        name="40 horas de formación docente al año",
        audience=Audience.PROFESSORS,
        kind=RuleKind.HOURS,
        hours=40,
    )


def _finish(
    rng: random.Random,
    edition: Edition,
    people: list[Person],
    *,
    on: datetime.date,
    passes: Person | None = None,
):
    """Enrol them before the start, take one roll, record results a few days after the end.

    `passes`, if given, passes whatever chance says.
    """
    services.enrol(by=None, edition=edition, people=people, today=edition.starts_on)
    enrolled = list(edition.participations.values_list("pk", flat=True))
    services.record_attendance(
        session=edition.sessions.get(), present={pk for pk in enrolled if rng.random() < 0.93}
    )
    results = {}
    sure = edition.participations.filter(person=passes).values_list("pk", flat=True).first()
    for pk in enrolled:
        passed = rng.random() < PASS_RATE or pk == sure
        grade = rng.randint(70, 100) if passed else rng.randint(30, 59)
        results[pk] = (passed, grade)
    services.record_results(
        by=None, edition=edition, results=results, today=on + datetime.timedelta(days=3)
    )
    services.close_edition(by=None, edition=edition, today=on + datetime.timedelta(days=3))


def _site_editions(rng: random.Random, courses: list[Course], *, today: datetime.date) -> None:
    """At the demo site coordinator's site: finished, running and coming editions."""
    assignment = RoleAssignment.objects.select_related("site").get(
        role=Role.SITE, user__username="sede"
    )
    site = assignment.site
    at_site = list(
        Person.objects.filter(
            enrolments__status__in=IN_TRAINING, enrolments__programme__site=site
        ).order_by("pk")
    )
    demo_resident = Person.objects.filter(user__username="residente").first()
    by_title = {c.title: c for c in courses}
    finished = services.create_edition(
        by=None,
        course=by_title["Liderazgo y trabajo en equipo en salud"],
        site=site,
        starts_on=today - datetime.timedelta(days=75),
        ends_on=today - datetime.timedelta(days=60),
        capacity=SITE_CAPACITY,
        instructors="Dra. Leticia Robles Garza",
        venue="Aula 3, Jefatura de Educación e Investigación en Salud",
    )
    chosen = rng.sample(at_site, min(SITE_CAPACITY, len(at_site)))
    if demo_resident and demo_resident not in chosen:
        chosen[0] = demo_resident
    # The demo resident passes: their record shows a certificate to download.
    _finish(rng, finished, chosen, on=finished.ends_on, passes=demo_resident)
    running = services.create_edition(
        by=None,
        course=by_title["Toma de decisiones clínicas basada en evidencia"],
        site=site,
        starts_on=today - datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=14),
        capacity=SITE_CAPACITY,
        instructors="Dr. Ernesto Salgado Méndez",
        venue="Auditorio principal",
    )
    # Over capacity on purpose: the last few wait for a place.
    waiting_too = [p for p in at_site if p != demo_resident][: SITE_CAPACITY + 4]
    services.enrol(by=None, edition=running, people=waiting_too, today=running.starts_on)
    # Its first day's roll is taken; the second session, today, is the coordinator's to take.
    enrolled = running.participations.filter(status="enrolled").values_list("pk", flat=True)
    services.record_attendance(
        session=running.sessions.get(), present={pk for pk in enrolled if rng.random() < 0.9}
    )
    services.add_session(edition=running, held_on=today, topic="Análisis de decisiones")
    services.create_edition(
        by=None,
        course=by_title["Igualdad, equidad y perspectiva de género"],
        site=site,
        starts_on=today + datetime.timedelta(days=21),
        ends_on=today + datetime.timedelta(days=35),
        capacity=SITE_CAPACITY,
        instructors="Mtra. Daniela Ortiz Peña",
        venue="https://educacion.imss.example/aula-virtual",
    )
