"""Surveys: last academic year's campaign, closed with most residents' answers, and this
year's, open now with under half answered (the demo resident among those who have not).

Answers are drawn per site: each site has a learning climate, each resident an
attitude around it, and every answer follows the attitude, so sites differ the
way a ranking should show (a few fall in PHEEM's "plenty of problems" band).
Rows are written in bulk, not through `surveys.services.submit`: a national
campaign is a million answers.
"""

import datetime
import random
import uuid
from collections import defaultdict

from django.db.models import F

from edusalud.accounts.models import RoleAssignment, User
from edusalud.demo.generate.plans import Progress
from edusalud.surveys import plan_services, plans, services
from edusalud.surveys.defaults import PHEEM, SATISFACTION
from edusalud.surveys.models import (
    Answer,
    Campaign,
    Instrument,
    Invitation,
    Item,
    ItemKind,
    Measure,
    Response,
)

PLAN_GOALS = [
    "Subir al menos medio punto el promedio de esta pregunta en la próxima encuesta.",
    "Que la mayoría de los residentes esté de acuerdo con esta afirmación el próximo año.",
]
PLAN_ACTIONS = [
    "Revisar con los residentes, en una sesión mensual con el profesor titular, qué falla.",
    "Presentar en la sesión general lo que la sede cambió y recoger propuestas.",
]
PLAN_OWNERS = ["Jefatura de enseñanza", "Coordinación clínica de educación"]
LAST_YEAR_RATE = 0.85  # share of the invited who answered last year's campaign
OPEN_RATE = 0.55  # share who have answered the open campaign so far: some sites under 50 %
CHUNK = 1000  # responses per bulk write
COMMENTS = [
    "Me gustaría tener más sesiones académicas con los profesores titulares.",
    "El área de descanso necesita mantenimiento y camas suficientes.",
    "Buena supervisión en las guardias, pero las cargas de trabajo son excesivas.",
    "Los adscritos enseñan con paciencia; falta tiempo protegido para estudiar.",
    "Se necesita mejor acceso a bibliografía y bases de datos.",
    "El trato del personal es respetuoso en general.",
]


def create_surveys(
    rng: random.Random, *, today: datetime.date, opened: int, progress: Progress
) -> None:
    by = User.objects.get(username="nacional")
    instruments = list(Instrument.objects.filter(code__in=[SATISFACTION, PHEEM], version=1))
    last = services.create_campaign(
        by=by,
        name=f"Encuesta anual de residentes {opened - 1}",
        year=opened - 1,
        instruments=instruments,
        opens_on=datetime.date(opened - 1, 10, 1),
        closes_on=datetime.date(opened - 1, 10, 31),
    )
    current = services.create_campaign(
        by=by,
        name=f"Encuesta anual de residentes {opened}",
        year=opened,
        instruments=instruments,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=21),
    )
    climate = defaultdict(lambda: rng.gauss(0, 0.45))  # site -> learning climate
    # The demo site had a poor year, so that `sede` finds it flagged and writes
    # its improvement plan; this year it is recovering.
    demo_site = RoleAssignment.objects.get(user__username="sede").site_id
    climate[demo_site] = -1.1
    items = list(Item.objects.filter(instrument__in=instruments).order_by("instrument", "number"))
    _answer(rng, last, items, climate, rate=LAST_YEAR_RATE, shift=-0.15, day=last.closes_on)
    progress("surveys", 1, 2)
    climate[demo_site] = -0.4
    resident = User.objects.filter(username="residente").values_list("person__pk", flat=True)
    _answer(
        rng, current, items, climate, rate=OPEN_RATE, shift=0.05, day=today, spare=set(resident)
    )
    progress("surveys", 2, 2)
    _plan_sent_for_review(last, demo_site, today=today)


def _plan_sent_for_review(campaign: Campaign, demo_site: int, *, today: datetime.date) -> None:
    """Another flagged site of the demo region has written its plan and sent it for review,
    so that `nacional` has one to review and `regional` one to follow."""
    regional = User.objects.get(username="regional")
    campaign.refresh_from_db()  # its count of answers keys the cached results
    flagged = [f for f in plans.flags(campaign, regional) if f.result.site.pk != demo_site]
    if not flagged:
        return
    plan = plan_services.create_plan(by=regional, campaign=campaign, site=flagged[0].result.site)
    for n, (item_result, mean) in enumerate(plans.weak_items(plan)[:2]):
        goal = plan_services.add_goal(
            by=regional,
            plan=plan,
            item=item_result.item,
            description=PLAN_GOALS[n],
            target=min(4.0, round(mean + 0.5, 1)),
        )
        action = plan_services.add_action(
            by=regional,
            goal=goal,
            description=PLAN_ACTIONS[n],
            owner=PLAN_OWNERS[n],
            due_on=today + datetime.timedelta(days=60 * (n + 1)),
        )
        if n == 0:
            plan_services.update_action(
                by=regional,
                action=action,
                status="in_progress",
                evidence="Calendario de sesiones aprobado por el cuerpo de gobierno.",
            )
    plan_services.submit_plan(by=regional, plan=plan)


def answer_value(rng: random.Random, item: Item, attitude: float) -> int | str | None:
    """A resident's answer to the item, following their attitude (about -2 to 2)."""
    if item.kind == ItemKind.TEXT:
        return rng.choice(COMMENTS) if rng.random() < 0.15 else None
    if item.kind == ItemKind.SCALE:
        return max(0, min(10, round(8.4 + 1.9 * attitude + rng.gauss(0, 1.2))))
    centre = 3.45 if item.measure == Measure.SATISFACTION else 2.3
    value = max(0, min(4, round(centre + 0.9 * attitude + rng.gauss(0, 0.7))))
    return 4 - value if item.reverse else value  # a negative statement, answered as such


def _answer(rng, campaign, items, climate, *, rate, shift, day, spare=frozenset()) -> None:
    invitations = list(
        Invitation.objects.filter(campaign=campaign)
        .exclude(person_id__in=spare)
        .order_by("pk")
        .values_list("pk", "region_id", "site_id", "specialty_id", "year")
    )
    chosen = [row for row in invitations if rng.random() < rate]
    write_responses(
        rng,
        campaign,
        items,
        chosen,
        day=day,
        attitude=lambda site: climate[site] + shift + rng.gauss(0, 0.6),
    )


def write_responses(rng, campaign, items, rows, *, day: datetime.date, attitude) -> None:
    """Responses of the invitations `rows` (pk, region, site, specialty, year) in bulk.

    Marks the invitations answered and moves the campaign's count on, as
    `surveys.services.submit` does one at a time; `attitude(site)` draws a
    resident's attitude. Also the data of bench/survey_results.py.
    """
    for start in range(0, len(rows), CHUNK):
        batch = rows[start : start + CHUNK]
        responses, answers = [], []
        for _pk, region, site, specialty, year in batch:
            response = Response(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                campaign=campaign,
                submitted_on=day - datetime.timedelta(days=rng.randrange(14)),
                region_id=region,
                site_id=site,
                specialty_id=specialty,
                year=year,
            )
            responses.append(response)
            mood = attitude(site)
            for item in items:
                value = answer_value(rng, item, mood)
                if value is None:
                    continue
                if item.kind == ItemKind.TEXT:
                    answers.append(Answer(response=response, item=item, text=value))
                else:
                    answers.append(Answer(response=response, item=item, value=value))
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers, batch_size=5000)
        Invitation.objects.filter(pk__in=[row[0] for row in batch]).update(has_answered=True)
    Campaign.objects.filter(pk=campaign.pk).update(submitted=F("submitted") + len(rows))
