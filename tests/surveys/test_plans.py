"""Sites under the thresholds are flagged; their coordinators write plans the national follows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from edusalud.surveys import plan_services, plans, services
from edusalud.surveys.models import ImprovementPlan, PlanStatus
from tests.surveys.conftest import TODAY, answer_all, instruments
from tests.surveys.test_results import _site_residents


@pytest.fixture
def flagged(world, crowd, campaign):
    """Ten answers at the world's site, most would not recommend it (3 of 10)."""
    here = _site_residents(world, crowd)
    answer_all(campaign, here[:7], agree=1, recommend=3)
    answer_all(campaign, [world.classmate, *here[7:9]], agree=3, recommend=9)
    campaign.refresh_from_db()
    return campaign


def test_a_site_under_the_thresholds_is_flagged_with_the_reasons(world, flagged):
    (flag,) = plans.flags(flagged, world.users["national"])
    assert flag.result.site == world.site
    assert "Recomendación 30 % está por debajo de 70 %" in flag.reasons
    # Every PHEEM scale of those seven is in a low band.
    assert any(reason.startswith("PHEEM Total") for reason in flag.reasons)


def test_thresholds_set_by_the_national_coordinator_decide(world, flagged):
    plan_services.set_thresholds(
        by=world.users["national"],
        min_satisfaction=None,
        min_recommendation=20,
        pheem_lowest_bands=0,
        today=TODAY,
    )
    assert plans.flags(flagged, world.users["national"]) == []
    with pytest.raises(PermissionDenied):
        plan_services.set_thresholds(
            by=world.users["regional"],
            min_satisfaction=90,
            min_recommendation=90,
            pheem_lowest_bands=3,
            today=TODAY,
        )


def test_a_hidden_site_is_never_flagged(world, crowd, campaign):
    answer_all(campaign, _site_residents(world, crowd)[:4], agree=0, recommend=0)
    campaign.refresh_from_db()
    assert plans.flags(campaign, world.users["national"]) == []
    with pytest.raises(ValidationError):
        plan_services.create_plan(by=world.users["site"], campaign=campaign, site=world.site)


def test_the_whole_plan_from_goal_to_review(world, flagged):
    site_user, national = world.users["site"], world.users["national"]
    with pytest.raises(PermissionDenied):
        plan_services.create_plan(by=world.users["other_site"], campaign=flagged, site=world.site)
    plan = plan_services.create_plan(by=site_user, campaign=flagged, site=world.site)
    with pytest.raises(ValidationError, match="ya tiene un plan"):
        plan_services.create_plan(by=site_user, campaign=flagged, site=world.site)

    (weakest, mean), *_ = plans.weak_items(plan)
    assert mean == pytest.approx((7 * 1 + 3 * 3) / 10) or weakest.item.reverse
    with pytest.raises(ValidationError) as error:
        plan_services.add_goal(
            by=site_user, plan=plan, item=weakest.item, description="x", target=mean
        )
    assert "target" in error.value.message_dict
    with pytest.raises(ValidationError, match="al menos una meta"):
        plan_services.submit_plan(by=site_user, plan=plan)
    goal = plan_services.add_goal(
        by=site_user, plan=plan, item=weakest.item, description="Tutorías", target=3.0
    )
    assert goal.baseline == pytest.approx(mean)
    with pytest.raises(ValidationError, match="al menos una acción"):
        plan_services.submit_plan(by=site_user, plan=plan)
    action = plan_services.add_action(
        by=site_user, goal=goal, description="Sesión mensual", owner="Jefatura", due_on=TODAY
    )
    with pytest.raises(ValidationError) as error:
        plan_services.update_action(by=site_user, action=action, status="done", evidence=" ")
    assert "evidence" in error.value.message_dict
    plan_services.submit_plan(by=site_user, plan=plan)
    with pytest.raises(ValidationError, match="ya no pueden cambiar"):
        plan_services.add_goal(
            by=site_user, plan=plan, item=weakest.item, description="y", target=4
        )

    with pytest.raises(PermissionDenied):
        plan_services.review_plan(by=site_user, plan=plan, approve=True, comment="")
    with pytest.raises(ValidationError):
        plan_services.review_plan(by=national, plan=plan, approve=False, comment="")
    plan_services.review_plan(by=national, plan=plan, approve=False, comment="Precise los plazos.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert plan.comments.get().text == "Precise los plazos."
    # Returned: editable again; progress is recorded at any time.
    plan_services.update_action(by=site_user, action=action, status="done", evidence="Listas")
    plan_services.submit_plan(by=site_user, plan=plan)
    plan_services.review_plan(by=national, plan=plan, approve=True, comment="")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.history.count() >= 4


def test_next_years_results_show_after_for_each_goal(world, crowd, flagged):
    site_user = world.users["site"]
    plan = plan_services.create_plan(by=site_user, campaign=flagged, site=world.site)
    satisfied = next(r for r, _mean in plans.weak_items(plan) if r.item.measure == "satisfaction")
    goal = plan_services.add_goal(
        by=site_user, plan=plan, item=satisfied.item, description="Satisfacción", target=3.0
    )
    assert plans.before_and_after(plan) == {goal.pk: None}
    later = services.create_campaign(
        by=world.users["national"],
        name="Encuesta 2027",
        year=2027,
        instruments=instruments(),
        opens_on=TODAY,
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    answer_all(later, [world.classmate, *_site_residents(world, crowd)[:9]], agree=4, recommend=9)
    later.refresh_from_db()
    assert plans.before_and_after(plan) == {goal.pk: 4.0}


# Pages


def test_the_site_coordinator_writes_the_plan_in_the_pages(client, world, flagged):
    client.force_login(world.users["site"])
    listing = client.get(reverse("surveys:plan_list")).content.decode()
    assert "Escribir el plan" in listing
    created = client.post(
        reverse("surveys:plan_create"), {"campaign": flagged.pk, "site": world.site.clues}
    )
    plan = ImprovementPlan.objects.get()
    assert created.url == reverse("surveys:plan_detail", args=[plan.pk])
    url = created.url
    (weakest, _mean), *_ = plans.weak_items(plan)
    bad = client.post(
        url, {"operation": "goal", "item": weakest.item.pk, "description": "x", "target": "9"}
    )
    assert bad.status_code == 400
    assert not plan.goals.exists()
    client.post(
        url,
        {"operation": "goal", "item": weakest.item.pk, "description": "Tutorías", "target": "3.5"},
    )
    goal = plan.goals.get()
    client.post(
        url,
        {
            "operation": "action",
            "goal": goal.pk,
            "description": "Sesión mensual",
            "owner": "Jefatura",
            "due_on": "2027-02-01",
        },
    )
    client.post(url, {"operation": "submit"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    page = client.get(url).content.decode()
    assert "Tutorías" in page
    assert "Sesión mensual" in page

    client.force_login(world.users["national"])
    client.post(url, {"operation": "review", "decision": "approve", "text": "Bien planteado."})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_other_coordinators_and_residents_never_see_the_plan(client, world, flagged):
    plan = plan_services.create_plan(by=world.users["site"], campaign=flagged, site=world.site)
    url = reverse("surveys:plan_detail", args=[plan.pk])
    for role in ("other_site", "professor", "resident"):
        client.force_login(world.users[role])
        assert client.get(url).status_code == 404
        assert client.post(url, {"operation": "comment", "text": "hola"}).status_code == 404
    assert not plan.comments.exists()


def test_a_refused_action_update_is_shown_on_its_row_with_what_was_chosen(client, world, flagged):
    site_user = world.users["site"]
    plan = plan_services.create_plan(by=site_user, campaign=flagged, site=world.site)
    (weakest, _mean), *_ = plans.weak_items(plan)
    goal = plan_services.add_goal(
        by=site_user, plan=plan, item=weakest.item, description="Tutorías", target=3.5
    )
    action = plan_services.add_action(
        by=site_user, goal=goal, description="Sesión", owner="Jefatura", due_on=TODAY
    )
    client.force_login(site_user)
    response = client.post(
        reverse("surveys:plan_detail", args=[plan.pk]),
        {"operation": "update", "action": action.pk, "status": "done", "evidence": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="refused-{action.pk}">Describa la evidencia' in page
    assert '<option value="done" selected>' in page
    action.refresh_from_db()
    assert action.status == "pending"
