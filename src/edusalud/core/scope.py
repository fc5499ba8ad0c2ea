"""What part of the institution a user may see, as plain data.

Built once per request by accounts.selectors.scope_of(); every selector that
returns rows filters by it, so the scope rules live in one place per model.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scope:
    is_national: bool = False
    region_ids: frozenset[int] = field(default_factory=frozenset)
    site_ids: frozenset[int] = field(default_factory=frozenset)
    programme_ids: frozenset[int] = field(default_factory=frozenset)
    # The user id whose own resident record is visible (the "self" scope).
    self_user_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.is_national
            or self.region_ids
            or self.site_ids
            or self.programme_ids
            or self.self_user_id
        )

    @property
    def is_coordinator(self) -> bool:
        """National, regional or site coordinator: looks after a part of the institution."""
        return self.is_national or bool(self.region_ids) or bool(self.site_ids)

    @property
    def sees_dashboards(self) -> bool:
        """Coordinators read indicators; professors and residents do not."""
        return self.is_coordinator
