"""The import pages: upload, preview, confirm, result.

Only with the permission, and only one's own jobs.
"""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from edusalud.exchange import services
from edusalud.exchange.models import ImportJob, ImportKind, ImportStatus
from edusalud.residents.models import Person
from tests.exchange.test_resident_import import csv_bytes, curp_for, row
from tests.factories import user_with_role


def upload(client, content: bytes, name="residentes.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("exchange:import_list"), {"kind": "residents", "file": file})


def test_upload_shows_a_preview_and_only_confirmation_writes(client, world):
    client.force_login(world.users["site"])
    curp = curp_for()

    response = upload(client, csv_bytes(row(curp)))
    job = ImportJob.objects.get()
    assert response.url == reverse("exchange:import_detail", args=[job.pk])

    page = client.get(response.url).content.decode()
    assert "Importar: crear 1 y actualizar 0" in page
    assert "María José Peña Núñez" in page
    assert not Person.objects.filter(curp=curp).exists()

    client.post(reverse("exchange:import_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.content == b""  # the file is not kept once imported
    assert Person.objects.filter(curp=curp).exists()
    assert (
        "Importado: 1 creados, 0 actualizados, 0 sin cambios."
        in client.get(reverse("exchange:import_detail", args=[job.pk])).content.decode()
    )


def test_a_file_with_errors_lists_them_and_cannot_be_confirmed(client, world):
    client.force_login(world.users["site"])
    bad = row(curp_for(), year="R9")
    upload(client, csv_bytes(row(curp_for()), bad))
    job = ImportJob.objects.get()

    page = client.get(reverse("exchange:import_detail", args=[job.pk])).content.decode()
    assert "El archivo tiene 1 error; no se guardó nada." in page
    assert "Fila 3, columna Grado" in page

    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    assert Person.objects.count() == 4  # the world's people only
    job.refresh_from_db()
    assert job.content == b""  # a refused file is not kept either: it comes back fixed


def test_a_preview_left_unconfirmed_for_a_day_loses_its_file(world):
    user = world.users["site"]
    old = services.create_import(
        by=user, kind="residents", filename="viejo.csv", content=csv_bytes(row(curp_for()))
    )
    services.check_import(old)
    ImportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    fresh = services.create_import(
        by=user, kind="residents", filename="nuevo.csv", content=csv_bytes(row(curp_for()))
    )

    old.refresh_from_db()
    assert (old.status, bytes(old.content)) == (ImportStatus.FAILED, b"")
    with pytest.raises(ValidationError):
        services.confirm_import(by=user, job=old)
    assert bytes(fresh.content) != b""


def test_the_file_is_checked_again_at_confirmation(client, world):
    """The same CURP starts at another site between preview and confirmation: nothing is written."""
    client.force_login(world.users["site"])
    first, curp = curp_for(), curp_for()
    upload(client, csv_bytes(row(first), row(curp)))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.READY
    elsewhere = csv_bytes(row(curp, clues=world.foreign_site.clues))
    services.apply_plan(services.plan_file("residents", elsewhere, world.users["national"]))

    client.post(reverse("exchange:import_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.summary["error_count"] == 1
    assert not Person.objects.filter(curp=first).exists()


def test_a_coordinator_without_the_permission_cannot_import(client, world):
    coordinator = user_with_role("site", site=world.site)
    client.force_login(coordinator)

    assert client.get(reverse("exchange:import_list")).status_code == 404
    assert upload(client, csv_bytes(row(curp_for()))).status_code == 404
    with pytest.raises(PermissionDenied):
        services.create_import(by=coordinator, kind="residents", filename="a.csv", content=b"x")


def test_another_user_cannot_see_or_confirm_my_job(client, world):
    client.force_login(world.users["site"])
    upload(client, csv_bytes(row(curp_for())))
    job = ImportJob.objects.get()
    client.force_login(world.users["national"])

    assert client.get(reverse("exchange:import_detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("exchange:import_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_the_import_list_makes_a_constant_number_of_queries(client, world):
    client.force_login(world.users["site"])
    upload(client, csv_bytes(row(curp_for())))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("exchange:import_list"))
    for _ in range(3):
        upload(client, csv_bytes(row(curp_for())))
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("exchange:import_list"))

    assert len(four) == len(one)


def test_while_running_htmx_gets_the_progress_box(client, world):
    client.force_login(world.users["site"])
    job = ImportJob.objects.create(
        kind=ImportKind.RESIDENTS,
        owner=world.users["site"],
        filename="big.csv",
        content=b"",
        status=ImportStatus.IMPORTING,
        rows_done=250,
        rows_total=1000,
    )

    response = client.get(reverse("exchange:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert 'value="25"' in page
    assert "250 de 1000 filas" in page
    job.status = ImportStatus.DONE
    job.save()
    done = client.get(reverse("exchange:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    ("changelist", "export_url"),
    [
        ("admin:catalog_site_changelist", "/exportar/sedes/"),
        ("admin:residents_person_changelist", "/exportar/residentes/"),
    ],
)
def test_the_admin_lists_lead_to_the_same_import_and_export(admin_client, changelist, export_url):
    page = admin_client.get(reverse(changelist)).content.decode()

    assert reverse("exchange:import_list") in page
    assert f"{export_url}?format=xlsx" in page
