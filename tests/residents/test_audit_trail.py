"""Every way of writing a person or an enrolment leaves history: who, and why.

One parametrised case per write path. A path may first arrange what it needs
(rows created then are not its writes), then writes as some user and returns
that user; the test checks that every history row written by the write
(people and enrolments) names that user and a reason.

To add a path, write one more function and one more `WritePath` in WRITE_PATHS.
The last two tests fail when a service, or a transition on the pages or the
API, has no case.
"""

import datetime
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from edusalud.accounts.models import User
from edusalud.accounts.tokens import create_api_token
from edusalud.exchange import services as exchange
from edusalud.exchange.models import ImportStatus
from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from edusalud.residents.transitions import TRANSITIONS
from tests.conftest import World
from tests.exchange.test_resident_import import csv_bytes, curp_for, row
from tests.factories import PersonFactory, ProgrammeFactory, make_curp

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1996, 2, 29)


@dataclass
class Context:
    client: Client
    world: World
    admin: User  # a superuser, for the admin's paths


def _nothing(ctx: Context) -> None:
    return None


@dataclass(frozen=True)
class WritePath:
    name: str
    write: Callable[[Context, object], User]  # writes, and returns the acting user
    arrange: Callable[[Context], object] = _nothing  # its result is the write's 2nd argument


def _new_person_data() -> dict:
    return {
        "first_names": "Marisol",
        "last_name": "Ortega",
        "second_last_name": "Ruiz",
        "curp": make_curp(birth_date=BIRTH, sex=Sex.FEMALE),
        "nationality": "MX",
        "sex": Sex.FEMALE,
        "birth_date": BIRTH,
    }


# --- The coordinators' pages -------------------------------------------------


def page_register_resident(ctx: Context, arranged) -> User:
    user = ctx.world.users["site"]
    ctx.client.force_login(user)
    data = _new_person_data() | {
        "birth_date": BIRTH.isoformat(),
        "site": ctx.world.programme.site.clues,
        "specialty": ctx.world.programme.specialty_id,
        "year": "1",
        "started_on": "2026-03-01",
    }
    response = ctx.client.post(reverse("residents:resident_create"), data)
    assert response.status_code == 302, response.content.decode()
    return user


def _prepare_transition(world: World, action: str) -> dict:
    """Put the classmate (an active R1 of a four-year course) where `action` applies.

    Returns the fields the action takes (the page prefixes them with its form's name).
    """
    enrolment = world.classmate
    # Plain UPDATEs: the arrangement itself must leave no history.
    state = Enrolment.objects.filter(pk=enrolment.pk)
    if action == "return":
        state.update(status=EnrolmentStatus.ON_LEAVE)
    elif action == "graduate":
        state.update(year=enrolment.programme.specialty.duration_years)
    elif action == "hiring":
        state.update(status=EnrolmentStatus.GRADUATED, ended_on=datetime.date(2026, 2, 28))
    return {
        "transfer": {"site": ProgrammeFactory(specialty=enrolment.programme.specialty).site.clues},
        "withdraw": {"reason": "Renuncia voluntaria"},
        "graduate": {"on": "2026-02-28"},
        "hiring": {"is_hired": True, "hired_on": "2026-03-16"},
    }.get(action, {})


def page_transition(action: str) -> WritePath:
    def write(ctx: Context, fields: dict) -> User:
        user = ctx.world.users["regional"]
        ctx.client.force_login(user)
        url = reverse("residents:enrolment_transition", args=[ctx.world.classmate.pk, action])
        prefix = f"{action}-{ctx.world.classmate.pk}-"
        data = {prefix + name: "yes" if value is True else value for name, value in fields.items()}
        response = ctx.client.post(url, data)
        assert response.status_code == 302, response.content.decode()
        return user

    return WritePath(
        f"page: {action}", write, arrange=lambda ctx: _prepare_transition(ctx.world, action)
    )


def page_pseudonymise(ctx: Context, arranged) -> User:
    user = ctx.world.users["national"]
    ctx.client.force_login(user)
    url = reverse("residents:person_pseudonymise", args=[ctx.world.classmate.person_id])
    response = ctx.client.post(url, {"reason": "ARCO-2026-0007", "is_confirmed": "on"})
    assert response.status_code == 302, response.content.decode()
    return user


# --- The admin ---------------------------------------------------------------


def _admin_person_form(person: Person | None = None, **overrides) -> dict:
    data = _new_person_data() | {
        "birth_date": BIRTH.isoformat(),
        "passport_number": "",
        "email": "",
        "user": "",
        "enrolments-TOTAL_FORMS": "0",
        "enrolments-INITIAL_FORMS": "0",
    }
    if person is not None:
        data |= {
            "first_names": person.first_names,
            "last_name": person.last_name,
            "second_last_name": person.second_last_name,
            "curp": person.curp,
            "birth_date": person.birth_date.isoformat(),
            "sex": person.sex,
            "enrolments-TOTAL_FORMS": str(person.enrolments.count()),
            "enrolments-INITIAL_FORMS": str(person.enrolments.count()),
        }
        for i, enrolment in enumerate(person.enrolments.all()):
            data[f"enrolments-{i}-id"] = str(enrolment.pk)
            data[f"enrolments-{i}-person"] = str(person.pk)
    return data | overrides


def _as_admin(ctx: Context, url: str, data: dict) -> User:
    ctx.client.force_login(ctx.admin)
    response = ctx.client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    return ctx.admin


def admin_add_person(ctx: Context, arranged) -> User:
    return _as_admin(ctx, reverse("admin:residents_person_add"), _admin_person_form())


def admin_change_person(ctx: Context, arranged) -> User:
    person = ctx.world.classmate.person
    url = reverse("admin:residents_person_change", args=[person.pk])
    return _as_admin(ctx, url, _admin_person_form(person, email="nuevo@example.mx"))


def _changed_person(ctx: Context) -> Person:
    person = ctx.world.classmate.person
    return services.change_person(by=None, person=person, email="otro@example.mx")


def admin_revert_person(ctx: Context, person: Person) -> User:
    first = person.history.earliest()
    url = reverse("admin:residents_person_simple_history", args=[person.pk, first.history_id])
    return _as_admin(ctx, url, _admin_person_form(person, email=first.email))


def admin_delete_person(ctx: Context, person: Person) -> User:
    url = reverse("admin:residents_person_delete", args=[person.pk])
    return _as_admin(ctx, url, {"post": "yes"})


def admin_delete_action(ctx: Context, people: list[Person]) -> User:
    data = {
        "action": "delete_selected",
        "_selected_action": [str(p.pk) for p in people],
        "post": "yes",
    }
    return _as_admin(ctx, reverse("admin:residents_person_changelist"), data)


# --- The REST API, with another system's token --------------------------------


def _api(ctx: Context, user: User, method: str, url: str, data: dict | None = None) -> User:
    _, secret = create_api_token(user=user, name="audit")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = getattr(client, method)(url, data, format="json")
    assert response.status_code in (200, 201), response.content.decode()
    return user


def api_admit_resident(ctx: Context, arranged) -> User:
    data = _new_person_data() | {
        "birth_date": BIRTH.isoformat(),
        "site": ctx.world.programme.site.clues,
        "specialty": ctx.world.programme.specialty.code,
        "year": 1,
        "started_on": "2026-03-01",
    }
    return _api(ctx, ctx.world.users["site"], "post", reverse("residents:api-person-list"), data)


def api_change_person(ctx: Context, arranged) -> User:
    url = reverse("residents:api-person-detail", args=[ctx.world.classmate.person_id])
    return _api(ctx, ctx.world.users["site"], "patch", url, {"email": "api@example.mx"})


def api_change_enrolment(ctx: Context, arranged) -> User:
    url = reverse("residents:api-enrolment-detail", args=[ctx.world.classmate.pk])
    return _api(ctx, ctx.world.users["site"], "patch", url, {"year": 2})


def api_transition(action: str) -> WritePath:
    def write(ctx: Context, fields: dict) -> User:
        url = reverse(f"residents:api-enrolment-{action}", args=[ctx.world.classmate.pk])
        return _api(ctx, ctx.world.users["regional"], "post", url, fields)

    return WritePath(
        f"api: {action}", write, arrange=lambda ctx: _prepare_transition(ctx.world, action)
    )


# --- A file, through the import pages' services --------------------------------


def file_import(ctx: Context, arranged) -> User:
    user = ctx.world.users["site"]
    programme = ctx.world.programme
    content = csv_bytes(
        row(curp_for(), clues=programme.site.clues, specialty=programme.specialty.code)
    )
    job = exchange.create_import(by=user, kind="residents", filename="sede.csv", content=content)
    assert exchange.check_import(job).status == ImportStatus.READY, job.summary
    exchange.confirm_import(by=user, job=job)
    assert exchange.run_import(job).status == ImportStatus.DONE
    return user


# --- The services, as the API, imports and commands call them ----------------


def _service(name: str, call: Callable[[World, User, object], object]) -> WritePath:
    def write(ctx: Context, arranged) -> User:
        user = ctx.world.users["national"]
        call(ctx.world, user, arranged)
        return user

    return WritePath(f"service: {name}", write, arrange=SERVICE_ARRANGEMENTS.get(name, _nothing))


def _imported(world: World, user: User, arranged) -> None:
    person = Person(**_new_person_data())
    enrolment = Enrolment(
        person=person, programme=world.programme, year=1, started_on=datetime.date(2026, 3, 1)
    )
    changed = world.classmate.person
    changed.email = "importado@example.mx"
    services.save_imported(
        by=user, new_enrolments=[enrolment], changed_people=[changed], changed_enrolments=[]
    )


# What a service needs first, made without history where the service's state allows.
SERVICE_ARRANGEMENTS = {
    "enroll_resident": lambda ctx: PersonFactory(),
    "enroll_admitted": lambda ctx: PersonFactory(),
    "give_accounts": lambda ctx: PersonFactory(email="aspirante@example.mx"),
    "return_from_leave": lambda ctx: _prepare_transition(ctx.world, "return"),
    "transfer_resident": lambda ctx: (
        ProgrammeFactory(specialty=ctx.world.classmate.programme.specialty).site
    ),
    "graduate_resident": lambda ctx: _prepare_transition(ctx.world, "graduate"),
    "record_hiring_outcome": lambda ctx: _prepare_transition(ctx.world, "hiring"),
}

SERVICE_CALLS = {
    "register_person": lambda w, u, arranged: services.register_person(by=u, **_new_person_data()),
    "enroll_resident": lambda w, u, arranged: services.enroll_resident(
        by=u,
        person=arranged,
        programme=w.programme,
        year=1,
        started_on=datetime.date(2026, 3, 1),
    ),
    "admit_resident": lambda w, u, arranged: services.admit_resident(
        by=u,
        programme=w.programme,
        year=1,
        started_on=datetime.date(2026, 3, 1),
        **_new_person_data(),
    ),
    "promote_resident": lambda w, u, arranged: services.promote_resident(
        by=u, enrolment=w.classmate
    ),
    "put_on_leave": lambda w, u, arranged: services.put_on_leave(by=u, enrolment=w.classmate),
    "return_from_leave": lambda w, u, arranged: services.return_from_leave(
        by=u, enrolment=w.classmate
    ),
    "withdraw_resident": lambda w, u, arranged: services.withdraw_resident(
        by=u, enrolment=w.classmate, reason="Renuncia"
    ),
    "transfer_resident": lambda w, u, arranged: services.transfer_resident(
        by=u,
        enrolment=w.classmate,
        to_site=arranged,
    ),
    "graduate_resident": lambda w, u, arranged: services.graduate_resident(
        by=u, enrolment=w.classmate
    ),
    "record_hiring_outcome": lambda w, u, arranged: services.record_hiring_outcome(
        by=u, enrolment=w.classmate, is_hired=True, hired_on=datetime.date(2026, 3, 16)
    ),
    "save_imported": _imported,
    "enroll_admitted": lambda w, u, arranged: services.enroll_admitted(
        by=u,
        enrolments=[
            Enrolment(
                person=arranged, programme=w.programme, year=1, started_on=datetime.date(2027, 3, 1)
            )
        ],
    ),
    # The acting user registers themselves: the account has no record yet.
    "register_own_person": lambda w, u, arranged: services.register_own_person(
        user=u, **_new_person_data()
    ),
    "create_people": lambda w, u, arranged: services.create_people(
        by=u, people=[Person(**_new_person_data())], reason="imported"
    ),
    "give_accounts": lambda w, u, arranged: services.give_accounts(
        by=u, people=[arranged], reason="account for an applicant"
    ),
    "change_person": lambda w, u, arranged: services.change_person(
        by=u, person=w.classmate.person, email="cambio@example.mx"
    ),
    "change_enrolment": lambda w, u, arranged: services.change_enrolment(
        by=u, enrolment=w.classmate, year=2
    ),
    "pseudonymise_person": lambda w, u, arranged: services.pseudonymise_person(
        by=u, person=w.classmate.person, reason="ARCO-2026-0008"
    ),
}

WRITE_PATHS = [
    WritePath("page: register resident", page_register_resident),
    *[page_transition(action) for action in TRANSITIONS],
    WritePath("page: pseudonymise", page_pseudonymise),
    WritePath("admin: add person", admin_add_person),
    WritePath("admin: change person", admin_change_person),
    WritePath("admin: revert person to a past version", admin_revert_person, _changed_person),
    WritePath("admin: delete person", admin_delete_person, lambda ctx: PersonFactory()),
    WritePath(
        "admin: delete selected people (action)",
        admin_delete_action,
        lambda ctx: PersonFactory.create_batch(2),
    ),
    WritePath("api: admit resident", api_admit_resident),
    WritePath("api: change person", api_change_person),
    WritePath("api: change enrolment", api_change_enrolment),
    *[api_transition(action) for action in TRANSITIONS],
    WritePath("file import: residents", file_import),
    *[_service(name, call) for name, call in SERVICE_CALLS.items()],
]


def _history_ids() -> dict:
    return {
        model: set(model.history.values_list("history_id", flat=True))
        for model in (Person, Enrolment)
    }


@pytest.mark.parametrize("path", WRITE_PATHS, ids=lambda path: path.name)
def test_write_path_leaves_history_naming_the_actor_and_a_reason(client, world, admin_user, path):
    ctx = Context(client=client, world=world, admin=admin_user)
    arranged = path.arrange(ctx)
    before = _history_ids()

    actor = path.write(ctx, arranged)

    written = [
        row
        for model in (Person, Enrolment)
        for row in model.history.exclude(history_id__in=before[model]).select_related(
            "history_user"
        )
    ]
    assert written, f"{path.name} left no history"
    assert {row.history_user for row in written} == {actor}
    assert all(row.history_change_reason for row in written)


def test_every_service_has_a_write_path_case():
    # Public functions of residents.services that write (the check_* only read).
    writers = {
        name
        for name, function in inspect.getmembers(services, inspect.isfunction)
        if function.__module__ == services.__name__ and not name.startswith(("_", "check_"))
    }

    assert writers - set(SERVICE_CALLS) == set()


def test_every_transition_has_a_write_path_case_on_the_pages_and_the_api():
    names = {path.name for path in WRITE_PATHS}

    assert {f"{way}: {action}" for way in ("page", "api") for action in TRANSITIONS} <= names
