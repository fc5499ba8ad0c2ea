from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edusalud.accounts.enums import Role


class User(AbstractUser):
    """A person who logs in. What they may see comes from their role assignments."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleAssignment(models.Model):
    """One role of a user, with the part of the institution it covers.

    A national role covers everything; a regional role one region; a site role
    one site; a professor role one programme. The resident role covers the
    user's own record (residents.Person.user), so it needs no target.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    region = models.ForeignKey(
        "catalog.Region", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("region")
    )
    site = models.ForeignKey(
        "catalog.Site", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("site")
    )
    programme = models.ForeignKey(
        "catalog.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("programme"),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # Each role names exactly the target its scope needs, nothing else.
            models.CheckConstraint(
                name="role_assignment_target_matches_role",
                condition=(
                    Q(
                        role__in=[Role.NATIONAL, Role.RESIDENT],
                        region__isnull=True,
                        site__isnull=True,
                        programme__isnull=True,
                    )
                    | Q(
                        role=Role.REGIONAL,
                        region__isnull=False,
                        site__isnull=True,
                        programme__isnull=True,
                    )
                    | Q(
                        role=Role.SITE,
                        region__isnull=True,
                        site__isnull=False,
                        programme__isnull=True,
                    )
                    | Q(
                        role=Role.PROFESSOR,
                        region__isnull=True,
                        site__isnull=True,
                        programme__isnull=False,
                    )
                ),
            ),
            # One assignment per target; written per role because SQLite has no
            # NULLS NOT DISTINCT, and the unused targets are NULL.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=[Role.NATIONAL, Role.RESIDENT]),
                name="role_assignment_unique_untargeted",
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(role=Role.REGIONAL),
                name="role_assignment_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "site"],
                condition=Q(role=Role.SITE),
                name="role_assignment_unique_site",
            ),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=Q(role=Role.PROFESSOR),
                name="role_assignment_unique_programme",
            ),
        ]

    def __str__(self) -> str:
        target = self.region or self.site or self.programme
        label = self.get_role_display()
        return f"{label}: {target}" if target else str(label)


class ApiToken(models.Model):
    """A secret another system sends as `Authorization: Bearer <token>` to act as its user.

    Only the SHA-256 digest of the secret is stored (decision 0007): the value
    is shown once, when it is created. The prefix is not secret; it lets the
    owner tell their tokens apart.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
