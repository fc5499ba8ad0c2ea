"""Exports: the list's rows and filters, safe in a spreadsheet, and they import back unchanged."""

import csv
import io

from django.core.management import call_command
from openpyxl import load_workbook

from edusalud.exchange import services
from edusalud.exchange.models import ImportKind
from edusalud.exchange.readers import read_table
from edusalud.residents.models import Person

RESIDENTS_EXPORT = "/exportar/residentes/"


def exported_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_only_the_users_scope_with_spanish_headers(client, world):
    client.force_login(world.users["site"])

    response = client.get(RESIDENTS_EXPORT, {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = exported_rows(response)
    assert {r["CURP"] for r in rows} == {world.enrolment.person.curp, world.classmate.person.curp}
    assert rows[0]["Sede (CLUES)"] == world.site.clues


def test_the_export_follows_the_lists_filters(client, world):
    client.force_login(world.users["national"])

    response = client.get(
        RESIDENTS_EXPORT,
        {"format": "csv", "site": world.foreign_site.clues},
    )

    assert [r["CURP"] for r in exported_rows(response)] == [world.foreign_enrolment.person.curp]


def test_a_resident_exports_only_their_own_row(client, world):
    client.force_login(world.users["resident"])

    rows = exported_rows(client.get(RESIDENTS_EXPORT))

    assert [r["CURP"] for r in rows] == [world.enrolment.person.curp]


def test_formula_cells_are_neutralised_and_import_back_as_they_were(client, world):
    person = world.enrolment.person
    person.first_names = '=HYPERLINK("http://x")'
    person.second_last_name = "-2+3"
    person.save()
    client.force_login(world.users["site"])

    for file_format in ("csv", "xlsx"):
        content = client.get(RESIDENTS_EXPORT, {"format": file_format}).content
        table = read_table(content)
        cells = [cell for _number, row in table.rows for cell in row]
        assert '\'=HYPERLINK("http://x")' in cells
        assert "'-2+3" in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

        plan = services.plan_file(ImportKind.RESIDENTS, content, world.users["site"])
        assert (plan.errors, plan.to_create, plan.to_update) == ([], 0, 0)


def test_round_trip_export_edit_import_changes_exactly_the_edit(client, world):
    client.force_login(world.users["site"])
    content = client.get(RESIDENTS_EXPORT, {"format": "xlsx"}).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for line in sheet.iter_rows(min_row=2):
        if line[header.index("CURP")].value == world.classmate.person.curp:
            line[header.index("Correo electrónico")].value = "nuevo@imss.gob.mx"
    edited = io.BytesIO()
    workbook.save(edited)

    plan = services.plan_file(ImportKind.RESIDENTS, edited.getvalue(), world.users["site"])
    assert (plan.to_create, plan.to_update, plan.unchanged) == (0, 1, 1)
    services.apply_plan(plan)

    classmate = Person.objects.get(pk=world.classmate.person_id)
    assert classmate.email == "nuevo@imss.gob.mx"
    assert classmate.history.first().history_user == world.users["site"]


def test_export_list_page_makes_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["national"])
    url = RESIDENTS_EXPORT
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from tests.factories import EnrolmentFactory

    for _ in range(5):
        EnrolmentFactory(programme=world.programme)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_the_export_command_writes_a_file_the_import_command_reads_unchanged(
    world, tmp_path, capsys
):
    out = tmp_path / "residentes.xlsx"
    call_command("export", "residents", "--format", "xlsx", "--out", str(out))
    call_command("import", "residents", str(out), "--dry-run")

    assert "0 por crear, 0 por actualizar, 4 sin cambios" in capsys.readouterr().out
