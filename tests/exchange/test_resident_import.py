"""Importing residents from office sheets: preview, all-or-nothing, scope, history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from edusalud.exchange import services
from edusalud.exchange.models import ImportKind
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment, Person
from tests.factories import EnrolmentFactory, ProgrammeFactory, SpecialtyFactory, make_curp

HEADER = (
    "CURP,Nombre(s),Primer apellido,Segundo apellido,Sexo,Fecha de nacimiento,"
    "Sede (CLUES),Especialidad,Grado,Fecha de inicio"
)


def curp_for(birth_date=datetime.date(1996, 4, 2), sex="F"):
    return make_curp(birth_date=birth_date, sex=sex)


def row(
    curp,
    first="María José",
    last="Peña",
    second="Núñez",
    sex="F",
    born="02/04/1996",
    clues="DFIMS000001",
    specialty="ANES",
    year="R1",
    start="2026-03-01",
):
    return ",".join([curp, first, last, second, sex, born, clues, specialty, year, start])


def csv_bytes(*rows, header=HEADER, encoding="utf-8"):
    return "\n".join([header, *rows]).encode(encoding)


def plan(content, user):
    with translation.override("es-mx"):
        return services.plan_file(ImportKind.RESIDENTS, content, user)


def test_a_clean_file_is_previewed_without_writing_then_imported_with_history(world):
    user = world.users["site"]
    curps = [curp_for(), curp_for(sex="M")]
    content = csv_bytes(row(curps[0]), row(curps[1], first="Óscar", sex="H"))

    preview = plan(content, user)
    assert (preview.to_create, preview.to_update, preview.errors) == (2, 0, [])
    assert not Person.objects.filter(curp__in=curps).exists()

    services.apply_plan(preview)

    person = Person.objects.get(curp=curps[0])
    assert (person.first_names, person.second_last_name) == ("María José", "Núñez")
    enrolment = person.enrolments.get()
    assert (enrolment.programme, enrolment.year) == (world.programme, 1)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    created = person.history.get()
    assert (created.history_user, created.history_change_reason) == (user, "imported")
    assert enrolment.history.get().history_user == user


def test_importing_the_same_file_again_changes_nothing(world):
    user = world.users["site"]
    content = csv_bytes(row(curp_for()), row(curp_for(sex="M"), first="Luis", sex="M"))
    services.apply_plan(plan(content, user))
    history_rows = Person.history.count() + Enrolment.history.count()

    again = plan(content, user)

    assert (again.to_create, again.to_update, again.unchanged) == (0, 0, 2)
    services.apply_plan(again)
    assert Person.history.count() + Enrolment.history.count() == history_rows


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("cp1252", ",")],
)
def test_office_encodings_and_separators_keep_accents_and_enye(world, encoding, separator):
    curp = curp_for()
    text = "\r\n".join(
        [
            HEADER.replace(",", separator),
            row(curp, first="Begoña", last="Ibáñez").replace(",", separator),
        ]
    )

    preview = plan(text.encode(encoding), world.users["site"])
    services.apply_plan(preview)

    person = Person.objects.get(curp=curp)
    assert (person.first_names, person.last_name) == ("Begoña", "Ibáñez")


def test_our_own_column_names_and_office_aliases_are_understood(world):
    curp = curp_for()
    header = (
        "curp,Nombre,Apellido paterno,Apellido materno,sex,Fecha nacimiento,"
        "CLUES,Especialidad,Año,Inicio"
    )
    preview = plan(
        csv_bytes(row(curp, specialty="Anestesiología", year="2"), header=header),
        world.users["site"],
    )

    assert preview.errors == []
    services.apply_plan(preview)
    assert Person.objects.get(curp=curp).enrolments.get().year == 2


def test_a_single_bad_row_changes_nothing_and_names_row_and_column(world):
    good = curp_for()
    bad = curp_for()
    bad = bad[:-1] + ("0" if bad[-1] != "0" else "1")
    content = csv_bytes(row(good), row(curp_for()), row(bad))

    preview = plan(content, world.users["site"])

    with translation.override("es-mx"):
        assert [str(e) for e in preview.errors] == [
            "Fila 4, columna CURP: El dígito verificador de la CURP no coincide."
        ]
    assert preview.write is None
    with pytest.raises(ValidationError):
        services.apply_plan(preview)
    assert not Person.objects.filter(curp=good).exists()


@pytest.mark.parametrize(
    ("changes", "column", "fragment"),
    [
        ({"year": "R4"}, "Grado", "R1 y R3"),
        ({"specialty": "XYZ"}, "Especialidad", "No hay especialidad"),
        ({"clues": "JCIMS000003"}, "Sede (CLUES)", "JCIMS000003"),
        ({"clues": "DFIMS000002"}, "Sede (CLUES)", "DFIMS000002"),
        ({"born": "31/02/1996"}, "Fecha de nacimiento", "no es una fecha"),
        ({"born": "03/04/1996"}, "Fecha de nacimiento", "no coincide"),
        ({"sex": "Q"}, "Sexo", "Q"),
        ({"first": ""}, "Nombre(s)", "obligatoria"),
        ({"start": ""}, "Fecha de inicio", "fecha de inicio"),
    ],
)
def test_each_rule_gives_its_message_on_its_column(world, changes, column, fragment):
    preview = plan(csv_bytes(row(curp_for(), **changes)), world.users["site"])

    with translation.override("es-mx"):
        messages = [str(e) for e in preview.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"Fila 2, columna {column}: ")
    assert fragment.lower() in messages[0].lower()


def test_branch_specialty_needs_the_prerequisite_evidence(world):
    branch = SpecialtyFactory(
        code="NEO",
        name_es="Neonatología",
        entry="branch",
        prerequisite=world.sibling_programme.specialty,
        duration_years=2,
    )
    ProgrammeFactory(specialty=branch, site=world.site)
    header = HEADER + ",Constancia de especialidad previa"

    missing = plan(
        csv_bytes(row(curp_for(), specialty="NEO") + ",", header=header), world.users["site"]
    )
    given = plan(
        csv_bytes(row(curp_for(), specialty="NEO") + ",CED-12345", header=header),
        world.users["site"],
    )

    assert "Constancia de especialidad previa" in str(missing.errors[0])
    assert given.errors == []


def test_a_person_twice_in_the_file_is_an_error_on_the_second_row(world):
    curp = curp_for()
    preview = plan(csv_bytes(row(curp), row(curp)), world.users["site"])

    with translation.override("es-mx"):
        assert [str(e) for e in preview.errors] == [
            "Fila 3, columna CURP: la misma persona ya está en la fila 2."
        ]


def test_a_site_coordinator_cannot_touch_another_sites_resident_through_a_file(world):
    foreign = world.foreign_enrolment.person
    content = csv_bytes(
        row(foreign.curp, first="Cambiado", born=foreign.birth_date.strftime("%d/%m/%Y"))
    )

    preview = plan(content, world.users["site"])

    assert len(preview.errors) == 1
    assert "CURP" in str(preview.errors[0]) or "Especialidad" in str(preview.errors[0])
    foreign.refresh_from_db()
    assert foreign.first_names != "Cambiado"


def test_an_edited_row_updates_only_what_changed_and_leaves_history(world):
    person = world.enrolment.person
    content = csv_bytes(
        row(
            person.curp,
            first="Nuevo Nombre",
            last=person.last_name,
            second=person.second_last_name,
            born=person.birth_date.strftime("%d/%m/%Y"),
            year="R2",
            start="2026-03-01",
        )
    )

    preview = plan(content, world.users["site"])
    assert (preview.to_create, preview.to_update) == (0, 1)
    services.apply_plan(preview)

    person.refresh_from_db()
    assert person.first_names == "Nuevo Nombre"
    assert person.enrolments.get().year == 2
    latest = person.history.first()
    assert (latest.history_user, latest.history_change_reason) == (world.users["site"], "imported")
    assert latest.prev_record.first_names != "Nuevo Nombre"


def test_status_changes_are_refused_from_files(world):
    person = world.enrolment.person
    header = HEADER + ",Estado"
    content = csv_bytes(
        row(
            person.curp,
            last=person.last_name,
            second=person.second_last_name,
            born=person.birth_date.strftime("%d/%m/%Y"),
        )
        + ",egresado",
        header=header,
    )

    preview = plan(content, world.users["site"])

    with translation.override("es-mx"):
        assert "columna Estado" in str(preview.errors[0])


def test_a_missing_required_column_is_a_file_error(world):
    preview = plan(b"CURP,Nombre(s)\nX,Y\n", world.users["site"])

    with translation.override("es-mx"):
        messages = [str(e) for e in preview.errors]
    assert "El archivo no tiene la columna «Primer apellido»." in messages


def test_an_existing_enrolment_elsewhere_in_scope_is_not_duplicated(world):
    """The classmate trains in paediatrics at the same site; a row in anaesthesia is refused."""
    person = world.classmate.person
    content = csv_bytes(
        row(
            person.curp,
            first=person.first_names,
            last=person.last_name,
            second=person.second_last_name,
            born=person.birth_date.strftime("%d/%m/%Y"),
        )
    )

    preview = plan(content, world.users["site"])

    assert len(preview.errors) == 1
    assert EnrolmentFactory._meta.model.objects.filter(person=person).count() == 1
