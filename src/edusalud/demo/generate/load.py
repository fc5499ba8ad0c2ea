"""Load and erase the whole demo: the entry points of the command."""

import datetime
import random

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from edusalud.accounts.models import RoleAssignment, User
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    Assignment,
    MatchRun,
    Position,
    Preference,
    ProgrammeRanking,
    RankingPeriod,
)
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.demo.generate.accounts import (
    create_demo_accounts,
    create_demo_applicant,
    demo_usernames,
)
from edusalud.demo.generate.admissions import create_admission_cycle
from edusalud.demo.generate.catalog import create_catalog
from edusalud.demo.generate.conduct import accept_codes
from edusalud.demo.generate.dates import academic_year
from edusalud.demo.generate.figures import FOREIGN_RESIDENTS, RESIDENTS_IN_TRAINING
from edusalud.demo.generate.people import (
    PeopleMaker,
    create_past_enrolments,
    create_residents_in_training,
)
from edusalud.demo.generate.plans import Progress
from edusalud.demo.generate.practices import create_practices
from edusalud.demo.generate.surveys import create_surveys
from edusalud.demo.generate.training import create_training
from edusalud.practices.models import Post
from edusalud.residents.models import Enrolment, Person
from edusalud.surveys import models as survey_models
from edusalud.surveys.models import Answer, Campaign, Draft, Invitation, Response
from edusalud.training.models import (
    Attendance,
    Certificate,
    CertificateBatch,
    Course,
    Edition,
    Participation,
    ReminderRun,
    Session,
    TrainingRule,
)

# Children first: raw DELETEs meet the foreign keys in this order.
ADMISSIONS_MODELS = (
    Assignment,
    MatchRun,
    Preference,
    ProgrammeRanking,
    Applicant,
    Position,
    RankingPeriod,
    AdmissionCycle,
)
SURVEY_MODELS = (
    survey_models.PlanComment,
    survey_models.PlanAction,
    survey_models.PlanGoal,
    survey_models.ImprovementPlan,
    survey_models.FlagThresholds,
    Answer,
    Response,
    Draft,
    Invitation,
    survey_models.ReminderRun,
    Campaign.instruments.through,
    Campaign,
)
TRAINING_MODELS = (
    # Posts name competency areas of training, and their authors are demo users.
    Post.areas.through,
    Post,
    ReminderRun,
    TrainingRule,
    CertificateBatch,
    Attendance,
    Certificate,
    Participation,
    Session,
    Edition,
    Course.areas.through,
    Course,
)


def database_has_data() -> bool:
    return Site.objects.exists() or Person.objects.exists() or Specialty.objects.exists()


def load_demo(
    *,
    scale: float,
    seed: int,
    today: datetime.date | None = None,
    on_progress: Progress | None = None,
) -> None:
    """Create the whole dataset on an empty database. Writes one transaction per phase."""
    today = today or timezone.localdate()
    progress = on_progress or (lambda phase, done, total: None)
    opened = academic_year(today)
    n_training = round(RESIDENTS_IN_TRAINING * scale)
    n_foreign = round(FOREIGN_RESIDENTS * scale)
    people = PeopleMaker(random.Random(f"{seed}:people"))

    with transaction.atomic():
        catalog = create_catalog(random.Random(f"{seed}:catalog"), opened=opened)
    progress("catalog", 1, 1)
    with transaction.atomic():
        create_residents_in_training(
            random.Random(f"{seed}:training"),
            catalog,
            people,
            opened=opened,
            n_training=n_training,
            n_foreign=n_foreign,
            progress=progress,
        )
    with transaction.atomic():
        create_past_enrolments(
            random.Random(f"{seed}:past"),
            catalog,
            people,
            today=today,
            n_training=n_training,
            n_foreign=n_foreign,
            progress=progress,
        )
    with transaction.atomic():
        demo_applicant = create_admission_cycle(
            random.Random(f"{seed}:admissions"),
            catalog,
            people,
            today=today,
            opened=opened,
            scale=scale,
            progress=progress,
        )
    with transaction.atomic():
        create_demo_accounts(catalog)
        if demo_applicant is not None:
            create_demo_applicant(demo_applicant)
    with transaction.atomic():
        # After the accounts: the demo site and resident get editions of their own.
        create_training(
            random.Random(f"{seed}:training-courses"), today=today, scale=scale, progress=progress
        )
    with transaction.atomic():
        create_practices(random.Random(f"{seed}:practices"), today=today)
        accept_codes(today=today)
    with transaction.atomic():
        create_surveys(
            random.Random(f"{seed}:surveys"), today=today, opened=opened, progress=progress
        )


def erase_demo_data() -> None:
    """Delete every catalog and residents row, their history, and the demo users.

    Raw DELETEs: the ORM would load every row to send signals, and
    django-simple-history would answer each one with a "deleted" history row.
    Role assignments that point at the catalog go too (the ORM would cascade).
    """
    with transaction.atomic():
        RoleAssignment.objects.filter(
            Q(region__isnull=False) | Q(site__isnull=False) | Q(programme__isnull=False)
        ).delete()
        with connection.cursor() as cursor:
            for model in (
                *ADMISSIONS_MODELS,
                *SURVEY_MODELS,
                *TRAINING_MODELS,
                Enrolment,
                Person,
                Programme,
                Site,
                Specialty,
                Region,
            ):
                tables = [model._meta.db_table]
                if hasattr(model, "history"):
                    tables.append(model.history.model._meta.db_table)
                for table in tables:
                    # Table names come from our models, never from input.
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # nosec B608
        User.objects.filter(username__in=demo_usernames()).delete()
