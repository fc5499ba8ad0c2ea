"""An applicant drags a site to the top of their list in a real browser, and it is saved."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    CycleStatus,
    Preference,
    RankingPeriod,
)
from tests.admissions.conftest import small_cycle
from tests.e2e.conftest import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_a_drag_reorders_and_saves_the_list(page: Page, live_server, world, browser_errors):
    cycle = small_cycle()
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.OPEN)
    today = timezone.localdate()
    RankingPeriod.objects.create(
        cycle=cycle, number=1, opens_on=today, closes_on=today + datetime.timedelta(days=7)
    )
    applicant = Applicant.objects.select_related("person").get(folio="F001")
    user = UserFactory()
    user.save()
    applicant.person.user = user
    applicant.person.save()
    umae, hgz, hgr = cycle.positions_in_order  # F001's list: hgr, umae, hgz

    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/admisiones/mi-solicitud/")
    page.drag_and_drop(
        f"#ranking li[data-position='{hgz.pk}']", f"#ranking li[data-position='{hgr.pk}']"
    )
    page.wait_for_selector("#ranking[data-saved='true']", timeout=10_000)

    ranked = Preference.objects.filter(applicant=applicant).order_by("rank")
    assert [p.position_id for p in ranked] == [hgz.pk, hgr.pk, umae.pk]
    assert page.inner_text("#ranking li:first-child .place") == "1"
    assert page.inner_text("#ranking-status") == "Guardado."
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admissions-ranking.png", full_page=True)
    assert browser_errors.messages == []
