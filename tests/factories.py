"""Factories for real rows. CURPs are built valid, check digit included."""

import datetime
import itertools

import factory
from stdnum.mx import curp as stdnum_curp

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.catalog.enums import CareLevel, EntryKind, SiteKind
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person

_curp_counter = itertools.count(1)
_LETTERS = "BCDFGHJKLMNPQRSTVWXYZ"


def make_curp(*, birth_date: datetime.date, sex: str, state: str = "DF") -> str:
    """A valid, unique CURP for the given birth date and sex."""
    n = next(_curp_counter)
    name = "GA" + _LETTERS[n % 21] + _LETTERS[(n // 21) % 21]
    consonants = _LETTERS[(n // 441) % 21] + _LETTERS[(n // 9261) % 21] + "Z"
    homoclave = "0" if birth_date.year < 2000 else "A"
    body = (
        name
        + birth_date.strftime("%y%m%d")
        + ("M" if sex == Sex.FEMALE else "H")
        + state
        + consonants
        + homoclave
    )
    return body + stdnum_curp.calc_check_digit(body)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Región {n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    clues = factory.Sequence(lambda n: f"DFIMS{n:06d}")
    name = factory.Sequence(lambda n: f"Hospital General de Zona No. {n}")
    kind = SiteKind.HGZ
    care_level = CareLevel.SECOND
    region = factory.SubFactory(RegionFactory)
    beds = 120


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty

    code = factory.Sequence(lambda n: f"SP{n}")
    name_es = factory.Sequence(lambda n: f"Especialidad {n}")
    name_en = factory.Sequence(lambda n: f"Specialty {n}")
    entry = EntryKind.DIRECT
    duration_years = 4


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    specialty = factory.SubFactory(SpecialtyFactory)
    site = factory.SubFactory(SiteFactory)
    university = "UNAM"
    yearly_positions = 10


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_names = factory.Sequence(lambda n: f"Nombre{n}")
    last_name = "García"
    second_last_name = "López"
    sex = Sex.FEMALE
    birth_date = datetime.date(1995, 5, 17)
    curp = factory.LazyAttribute(lambda p: make_curp(birth_date=p.birth_date, sex=p.sex))
    email = factory.Sequence(lambda n: f"persona{n}@example.mx")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    year = 1
    started_on = datetime.date(2026, 3, 1)
    status = EnrolmentStatus.ACTIVE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ana"
    last_name = "Pérez"
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")


def user_with_role(role: str, **target) -> User:
    user = UserFactory()
    user.save()
    RoleAssignment.objects.create(user=user, role=role, **target)
    return user


def national_user() -> User:
    return user_with_role(Role.NATIONAL)


def grant_import(user: User) -> User:
    """Give the explicit permission to import files (exchange.import_files)."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(codename="import_files", content_type__app_label="exchange")
    )
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached
