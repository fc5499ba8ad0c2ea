"""The national coordinator's admissions pages: review, match, publish, auditors' files."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from edusalud.admissions.models import (
    Applicant,
    Assignment,
    CycleStatus,
    MatchRun,
    MatchRunStatus,
    Position,
)
from edusalud.residents.models import Enrolment
from tests.admissions.conftest import applicant

pytestmark = pytest.mark.django_db


def test_the_cycle_page_shows_its_size_from_rows(client, world, cycle):
    client.force_login(world.users["national"])

    page = client.get(reverse("admissions:cycle_detail", args=[2027])).content.decode()

    assert 'data-figure="applicants">5<' in page
    assert 'data-figure="places">4<' in page
    assert 'data-figure="ranked_pairs">15<' in page
    assert "Ejecutar la asignación" in page
    assert "Publicar la asignación" not in page  # not matched yet


def test_the_coordinator_runs_the_match_and_reviews_it(client, world, cycle):
    client.force_login(world.users["national"])

    response = client.post(reverse("admissions:cycle_match", args=[2027]), follow=True)

    page = response.content.decode()
    run = cycle.runs.get()
    assert (run.status, run.steps_done, run.placed) == (MatchRunStatus.DONE, 4, 4)
    assert run.requested_by == world.users["national"]
    assert ": 4 aspirantes con plaza." in page
    assert 'data-figure="matched">4<' in page
    assert 'data-figure="unmatched">1<' in page
    assert 'data-rank="1">2<' in page  # F003 and F001 got their first choice
    assert 'data-rank="2">2<' in page
    assert "F005" in page  # the one without a place is listed
    assert Assignment.objects.count() == 5


def test_publishing_needs_the_confirmation_then_creates_the_enrolments(client, world, cycle):
    client.force_login(world.users["national"])
    client.post(reverse("admissions:cycle_match", args=[2027]))
    url = reverse("admissions:cycle_publish", args=[2027])
    admitted = Enrolment.objects.filter(person__applications__cycle=cycle)

    refused = client.post(url, follow=True).content.decode()
    assert "Marque la casilla para confirmar" in refused
    assert not admitted.exists()

    done = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "Publicado: 4 inscripciones de R1 creadas." in done
    assert admitted.filter(year=1).count() == 4
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED

    again = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "ya fue publicado" in again
    assert admitted.count() == 4


def test_the_cycle_page_makes_a_constant_number_of_queries(client, world, cycle):
    client.force_login(world.users["national"])
    url = reverse("admissions:cycle_detail", args=[2027])
    client.post(reverse("admissions:cycle_match", args=[2027]))
    client.get(url)  # warm the session and the caches

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    specialty = Applicant.objects.first().specialty
    for n in range(6, 12):
        applicant(cycle, f"F{n:03d}", "50.00", list(cycle.positions_in_order), specialty)
    client.post(reverse("admissions:cycle_match", args=[2027]))
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(large) == len(small)


def test_the_auditors_files_come_as_one_zip(client, world, cycle):
    client.force_login(world.users["national"])
    client.post(reverse("admissions:cycle_match", args=[2027]))

    response = client.get(reverse("admissions:cycle_files", args=[2027]))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "applicants.csv",
        "positions.csv",
        "preferences.csv",
        "result.csv",
    ]
    assert archive.read("result.csv").decode().startswith("applicant,programme,rank_obtained\n")


def test_a_match_already_running_is_not_started_twice(client, world, cycle):
    MatchRun.objects.create(cycle=cycle, status=MatchRunStatus.RUNNING, steps_done=1)
    client.force_login(world.users["national"])

    page = client.post(reverse("admissions:cycle_match", args=[2027]), follow=True)

    assert "ya se está ejecutando" in page.content.decode()
    assert cycle.runs.count() == 1
    assert not Assignment.objects.exists()


def test_the_page_polls_the_progress_while_the_match_runs(client, world, cycle):
    run = MatchRun.objects.create(cycle=cycle, status=MatchRunStatus.RUNNING, steps_done=2)
    client.force_login(world.users["national"])
    url = reverse("admissions:cycle_progress", args=[2027])

    page = client.get(reverse("admissions:cycle_detail", args=[2027])).content.decode()
    running = client.get(url, headers={"HX-Request": "true"})
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRunStatus.DONE, placed=4)
    finished = client.get(url, headers={"HX-Request": "true"})

    assert 'id="match-progress"' in page
    assert "Ejecutar la asignación" not in page  # no second start while it runs
    assert 'value="50"' in running.content.decode()
    assert "verificando la estabilidad" in running.content.decode()
    assert finished["HX-Refresh"] == "true"


def test_a_failed_match_says_so_and_changes_nothing(client, world, cycle):
    MatchRun.objects.create(
        cycle=cycle, status=MatchRunStatus.FAILED, error="El ciclo 2027 está publicado."
    )
    client.force_login(world.users["national"])

    page = client.get(reverse("admissions:cycle_detail", args=[2027])).content.decode()

    assert "La última asignación no terminó y no se cambió nada." in page
    assert "El ciclo 2027 está publicado." in page


def test_the_cycle_list_names_the_cycles_year(client, world, cycle):
    client.force_login(world.users["national"])

    page = client.get(reverse("admissions:cycle_list")).content.decode()

    # "Year" alone is a resident's year ("Grado") elsewhere; a cycle's is a calendar year.
    assert "<th>Año</th>" in page
    assert reverse("admissions:cycle_detail", args=[2027]) in page


def test_the_choice_chart_counts_every_choice_up_to_the_worst_obtained(client, world, cycle):
    client.force_login(world.users["national"])
    umae, hgz, hgr = cycle.positions_in_order
    # F009 gets only their third choice; nobody else is placed below their second.
    applicant(
        cycle, "F009", "99.00", [hgz, hgr, umae], cycle.positions_in_order[0].programme.specialty
    )
    Position.objects.filter(pk__in=[hgz.pk, hgr.pk]).update(places=0)
    client.post(reverse("admissions:cycle_match", args=[2027]))

    chart = client.get(reverse("admissions:cycle_detail", args=[2027])).context["chart"]

    assert chart == {"labels": ["1", "2", "3"], "values": [0, 0, 1]}
