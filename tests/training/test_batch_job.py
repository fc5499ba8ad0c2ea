"""An edition's certificates as one ZIP, made in the background for the coordinator who asks."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from edusalud.training import services
from edusalud.training.models import BatchStatus, Certificate, CertificateBatch
from tests.factories import PersonFactory
from tests.training.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(edition, settings):
    settings.CERTIFICATE_RENDER_WORKERS = 1
    edition.capacity = 5
    edition.save()
    services.enrol(
        by=None, edition=edition, people=[PersonFactory() for _ in range(3)], today=TODAY
    )
    services.record_results(
        by=None,
        edition=edition,
        results={p.pk: (True, None) for p in edition.participations.all()},
        today=TODAY,
    )
    return list(Certificate.objects.order_by("person_name", "code"))


def test_the_zip_holds_every_valid_certificate_once(client, world, edition, issued):
    services.revoke_certificate(
        by=world.users["site"], certificate=issued[0], reason="Duplicada", today=TODAY
    )
    client.force_login(world.users["site"])

    started = client.post(reverse("training:edition_batch", args=[edition.pk]))
    batch = CertificateBatch.objects.get()
    download = client.get(reverse("training:batch_download", args=[edition.pk, batch.pk]))

    assert started.status_code == 302
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 2, 2)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == sorted(f"constancia-{c.code}.pdf" for c in issued[1:])
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())


def test_a_batch_is_its_requesters_alone(client, world, edition, issued):
    client.force_login(world.users["site"])
    client.post(reverse("training:edition_batch", args=[edition.pk]))
    batch = CertificateBatch.objects.get()

    client.force_login(world.users["national"])
    national = client.get(reverse("training:batch_download", args=[edition.pk, batch.pk]))
    client.force_login(world.users["other_site"])
    other = client.post(reverse("training:edition_batch", args=[edition.pk]))

    assert national.status_code == 404
    assert other.status_code == 404
    assert CertificateBatch.objects.count() == 1


def test_an_edition_without_certificates_makes_no_batch(client, world, edition):
    client.force_login(world.users["site"])

    response = client.post(reverse("training:edition_batch", args=[edition.pk]), follow=True)

    assert not CertificateBatch.objects.exists()
    assert "aún no tiene constancias" in response.content.decode()


def test_the_progress_box_polls_while_running_then_reloads(client, world, edition, issued):
    client.force_login(world.users["site"])
    batch = CertificateBatch.objects.create(
        edition=edition,
        requested_by=world.users["site"],
        status=BatchStatus.RUNNING,
        done=1,
        total=3,
        created_at=timezone.now(),
    )
    url = reverse("training:batch_progress", args=[edition.pk, batch.pk])

    running = client.get(url)
    batch.status = BatchStatus.DONE
    batch.save()
    finished = client.get(url)

    assert "hx-get" in running.content.decode()
    assert running.context["batch"].percent == 33
    assert finished["HX-Refresh"] == "true"
