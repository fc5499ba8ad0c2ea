"""Loading an admission cycle from files: places, applicants, rank lists, programmes' rankings.

Each file goes into the cycle chosen on upload; any error leaves the cycle as it was.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from edusalud.admissions import services as admissions_services
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    Assignment,
    CycleStatus,
    Position,
    Preference,
    ProgrammeRanking,
    RankingPeriod,
)
from edusalud.catalog.enums import EntryKind
from edusalud.exchange import services
from edusalud.exchange.models import ImportJob, ImportStatus
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Person
from tests.factories import (
    EnrolmentFactory,
    PersonFactory,
    ProgrammeFactory,
    SpecialtyFactory,
    make_curp,
)

BORN = datetime.date(1998, 4, 2)
POSITIONS = "Sede (CLUES),Especialidad,Plazas,Plazas para extranjeros\n"
APPLICANTS = (
    "Folio ENARM,Puntaje ENARM,Especialidad,Nombre(s),Primer apellido,Segundo apellido,"
    "CURP,Pasaporte,Nacionalidad,Sexo,Fecha de nacimiento,Cédula de especialidad previa,"
    "Correo electrónico\n"
)
PREFERENCES = "Folio ENARM,Lugar,Sede (CLUES)\n"
RANKINGS = "Sede (CLUES),Especialidad,Lugar,Folio ENARM\n"


@pytest.fixture
def cycle(db):
    return AdmissionCycle.objects.create(year=2027)


def load(kind: str, text: str, user, cycle) -> list[str]:
    """Check the file and, if clean, write it; return the errors in Spanish."""
    with translation.override("es-mx"):
        plan = services.plan_file(kind, text.encode("utf-8"), user, options={"cycle": cycle.year})
        errors = [str(error) for error in plan.errors]
    if plan.is_valid:
        services.apply_plan(plan)
    return errors


def applicant_row(
    folio, score, specialty="ANES", *, curp=None, nationality="MX", evidence="", email=None
):
    passport = "" if nationality == "MX" else f"P{folio}"
    curp = make_curp(birth_date=BORN, sex=Sex.FEMALE) if curp is None and not passport else curp
    email = f"{folio.lower()}@example.mx" if email is None else email
    return (
        f'{folio},"{score}",{specialty},Ana,Ruiz,Paz,{curp or ""},{passport},{nationality},Mujer,'
        f"{BORN:%d/%m/%Y},{evidence},{email}\n"
    )


@pytest.fixture
def loaded(world, cycle):
    """Anaesthesia at three sites, two applicants with complete lists."""
    national = world.users["national"]
    assert not load(
        "positions",
        POSITIONS + "DFIMS000001,ANES,2,1\nDFIMS000002,ANES,1,\nJCIMS000003,Anestesiología,1,0\n",
        national,
        cycle,
    )
    assert not load(
        "applicants",
        APPLICANTS + applicant_row("F1", "88,5") + applicant_row("F2", "70", nationality="CO"),
        national,
        cycle,
    )
    return cycle


def test_positions_are_created_then_updated_with_history(world, cycle):
    national = world.users["national"]
    assert not load("positions", POSITIONS + "DFIMS000001,ANES,2,1\n", national, cycle)

    position = Position.objects.get(cycle=cycle)
    assert (position.programme, position.places, position.foreign_places) == (
        world.programme,
        2,
        1,
    )
    assert position.history.first().history_user == national

    # Without the reserved column, the reserve stays as it was.
    assert not load("positions", "CLUES,Especialidad,Plazas\nDFIMS000001,ANES,5\n", national, cycle)
    position.refresh_from_db()
    assert (position.places, position.foreign_places) == (5, 1)


def test_bad_positions_are_refused_with_row_and_column(world, cycle):
    errors = load(
        "positions",
        POSITIONS
        + "DFIMS000001,ANES,2,3\n"
        + "DFIMS000001,CARDIO,1,0\n"
        + "JCIMS000003,PED,1,0\n"
        + "DFIMS000002,ANES,dos,0\n"
        + "DFIMS000001,ANES,1,0\n",
        world.users["national"],
        cycle,
    )

    assert errors == [
        "Fila 2, columna Plazas para extranjeros: 3 plazas reservadas de 2: más de las que hay.",
        "Fila 3, columna Especialidad: no hay especialidad «CARDIO».",
        "Fila 4, columna Especialidad: no hay un programa de Pediatría en la sede con CLUES "
        "JCIMS000003.",
        "Fila 5, columna Plazas: «dos» no es un número entero.",
        "Fila 6, columna Sede (CLUES): el mismo programa ya está en la fila 2.",
    ]
    assert not Position.objects.exists()


def test_applicants_get_a_person_a_category_and_a_score(loaded):
    mexican, colombian = Applicant.objects.filter(cycle=loaded).order_by("folio")

    assert (mexican.score, mexican.category) == (Decimal("88.50"), ApplicantCategory.MEXICAN)
    assert colombian.category == ApplicantCategory.FOREIGN
    assert colombian.person.passport_number == "PF2"
    assert mexican.history.first().history_change_reason == "imported"


def test_an_applicant_already_in_edusalud_keeps_their_person(world, loaded):
    person = PersonFactory(birth_date=BORN)
    load(
        "applicants",
        APPLICANTS + applicant_row("F3", "60", curp=person.curp),
        world.users["national"],
        loaded,
    )

    assert Applicant.objects.get(folio="F3").person == person
    assert Person.objects.filter(curp=person.curp).count() == 1


def test_bad_applicants_are_refused_with_row_and_column(world, loaded):
    national = world.users["national"]
    taken = Applicant.objects.get(folio="F1").person.curp
    errors = load(
        "applicants",
        APPLICANTS
        + applicant_row("F4", "101")
        + applicant_row("F5", "80", specialty="PED")
        + applicant_row("F6", "80", curp="GARC990101MDFRRR09")
        + applicant_row("F7", "80")
        + applicant_row("F7", "80")
        + applicant_row("F8", "80", curp=taken),
        national,
        loaded,
    )

    assert errors[0] == "Fila 2, columna Puntaje ENARM: «101» no es un puntaje de 0 a 100."
    assert errors[1] == (
        "Fila 3, columna Especialidad: el ciclo 2027 no ofrece plazas de Pediatría: "
        "cargue primero sus plazas."
    )
    assert errors[2].startswith("Fila 4, columna CURP: ")
    assert errors[3] == "Fila 6, columna Folio ENARM: el mismo folio ya está en la fila 5."
    assert errors[4] == (
        "Fila 7, columna Folio ENARM: esta persona ya es aspirante en el ciclo 2027 con el "
        "folio F1."
    )
    assert len(errors) == 5
    assert Applicant.objects.filter(cycle=loaded).count() == 2


def test_a_branch_specialty_applicant_needs_the_prerequisite(world, loaded):
    anaesthesia = world.programme.specialty
    branch = SpecialtyFactory(
        code="ALGO", name_es="Algología", entry=EntryKind.BRANCH, prerequisite=anaesthesia
    )
    programme = ProgrammeFactory(specialty=branch, site=world.site)
    Position.objects.create(cycle=loaded, programme=programme, places=1, foreign_places=0)
    graduate = PersonFactory(birth_date=BORN)
    EnrolmentFactory(
        person=graduate,
        programme=world.programme,
        status=EnrolmentStatus.GRADUATED,
        ended_on=datetime.date(2026, 2, 28),
    )
    national = world.users["national"]

    errors = load("applicants", APPLICANTS + applicant_row("B1", "80", "ALGO"), national, loaded)
    assert errors == [
        "Fila 2, columna Cédula de especialidad previa: Algología es una especialidad de rama: "
        "requiere Anestesiología. Anote el número de cédula de esa especialidad, salvo que el "
        "aspirante haya egresado de ella en el instituto."
    ]

    assert not load(
        "applicants",
        APPLICANTS
        + applicant_row("B1", "80", "ALGO", evidence="12345678")
        + applicant_row("B2", "75", "ALGO", curp=graduate.curp),
        national,
        loaded,
    )
    assert Applicant.objects.get(folio="B1").prerequisite_evidence == "12345678"


def test_rank_lists_replace_the_applicants_lists(world, loaded):
    national = world.users["national"]
    assert not load(
        "preferences",
        PREFERENCES
        + "F1,2,DFIMS000002\nF1,1,JCIMS000003\nF1,3,DFIMS000001\n"
        + "F2,1,DFIMS000001\nF2,2,DFIMS000002\nF2,3,JCIMS000003\n",
        national,
        loaded,
    )
    first = Applicant.objects.get(folio="F1")
    assert [p.position.programme.site.clues for p in first.preferences.order_by("rank")] == [
        "JCIMS000003",
        "DFIMS000002",
        "DFIMS000001",
    ]

    with translation.override("es-mx"):
        again = services.plan_file(
            "preferences",
            (PREFERENCES + "F1,1,DFIMS000001\nF1,2,DFIMS000002\nF1,3,JCIMS000003\n").encode(),
            national,
            options={"cycle": loaded.year},
        )
    assert (again.to_create, again.to_update, again.unchanged) == (0, 1, 0)
    services.apply_plan(again)
    assert Preference.objects.filter(applicant__cycle=loaded).count() == 6


def test_bad_rank_lists_are_refused_with_row_and_column(world, loaded):
    errors = load(
        "preferences",
        PREFERENCES
        + "F1,1,DFIMS000001\nF1,2,DFIMS000002\n"  # leaves out JCIMS000003
        + "F2,1,DFIMS000001\nF2,1,DFIMS000002\nF2,3,JCIMS000003\n"
        + "F9,1,DFIMS000001\n"
        + "F1,4,DFIMS000099\n",
        world.users["national"],
        loaded,
    )

    assert errors == [
        "Fila 5, columna Lugar: F2 ya tiene el lugar 1.",
        "Fila 7, columna Folio ENARM: no hay aspirante con el folio F9 en el ciclo 2027.",
        "Fila 8, columna Sede (CLUES): la sede con CLUES DFIMS000099 no ofrece plazas de "
        "Anestesiología en el ciclo 2027.",
    ]
    assert not Preference.objects.exists()

    errors = load(
        "preferences",
        PREFERENCES + "F1,1,DFIMS000001\nF1,3,DFIMS000002\nF2,1,DFIMS000001\nF2,2,DFIMS000002\n",
        world.users["national"],
        loaded,
    )
    assert errors == [
        "Fila 2, columna Lugar: los lugares de F1 deben ir 1, 2, 3... sin huecos; falta el 2.",
        "Fila 4, columna Sede (CLUES): la lista de F2 deja fuera 1 sede de Anestesiología "
        "(JCIMS000003); este ciclo pide ordenarlas todas.",
    ]


def test_incomplete_lists_are_accepted_when_the_cycle_allows_them(world, loaded):
    AdmissionCycle.objects.filter(pk=loaded.pk).update(requires_complete_lists=False)
    loaded.refresh_from_db()

    assert not load(
        "preferences", PREFERENCES + "F1,1,DFIMS000002\n", world.users["national"], loaded
    )
    assert Preference.objects.get().position.programme.site.clues == "DFIMS000002"


def test_a_programme_ranking_names_applicants_of_its_specialty(world, loaded):
    national = world.users["national"]
    errors = load(
        "rankings",
        RANKINGS + "DFIMS000001,ANES,1,F2\nDFIMS000001,ANES,2,F2\nDFIMS000001,PED,1,F1\n",
        national,
        loaded,
    )
    assert errors == [
        "Fila 3, columna Folio ENARM: DFIMS000001 · Anestesiología ordena dos veces a este "
        "aspirante.",
        "Fila 4, columna Sede (CLUES): la sede con CLUES DFIMS000001 no ofrece plazas de "
        "Pediatría en el ciclo 2027.",
        "Fila 4, columna Folio ENARM: el aspirante F1 no concursa por Pediatría.",
    ]

    assert not load("rankings", RANKINGS + "DFIMS000001,ANES,1,F2\n", national, loaded)
    assert ProgrammeRanking.objects.get().applicant.folio == "F2"


def test_a_file_for_a_published_cycle_is_refused(world, loaded):
    AdmissionCycle.objects.filter(pk=loaded.pk).update(status=CycleStatus.PUBLISHED)

    errors = load(
        "positions", POSITIONS + "DFIMS000001,ANES,9,1\n", world.users["national"], loaded
    )

    assert errors == ["El ciclo 2027 está publicado: sus datos ya no cambian."]
    assert Position.objects.get(programme=world.programme).places == 2


def test_loading_a_file_into_a_matched_cycle_drops_its_outdated_result(world, loaded):
    RankingPeriod.objects.create(
        cycle=loaded,
        number=1,
        opens_on=datetime.date(2027, 1, 5),
        closes_on=datetime.date(2027, 1, 9),
    )
    admissions_services.run_match(by=None, cycle=loaded)
    assert Assignment.objects.filter(applicant__cycle=loaded).count() == 2

    assert not load(
        "positions", POSITIONS + "DFIMS000001,ANES,3,1\n", world.users["national"], loaded
    )

    loaded.refresh_from_db()
    assert loaded.status == CycleStatus.OPEN
    assert not Assignment.objects.filter(applicant__cycle=loaded).exists()


def test_the_import_page_offers_admission_files_to_national_coordinators_only(client, world, cycle):
    client.force_login(world.users["national"])
    page = client.get(reverse("exchange:import_list"), {"kind": "positions", "cycle": "2027"})
    assert page.context["form"]["cycle"].value() == "2027"
    file = io.BytesIO((POSITIONS + "DFIMS000001,ANES,2,0\n").encode())
    file.name = "plazas.csv"

    missing = client.post(reverse("exchange:import_list"), {"kind": "positions", "file": file})
    assert "Elija el ciclo de admisión" in missing.content.decode()
    file.seek(0)
    response = client.post(
        reverse("exchange:import_list"), {"kind": "positions", "cycle": "2027", "file": file}
    )
    job = ImportJob.objects.get()
    assert job.options == {"cycle": 2027}
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Position.objects.filter(cycle=cycle).count() == 1
    detail = client.get(response.url).content.decode()
    assert reverse("admissions:cycle_detail", args=[2027]) in detail

    site = world.users["site"]  # may import residents, not admission files
    client.force_login(site)
    file.seek(0)
    refused = client.post(
        reverse("exchange:import_list"), {"kind": "positions", "cycle": "2027", "file": file}
    )
    assert refused.status_code == 200
    assert ImportJob.objects.filter(owner=site).count() == 0


def test_a_known_folio_updates_its_score_but_not_a_ranked_specialty(world, loaded):
    national = world.users["national"]
    first = Applicant.objects.get(folio="F1")
    row = APPLICANTS + applicant_row("F1", "91", curp=first.person.curp)
    with translation.override("es-mx"):
        plan = services.plan_file("applicants", row.encode(), national, options={"cycle": 2027})
    assert (plan.to_create, plan.to_update, plan.errors) == (0, 1, [])
    assert plan.updated == [(2, "F1: puntaje ENARM")]
    services.apply_plan(plan)
    first.refresh_from_db()
    assert first.score == Decimal("91.00")

    Position.objects.create(
        cycle=loaded, programme=world.sibling_programme, places=1, foreign_places=0
    )
    load(
        "preferences",
        PREFERENCES + "F1,1,DFIMS000001\nF1,2,DFIMS000002\nF1,3,JCIMS000003\n",
        national,
        loaded,
    )
    errors = load(
        "applicants",
        APPLICANTS
        + applicant_row("F1", "91", "PED", curp=first.person.curp)
        + applicant_row("F2", "70", curp=first.person.curp),
        national,
        loaded,
    )
    assert errors == [
        "Fila 2, columna Especialidad: este aspirante ya ordenó las sedes de otra especialidad; "
        "su especialidad ya no puede cambiar.",
        "Fila 3, columna CURP: la misma persona ya está en la fila 2.",
    ]
    errors = load("applicants", APPLICANTS + applicant_row("F2", "70"), national, loaded)
    assert errors == ["Fila 2, columna Folio ENARM: el folio F2 es de otra persona en este ciclo."]


def test_a_workbook_loads_like_a_csv_file(world, cycle):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Sede (CLUES)", "Especialidad", "Plazas", "Plazas para extranjeros"])
    sheet.append(["DFIMS000001", "ANES", 3, 1])
    sheet.append(["DFIMS000002", "ANES", "tres", 0])
    content = io.BytesIO()
    book.save(content)

    with translation.override("es-mx"):
        plan = services.plan_file(
            "positions", content.getvalue(), world.users["national"], options={"cycle": 2027}
        )
        assert [str(e) for e in plan.errors] == [
            "Fila 3, columna Plazas: «tres» no es un número entero."
        ]
    sheet.delete_rows(3)
    content = io.BytesIO()
    book.save(content)
    services.apply_plan(
        services.plan_file(
            "positions", content.getvalue(), world.users["national"], options={"cycle": 2027}
        )
    )
    assert Position.objects.get(cycle=cycle).places == 3
