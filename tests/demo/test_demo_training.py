"""The demo's courses: past national editions with certificates, and the demo site's own."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from edusalud.demo import data
from edusalud.training.models import Certificate, Course, Edition, ParticipationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", scale=0.05, seed=42, stdout=io.StringIO())


def test_every_course_has_a_closed_national_edition_with_certificates(demo):
    assert Course.objects.count() == len(data.COURSES)
    for course in Course.objects.all():
        national = course.editions.get(site__isnull=True)
        assert national.closed_on is not None
        passed = national.participations.filter(status=ParticipationStatus.PASSED).count()
        assert passed == Certificate.objects.filter(participation__edition=national).count() > 0


def test_the_demo_site_has_a_finished_a_running_and_a_coming_edition(demo):
    today = timezone.localdate()
    editions = Edition.objects.filter(site__isnull=False).order_by("starts_on")

    finished, running, coming = editions
    assert finished.closed_on is not None
    assert running.starts_on <= today <= running.ends_on
    assert running.participations.filter(status=ParticipationStatus.WAITING).exists()
    assert coming.starts_on > today
    assert not coming.participations.exists()


def test_the_demo_resident_has_a_certificate_to_download(demo):
    mine = Certificate.objects.filter(participation__person__user__username="residente")

    assert mine.filter(revoked_on__isnull=True).exists()


def test_the_command_lists_the_certificates_as_json(demo):
    out = io.StringIO()
    call_command("certificates", "list", "--limit", "3", "--json", stdout=out)

    rows = json.loads(out.getvalue())
    newest = Certificate.objects.order_by("-issued_on", "code")[:3]
    assert [row["code"] for row in rows] == [c.code for c in newest]
    assert set(rows[0]) >= {
        "code",
        "person",
        "course",
        "hours",
        "issued_on",
        "status",
        "verify_url",
        "assertion_url",
    }
    assert rows[0]["verify_url"] == f"/verificar/{rows[0]['code']}/"
    assert rows[0]["status"] == "valid"
