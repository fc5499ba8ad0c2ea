"""Plain data passed between the phases of the demo: plans of sites and programmes."""

from collections.abc import Callable
from dataclasses import dataclass

from edusalud.catalog.enums import CareLevel, SiteKind

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class SitePlan:
    kind: str
    name: str
    state: str
    focus: str  # UMAE focus letters (data.UMAE); empty for other sites
    size: float  # relative size of its courses
    clues: str
    beds: int
    university: str

    @property
    def care_level(self) -> int:
        return {
            SiteKind.UMAE: CareLevel.THIRD,
            SiteKind.HGR: CareLevel.SECOND,
            SiteKind.HGZ: CareLevel.SECOND,
        }.get(self.kind, CareLevel.FIRST)


@dataclass(frozen=True)
class ProgrammePlan:
    """What the people phases need to know of a saved programme: plain data."""

    id: int
    specialty: str  # code
    years: int
    prior_years: int  # years of prerequisite specialties before it (0: direct entry)
    state: str  # of its site
    positions: int


@dataclass(frozen=True)
class Catalog:
    programmes: tuple[ProgrammePlan, ...]
    demo_programme: int  # index in programmes: Anesthesiology at the demo site
