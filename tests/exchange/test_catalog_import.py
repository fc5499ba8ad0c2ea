"""Importing the catalog: national coordinators only; round trips; rules from the models."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.exchange import services
from edusalud.exchange.readers import read_table


def plan(kind, text, user):
    with translation.override("es-mx"):
        return services.plan_file(kind, text.encode("utf-8"), user)


def messages(preview) -> list[str]:
    with translation.override("es-mx"):
        return [str(error) for error in preview.errors]


def export(user, kind: str, file_format="csv") -> bytes:
    client = Client()
    client.force_login(user)
    return client.get(f"/exportar/{kind}/", {"format": file_format}).content


def test_new_sites_are_created_and_known_ones_updated_with_history(world):
    national = world.users["national"]
    text = (
        "CLUES;Nombre;Tipo;Nivel de atención;Delegación;Camas\n"
        "DFIMS000009;Hospital de Gineco-Obstetricia 4;HGZ;2;DF;150\n"
        f"{world.site.clues};UMAE Siglo XXI (renombrada);UMAE;3;Ciudad de México;800\n"
    )

    preview = plan("sites", text, national)
    assert (preview.errors, preview.to_create, preview.to_update) == ([], 1, 1)
    services.apply_plan(preview)

    new = Site.objects.get(clues="DFIMS000009")
    assert (new.kind, new.care_level, new.region, new.beds) == ("HGZ", 2, world.region, 150)
    world.site.refresh_from_db()
    assert world.site.name == "UMAE Siglo XXI (renombrada)"
    latest = world.site.history.first()
    assert (latest.history_user, latest.history_change_reason) == (national, "imported")


def test_site_rules_are_the_models_rules(world):
    text = (
        "CLUES,Nombre,Tipo,Nivel de atención,Delegación\n"
        "XX123,Hospital,HGZ,2,DF\n"
        "DFIMS000010,Hospital,HOSPITAL,4,Atlántida\n"
    )

    found = messages(plan("sites", text, world.users["national"]))

    assert found[0].startswith("Fila 2, columna CLUES: La CLUES debe tener")
    assert any(
        m.startswith("Fila 3, columna Tipo: «HOSPITAL» no es un valor válido") for m in found
    )
    assert any(m.startswith("Fila 3, columna Nivel de atención: «4»") for m in found)
    assert any(m == "Fila 3, columna Delegación: no hay delegación «Atlántida»." for m in found)
    assert not Site.objects.filter(clues="DFIMS000010").exists()


def test_a_branch_specialty_may_name_a_prerequisite_from_an_earlier_row(world):
    text = (
        "Clave,Nombre,Nombre en inglés,Ingreso,Especialidad previa,Duración (años)\n"
        "MI,Medicina Interna,Internal Medicine,directo,,4\n"
        "CARD,Cardiología,Cardiology,rama,MI,3\n"
        "NEFRO,Nefrología,Nephrology,branch,,3\n"
    )

    preview = plan("specialties", text, world.users["national"])
    assert messages(preview) == [
        "Fila 4, columna Especialidad previa: una especialidad de rama necesita su "
        "especialidad previa."
    ]

    fixed = plan("specialties", text.replace("branch,,3", "branch,MI,3"), world.users["national"])
    services.apply_plan(fixed)
    assert Specialty.objects.get(code="CARD").prerequisite.code == "MI"
    assert Specialty.objects.get(code="NEFRO").prerequisite.code == "MI"


def test_programmes_round_trip_through_an_export(world):
    national = world.users["national"]
    content = export(national, "programas", "xlsx")

    same = services.plan_file("programmes", content, national)
    assert (same.errors, same.to_create, same.to_update) == ([], 0, 0)
    assert same.unchanged == Programme.objects.count()

    edited = content.decode("latin-1")  # only to prove the XLSX is a real workbook
    assert edited.startswith("PK")


@pytest.mark.parametrize("kind", ["sedes", "especialidades", "programas"])
def test_every_catalog_list_exports_and_imports_back_unchanged(world, kind):
    national = world.users["national"]
    content = export(national, kind)
    model_kind = {"sedes": "sites", "especialidades": "specialties", "programas": "programmes"}

    table = read_table(content)
    preview = services.plan_file(model_kind[kind], content, national)

    assert len(table.rows) > 0
    assert (preview.errors, preview.to_create, preview.to_update) == ([], 0, 0)


def test_only_national_coordinators_import_the_catalog(world):
    for role in ("site", "other_site", "regional"):
        with pytest.raises(PermissionDenied):
            services.create_import(
                by=world.users[role], kind="sites", filename="s.csv", content=b"CLUES\n"
            )
    job = services.create_import(
        by=world.users["national"], kind="sites", filename="s.csv", content=b"CLUES\n"
    )
    assert job.kind == "sites"


def test_a_site_coordinators_export_of_sites_holds_only_their_site(world):
    table = read_table(export(world.users["site"], "sedes"))

    assert [row[0] for _number, row in table.rows] == [world.site.clues]


@pytest.mark.parametrize("kind", ["sites", "specialties", "programmes"])
def test_catalog_export_and_import_commands_round_trip(world, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.csv"
    call_command("export", kind, "--out", str(out))
    call_command("import", kind, str(out), "--dry-run")

    assert "0 por crear, 0 por actualizar" in capsys.readouterr().out
