"""One demo account per role."""

from django.contrib.auth.models import Permission

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.catalog.models import Programme
from edusalud.demo import data
from edusalud.demo.generate.plans import Catalog
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import MEXICO, Person


def create_demo_accounts(catalog: Catalog) -> None:
    """One user per role around Anesthesiology at the demo site, and the superuser.

    Existing users with these usernames are reused and get the demo password.
    """
    programme = Programme.objects.select_related("site").get(
        pk=catalog.programmes[catalog.demo_programme].id
    )
    targets = {
        Role.NATIONAL: {},
        Role.REGIONAL: {"region_id": programme.site.region_id},
        Role.SITE: {"site": programme.site},
        Role.PROFESSOR: {"programme": programme},
        Role.RESIDENT: {},
    }
    # The demo resident is the first place planned: the earliest Mexican row there.
    resident = (
        Person.objects.filter(
            nationality=MEXICO,
            enrolments__programme=programme,
            enrolments__status=EnrolmentStatus.ACTIVE,
        )
        .order_by("pk")
        .first()
    )
    # Importing files is granted explicitly; the demo coordinators have it.
    may_import = Permission.objects.get(codename="import_files", content_type__app_label="exchange")
    for demo in (*data.DEMO_USERS, data.SUPERUSER):
        person = resident if demo.role == Role.RESIDENT else None
        user = save_demo_user(demo, person=person)
        RoleAssignment.objects.create(user=user, role=demo.role, **targets[demo.role])
        if demo.role in (Role.NATIONAL, Role.REGIONAL, Role.SITE):
            user.user_permissions.add(may_import)
        if person:
            person.user = user
            person._change_reason = "demo user"
            person.save(update_fields=["user"])


def save_demo_user(demo: data.DemoUser, *, person: Person | None) -> User:
    user = User.objects.filter(username=demo.username).first() or User(username=demo.username)
    user.first_name = person.first_names if person else demo.first_name
    user.last_name = f"{person.last_name} {person.second_last_name}" if person else demo.last_name
    user.email = person.email if person else f"{demo.username}@example.com"
    user.is_staff = user.is_superuser = demo is data.SUPERUSER
    user.set_password(data.DEMO_PASSWORD)
    user.save()
    user.role_assignments.all().delete()
    return user


def demo_accounts() -> list[tuple[User, RoleAssignment]]:
    """The demo users that exist, with their role, in the order of data.DEMO_USERS."""
    order = demo_usernames()
    assignments = RoleAssignment.objects.filter(user__username__in=order).select_related(
        "user", "region", "site", "programme__specialty", "programme__site"
    )
    rows = [(assignment.user, assignment) for assignment in assignments]
    return sorted(rows, key=lambda row: (order.index(row[0].username), row[1].pk))


def demo_usernames() -> list[str]:
    return [user.username for user in (*data.DEMO_USERS, data.SUPERUSER, data.APPLICANT)]


def create_demo_applicant(applicant) -> User:
    """The applicant's account: they rank the sites of their specialty."""
    user = save_demo_user(data.APPLICANT, person=applicant.person)
    applicant.person.user = user
    applicant.person._change_reason = "demo user"
    applicant.person.save(update_fields=["user"])
    return user
