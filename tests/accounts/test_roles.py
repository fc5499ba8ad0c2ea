import pytest
from django.db import IntegrityError

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment
from edusalud.accounts.selectors import scope_of
from tests.factories import RegionFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_regional_role_without_a_region_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role=Role.REGIONAL)


def test_a_site_role_with_a_region_too_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(
            user=UserFactory(), role=Role.SITE, site=SiteFactory(), region=RegionFactory()
        )


def test_the_same_site_role_twice_is_refused_by_the_database():
    user, site = UserFactory(), SiteFactory()
    RoleAssignment.objects.create(user=user, role=Role.SITE, site=site)

    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=user, role=Role.SITE, site=site)


def test_scope_is_the_union_of_the_roles():
    user = UserFactory()
    first, second = SiteFactory(), SiteFactory()
    RoleAssignment.objects.create(user=user, role=Role.SITE, site=first)
    RoleAssignment.objects.create(user=user, role=Role.SITE, site=second)

    scope = scope_of(user)

    assert scope.site_ids == {first.pk, second.pk}
    assert not scope.is_national


def test_an_inactive_user_has_no_scope():
    user = UserFactory(is_active=False)
    RoleAssignment.objects.create(user=user, role=Role.NATIONAL)

    assert scope_of(user).is_empty
