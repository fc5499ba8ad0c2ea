"""A site the survey flags writes an improvement plan in the browser; the national
coordinator returns it with a comment, then approves it once the site has done its part.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from edusalud.surveys import plans, services
from edusalud.surveys.defaults import PHEEM, SATISFACTION
from edusalud.surveys.models import (
    ActionStatus,
    Campaign,
    ImprovementPlan,
    Instrument,
    PlanAction,
    PlanGoal,
    PlanStatus,
)
from tests.e2e.conftest import VIEWPORT, log_in
from tests.factories import EnrolmentFactory
from tests.surveys.conftest import TODAY, answer_all

pytestmark = pytest.mark.e2e

NAME = "Encuesta anual de residentes"
GOAL = "Tutorías semanales con los adscritos"
ACTION = "Sesión mensual de retroalimentación con los residentes"
OWNER = "Jefatura de enseñanza"
RETURNED = "Precise quién asiste a las sesiones y con qué frecuencia."
EVIDENCE = "Listas de asistencia de octubre y noviembre"


def refused(page: Page) -> str:
    """What Chromium logs when the server refuses a form with a 400."""
    return (
        "console: Failed to load resource: the server responded with a status of 400 "
        f"(Bad Request) ({page.url})"
    )


@pytest.fixture
def flagged(world) -> Campaign:
    """A campaign open today; ten answer at the world's site, seven would not recommend it."""
    crowd = [EnrolmentFactory(programme=world.programme, year=1 + i % 3) for i in range(11)]
    instruments = list(Instrument.objects.filter(code__in=[SATISFACTION, PHEEM], version=1))
    # Created by post_migrate: a flush between transactional tests must bring them back.
    assert sorted(i.code for i in instruments) == [PHEEM, SATISFACTION]
    today = timezone.localdate()
    # The server answers with the real date; answer_all submits on the surveys' fixed TODAY.
    campaign = services.create_campaign(
        by=world.users["national"],
        name=NAME,
        year=today.year,
        instruments=instruments,
        opens_on=min(today, TODAY) - datetime.timedelta(days=3),
        closes_on=max(today, TODAY) + datetime.timedelta(days=20),
    )
    here = [world.enrolment, *crowd]
    answer_all(campaign, here[:7], agree=1, recommend=3)
    answer_all(campaign, [world.classmate, *here[7:9]], agree=3, recommend=9)
    campaign.refresh_from_db()
    return campaign


def status(page: Page):
    return page.locator("#plan-status")


def message(page: Page):
    return page.locator(".messages")


def submit(page: Page, button) -> None:
    with page.expect_navigation():
        button.click()


def test_a_flagged_site_writes_a_plan_and_the_national_coordinator_follows_it(
    page: Page, browser: Browser, live_server, world, flagged, browser_errors
):
    site = world.site
    # The site coordinator finds the plans from the surveys page.
    log_in(page, live_server.url, world.users["site"])
    page.goto(f"{live_server.url}/encuestas/")
    submit(page, page.get_by_role("link", name="Planes de mejora"))
    assert page.url == f"{live_server.url}/encuestas/planes/"
    expect(page.locator("h1")).to_have_text("Planes de mejora")

    # The site is flagged, and the page says why.
    flags = page.locator("#flags")
    expect(flags.locator("h2")).to_have_text("Sedes señaladas")
    expect(flags.locator("tbody tr")).to_have_count(1)
    row = flags.locator("tbody tr", has_text=site.name)
    expect(row.locator("td.num")).to_have_text("10")
    expect(row.locator(".badge", has_text="Recomendación")).to_have_text(
        "Recomendación 30 % está por debajo de 70 %"
    )
    expect(page.locator("#plans tbody")).to_have_text("Todavía no hay planes.")
    # Only the national coordinator sets the thresholds.
    expect(page.locator("#thresholds")).to_have_count(0)

    submit(page, row.get_by_role("button", name="Escribir el plan"))
    plan = ImprovementPlan.objects.get()
    assert (plan.campaign, plan.site, plan.status) == (flagged, site, PlanStatus.DRAFT)
    plan_url = f"{live_server.url}/encuestas/planes/{plan.pk}/"
    assert page.url == plan_url
    expect(page.locator("h1")).to_have_text(f"Plan de mejora {flagged.year + 1}: {site.name}")
    expect(status(page)).to_have_text("Borrador")
    expect(page.locator("#goals")).to_contain_text("Todavía no hay metas")
    expect(page.locator("#new-action")).to_have_count(0)

    # A goal on the weakest question, first with a target under where the site stands.
    (weakest, baseline), *_ = plans.weak_items(plan)
    assert baseline == pytest.approx((7 * 1 + 3 * 3) / 10)
    new_goal = page.locator("#new-goal")
    question = page.get_by_label("Pregunta por mejorar")
    expect(question.locator("option").first).to_have_text(
        f"{weakest.item.instrument.short_name} {weakest.item.number} (1.60): {weakest.item.text}"
    )
    question.select_option(index=0)
    new_goal.locator("textarea[name=description]").fill(GOAL)
    new_goal.get_by_label("Promedio meta (0 a 4)").fill("0")
    submit(page, new_goal.get_by_role("button", name="Agregar la meta"))
    assert page.url == plan_url
    expect(new_goal.locator(".fielderror")).to_have_text(
        "La meta debe ser mayor que el 1.60 actual y como máximo 4."
    )
    expect(message(page)).to_have_count(0)
    # What was written is still there, and nothing was stored.
    expect(new_goal.locator("textarea[name=description]")).to_have_value(GOAL)
    expect(question).to_have_value(str(weakest.item.pk))
    assert not PlanGoal.objects.exists()
    assert browser_errors.messages == [refused(page)]
    browser_errors.messages.clear()

    new_goal.get_by_label("Promedio meta (0 a 4)").fill("3")
    submit(page, new_goal.get_by_role("button", name="Agregar la meta"))
    expect(message(page)).to_contain_text("Meta agregada.")
    goal = PlanGoal.objects.get()
    assert (goal.plan, goal.item, goal.description) == (plan, weakest.item, GOAL)
    assert (goal.baseline, goal.target) == (pytest.approx(1.6), 3.0)
    article = page.locator("#goals article.goal")
    expect(article.locator("h3")).to_have_text(GOAL)
    expect(article).to_contain_text("Puntuación promedio antes: 1.60 · meta: 3.00")
    expect(article).to_contain_text("Todavía no hay acciones.")

    # An action for it, due in three months.
    due = timezone.localdate() + datetime.timedelta(days=90)
    new_action = page.locator("#new-action")
    new_action.locator("select[name=goal]").select_option(label=GOAL)
    new_action.locator("textarea[name=description]").fill(ACTION)
    new_action.get_by_label("Responsable").fill(OWNER)
    new_action.get_by_label("Vence el").fill(due.isoformat())
    submit(page, new_action.get_by_role("button", name="Agregar la acción"))
    expect(message(page)).to_contain_text("Acción agregada.")
    action = PlanAction.objects.get()
    assert (action.goal, action.description, action.owner, action.due_on) == (
        goal,
        ACTION,
        OWNER,
        due,
    )
    action_row = article.locator("tbody tr", has_text=ACTION)
    expect(action_row).to_contain_text(OWNER)
    expect(action_row.locator("select[name=status]")).to_have_value(ActionStatus.PENDING)

    # Sent for review: goals and actions can no longer be added.
    submit(page, page.get_by_role("button", name="Enviar el plan a revisión"))
    expect(message(page)).to_contain_text(
        "El plan se envió a la coordinación nacional para su revisión."
    )
    expect(status(page)).to_have_text("Enviado a revisión")
    for gone in ("#new-goal", "#new-action", "#submit-plan", "#review"):
        expect(page.locator(gone)).to_have_count(0)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    # The national coordinator finds it among the plans and returns it with a comment.
    national = browser.new_context(viewport=VIEWPORT, locale="es-MX").new_page()
    national.on("console", browser_errors.on_console)
    national.on("pageerror", browser_errors.on_page_error)
    log_in(national, live_server.url, world.users["national"])
    national.goto(f"{live_server.url}/encuestas/planes/")
    listed = national.locator("#plans tbody tr", has_text=site.name)
    expect(listed).to_contain_text(str(flagged.year + 1))
    expect(listed.locator(".badge")).to_have_text("Enviado a revisión")
    submit(national, listed.get_by_role("link", name=site.name))
    assert national.url == plan_url
    expect(status(national)).to_have_text("Enviado a revisión")
    expect(national.locator("#goals")).to_contain_text(GOAL)
    expect(national.locator("#goals")).to_contain_text(ACTION)
    review = national.locator("#review")
    review.get_by_label("Devolverlo con comentarios").check()
    review.locator("textarea[name=text]").fill(RETURNED)
    submit(national, review.get_by_role("button", name="Guardar la revisión"))
    expect(message(national)).to_contain_text("Revisión guardada.")
    expect(status(national)).to_have_text("Devuelto con comentarios")
    expect(national.locator("#review")).to_have_count(0)
    comments = national.locator("#comments blockquote")
    expect(comments).to_have_count(1)
    expect(comments).to_contain_text(RETURNED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert plan.comments.get().text == RETURNED

    # The site coordinator reads the comment; "done" needs its evidence.
    page.reload()
    expect(status(page)).to_have_text("Devuelto con comentarios")
    expect(page.locator("#comments blockquote")).to_contain_text(RETURNED)
    expect(page.locator("#submit-plan")).to_have_count(1)
    update = page.locator("#goals form.action-update")
    expect(update.locator("select[name=status] option")).to_have_text(
        ["pendiente", "en curso", "terminada"]
    )
    update.locator("select[name=status]").select_option(label="terminada")
    submit(page, update.get_by_role("button", name="Guardar"))
    expect(page.locator("#goals .fielderror")).to_have_text(
        "Describa la evidencia de que la acción se cumplió."
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.PENDING
    assert browser_errors.messages == [refused(page)]
    browser_errors.messages.clear()

    update = page.locator("#goals form.action-update")
    update.locator("select[name=status]").select_option(label="terminada")
    update.get_by_label("Evidencia").fill(EVIDENCE)
    submit(page, update.get_by_role("button", name="Guardar"))
    expect(message(page)).to_contain_text("Acción actualizada.")
    expect(update.locator("select[name=status]")).to_have_value(ActionStatus.DONE)
    expect(update.get_by_label("Evidencia")).to_have_value(EVIDENCE)
    action.refresh_from_db()
    assert (action.status, action.evidence) == (ActionStatus.DONE, EVIDENCE)
    page.screenshot(path="/tmp/plan-e2e.png", full_page=True)

    submit(page, page.get_by_role("button", name="Enviar el plan a revisión"))
    expect(status(page)).to_have_text("Enviado a revisión")

    # The national coordinator approves it.
    national.reload()
    expect(status(national)).to_have_text("Enviado a revisión")
    review = national.locator("#review")
    review.get_by_label("Aprobar el plan").check()
    submit(national, review.get_by_role("button", name="Guardar la revisión"))
    expect(message(national)).to_contain_text("Revisión guardada.")
    expect(status(national)).to_have_text("Aprobado")
    expect(national.locator("#comments blockquote")).to_have_count(1)
    national.goto(f"{live_server.url}/encuestas/planes/")
    expect(national.locator("#plans tbody tr", has_text=site.name).locator(".badge")).to_have_text(
        "Aprobado"
    )
    national.context.close()

    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    page.reload()
    expect(status(page)).to_have_text("Aprobado")
    expect(page.locator("#new-goal")).to_have_count(0)
    assert browser_errors.messages == []
