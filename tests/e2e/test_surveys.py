"""A resident answers a survey in the browser, anonymously; coordinators read its results,
and a group too small to protect anonymity shows no figure.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from edusalud.accounts.models import User
from edusalud.catalog.models import Region, Site, Specialty
from edusalud.residents.models import Person
from edusalud.surveys import selectors, services
from edusalud.surveys.defaults import PHEEM, SATISFACTION
from edusalud.surveys.models import (
    Answer,
    Campaign,
    Draft,
    Instrument,
    Invitation,
    Item,
    ItemKind,
    Response,
)
from tests.e2e.conftest import VIEWPORT, BrowserErrors, log_in
from tests.factories import EnrolmentFactory
from tests.surveys.conftest import TODAY, answer_all

pytestmark = pytest.mark.e2e

NAME = "Encuesta anual de residentes"
COMMENT = "Buena sede, faltan espacios de descanso."


def open_campaign(world) -> Campaign:
    """The satisfaction survey and PHEEM, open today for every active resident."""
    instruments = list(Instrument.objects.filter(code__in=[SATISFACTION, PHEEM], version=1))
    # Created by post_migrate: a flush between transactional tests must bring them back.
    assert sorted(i.code for i in instruments) == [PHEEM, SATISFACTION]
    today = timezone.localdate()
    # The server answers with the real date; answer_all submits on the surveys' fixed TODAY.
    return services.create_campaign(
        by=world.users["national"],
        name=NAME,
        year=today.year,
        instruments=instruments,
        opens_on=min(today, TODAY) - datetime.timedelta(days=3),
        closes_on=max(today, TODAY) + datetime.timedelta(days=20),
    )


def radio(page: Page, item: Item, value: int):
    return page.locator(f"input[type=radio][name={services.field_name(item)}][value='{value}']")


def question(page: Page, item: Item):
    return page.locator(f"#q-{services.field_name(item)}")


def figure(page: Page, name: str) -> str:
    """A KPI as a person reads it (the percentages hold a non-breaking space)."""
    return page.locator(f"[data-figure={name}]").inner_text().replace("\xa0", " ").strip()


def wait_for_charts(page: Page) -> None:
    # goto waits for the load event, so the deferred scripts have run: no need to wait long.
    page.wait_for_selector('body[data-charts-drawn="true"]', state="attached", timeout=5_000)


def trend_series(page: Page) -> list:
    """The values Chart.js holds for each line of the trend chart."""
    return page.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector("canvas[data-chart=trend-data]"));
            return chart ? chart.data.datasets.map((d) => d.data) : null;
        }"""
    )


def test_a_resident_saves_a_draft_then_sends_anonymous_answers(
    page: Page, live_server, world, browser_errors
):
    campaign = open_campaign(world)
    items = selectors.items_to_answer(campaign)
    assert len(items) == 47
    satisfied, recommend, teaching = items[:3]
    assert (satisfied.kind, recommend.kind, teaching.kind) == (
        ItemKind.AGREEMENT,
        ItemKind.SCALE,
        ItemKind.AGREEMENT,
    )
    comment = next(i for i in items if i.kind == ItemKind.TEXT)
    assert not comment.required
    invitation = Invitation.objects.get(campaign=campaign, person=world.enrolment.person)

    log_in(page, live_server.url, world.users["resident"])
    page.goto(f"{live_server.url}/encuestas/")
    expect(page.locator("h1")).to_have_text("Encuestas")
    row = page.locator("#my-surveys tbody tr", has_text=NAME)
    expect(row).to_contain_text("Pendiente")
    with page.expect_navigation():
        row.get_by_role("link", name="Responder").click()
    assert page.url == f"{live_server.url}/encuestas/{campaign.pk}/responder/"
    expect(page.locator("h1")).to_have_text(NAME)
    expect(question(page, satisfied)).to_contain_text(
        "Estoy satisfecho(a) con mi curso de especialización."
    )

    # Three answers, kept as a draft: still there after a reload, and nothing sent.
    radio(page, satisfied, 4).check()
    radio(page, recommend, 8).check()
    radio(page, teaching, 2).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Guardar borrador").click()
    expect(page.locator(".messages")).to_contain_text(
        "Borrador guardado. Nada se envía hasta que pulse «Enviar respuestas»."
    )
    page.reload()
    expect(page.locator(".messages")).to_have_count(0)
    expect(radio(page, satisfied, 4)).to_be_checked()
    expect(radio(page, recommend, 8)).to_be_checked()
    expect(radio(page, teaching, 2)).to_be_checked()
    expect(page.locator("input[type=radio]:checked")).to_have_count(3)
    assert Draft.objects.get(invitation=invitation).values == {
        str(satisfied.pk): 4,
        str(recommend.pk): 8,
        str(teaching.pk): 2,
    }
    assert Response.objects.count() == 0

    # Sending with questions missing: the reason, next to each missing one; nothing stored.
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar respuestas").click()
    expect(page.locator("#problem")).to_have_text(
        "Nada se guardó: corrija las preguntas marcadas abajo."
    )
    missing = [i for i in items if i.required and i not in (satisfied, recommend, teaching)]
    expect(page.locator(".question .fielderror")).to_have_count(len(missing))
    for item in missing:
        expect(question(page, item).locator(".fielderror")).to_have_text(
            "Esta pregunta es obligatoria."
        )
    for item in (satisfied, recommend, teaching, comment):
        expect(question(page, item).locator(".fielderror")).to_have_count(0)
    # What was chosen is still chosen.
    expect(radio(page, satisfied, 4)).to_be_checked()
    expect(radio(page, recommend, 8)).to_be_checked()
    # The refused form comes back with status 400, which Chromium logs; nothing else may.
    assert browser_errors.messages == [
        "console: Failed to load resource: the server responded with a status of 400 "
        f"(Bad Request) ({page.url})"
    ]
    browser_errors.messages.clear()
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    invitation.refresh_from_db()
    assert not invitation.has_answered

    # Everything answered and sent.
    for item in missing:
        radio(page, item, 9 if item.kind == ItemKind.SCALE else 3).check()
    question(page, comment).locator("textarea").fill(COMMENT)
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar respuestas").click()
    assert page.url == f"{live_server.url}/encuestas/"
    expect(page.locator(".messages")).to_contain_text(
        "Gracias: sus respuestas se enviaron de forma anónima."
    )
    row = page.locator("#my-surveys tbody tr", has_text=NAME)
    expect(row).to_contain_text("Respondida")
    expect(row.get_by_role("link", name="Responder")).to_have_count(0)

    # One response, with the grouping attributes and no way back to the person.
    response = Response.objects.get()
    assert response.campaign == campaign
    assert (response.site, response.specialty, response.year) == (
        world.site,
        world.programme.specialty,
        world.enrolment.year,
    )
    assert response.submitted_on == timezone.localdate()
    related = {f.related_model for f in Response._meta.get_fields() if f.is_relation}
    assert related == {Campaign, Region, Site, Specialty, Answer}
    assert not related & {Person, User, Invitation, Draft}
    values = {a.item_id: a.value for a in response.answers.all()}
    assert len(values) == len(items)
    assert (values[satisfied.pk], values[recommend.pk], values[teaching.pk]) == (4, 8, 2)
    assert response.answers.get(item=comment).text == COMMENT
    invitation.refresh_from_db()
    assert invitation.has_answered
    assert not Draft.objects.exists()

    # The questionnaire does not open again: nothing is kept with the person's name.
    page.goto(f"{live_server.url}/encuestas/{campaign.pk}/responder/")
    assert page.url == f"{live_server.url}/encuestas/"
    expect(page.locator(".messages")).to_contain_text("Ya respondió esta encuesta. Gracias.")
    assert Response.objects.count() == 1
    assert browser_errors.messages == []


@pytest.fixture
def answered(world) -> Campaign:
    """Eleven of the thirteen invited at the world's site answer; nobody at the other sites."""
    crowd = [EnrolmentFactory(programme=world.programme, year=1 + i % 3) for i in range(11)]
    campaign = open_campaign(world)
    answer_all(campaign, crowd[:8], agree=4, recommend=10, comment="Bien")
    answer_all(campaign, crowd[8:], agree=1, recommend=5)
    assert Invitation.objects.filter(campaign=campaign, site=world.site).count() == 13
    return campaign


def test_the_site_coordinator_sees_the_figures_and_the_trend(
    page: Page, live_server, world, answered, browser_errors
):
    log_in(page, live_server.url, world.users["site"])
    page.goto(f"{live_server.url}/encuestas/campanas/")
    with page.expect_navigation():
        page.locator("#campaigns").get_by_role("link", name=NAME).click()
    assert page.url == f"{live_server.url}/encuestas/campanas/{answered.pk}/"
    wait_for_charts(page)

    expect(page.locator("#suppressed")).to_have_count(0)
    assert figure(page, "answers") == "11"
    expect(page.locator("#result .kpi").first).to_contain_text("respuestas de 13 invitados (85")
    # Eight of eleven agree and recommend (10); three do neither (1 and 5).
    assert figure(page, "satisfaction") == "73 %"
    assert figure(page, "recommendation") == "73 %"
    assert figure(page, "nps") == "45"  # 100 × (8 − 3) / 11
    assert figure(page, "pheem").endswith("/160")
    expect(page.locator("#pheem-scales tbody tr")).to_have_count(4)
    # Eleven answers: the comments may be read.
    expect(page.locator("#comments summary")).to_have_text("Leer los 8 comentarios")

    # The trend chart is drawn from the campaign's figures.
    assert trend_series(page) == [[72.7], [72.7]]
    expect(page.locator("#trend tbody tr")).to_have_count(1)
    expect(page.locator("#participation tbody tr")).to_have_count(1)
    expect(page.locator("#participation tbody tr")).to_contain_text(world.site.name)
    expect(page.locator("#ranking tbody tr")).to_have_count(1)
    expect(page.locator("#ranking tbody tr")).to_contain_text("73 %")
    assert browser_errors.messages == []


def test_the_national_coordinator_filters_to_a_site_too_small_to_show(
    browser: Browser, live_server, world, answered
):
    errors = BrowserErrors()
    page = browser.new_context(viewport=VIEWPORT, locale="es-MX").new_page()
    page.on("console", errors.on_console)
    page.on("pageerror", errors.on_page_error)
    log_in(page, live_server.url, world.users["national"])
    page.goto(f"{live_server.url}/encuestas/campanas/{answered.pk}/")
    wait_for_charts(page)
    # Everyone: eleven answers of the fifteen invited.
    assert figure(page, "answers") == "11"
    assert figure(page, "satisfaction") == "73 %"

    # The sibling site: one invited, nobody has answered.
    page.select_option("form.filters select[name=site]", world.sibling_site.clues)
    with page.expect_navigation():
        page.locator("form.filters").get_by_role("button", name="Filtrar").click()
    assert f"site={world.sibling_site.clues}" in page.url
    wait_for_charts(page)
    expect(page.locator("form.filters select[name=site]")).to_have_value(world.sibling_site.clues)
    suppressed = page.locator("#suppressed")
    expect(suppressed).to_contain_text("No hay suficientes respuestas para proteger el anonimato.")
    expect(suppressed).to_contain_text("El grupo tiene menos de 5 respuestas.")
    for name in ("answers", "satisfaction", "recommendation", "nps", "pheem"):
        expect(page.locator(f"[data-figure={name}]")).to_have_count(0)
    expect(page.locator("#items")).to_have_count(0)
    expect(page.locator("#comments")).to_have_count(0)
    # The trend has no point for the group, and its table says why.
    assert trend_series(page) == [[None], [None]]
    expect(page.locator("#trend tbody tr")).to_contain_text(
        "No hay suficientes respuestas para proteger el anonimato."
    )
    page.context.close()
    assert errors.messages == []
