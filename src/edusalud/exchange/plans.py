"""What an import would do, row by row, before anything is written.

An importer reads the whole file into a Plan: the rows to create, to update,
left unchanged, and every error with its row and column. Only a plan without
errors may be applied, and it is applied in one transaction: a file with any
error changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from edusalud.exchange.readers import Table
from edusalud.exchange.resources import FileResource, normalise_header

# Called as progress(done, total) while a long file is read or written.
Progress = Callable[[int, int], None]
# How often progress is reported, in rows.
PROGRESS_EVERY = 500
# How many rows of each kind the preview lists.
SAMPLE_SIZE = 20


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it; 0 for an error about the whole file
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Plan:
    total: int = 0
    created: list[tuple[int, str]] = field(default_factory=list)  # (row, what) samples
    updated: list[tuple[int, str]] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Performs the writes; set by the importer, run by services.apply_plan.
    write: Callable[[], None] | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def add_created(self, row: int, what: str) -> None:
        self.to_create += 1
        if len(self.created) < SAMPLE_SIZE:
            self.created.append((row, what))

    def add_updated(self, row: int, what: str) -> None:
        self.to_update += 1
        if len(self.updated) < SAMPLE_SIZE:
            self.updated.append((row, what))

    def summary(self) -> dict:
        """What the preview and result pages show; JSON-safe, kept on the job."""
        return {
            "total": self.total,
            "to_create": self.to_create,
            "to_update": self.to_update,
            "unchanged": self.unchanged,
            "created": self.created,
            "updated": self.updated,
            "errors": [str(error) for error in self.errors],
            "error_count": len(self.errors),
            "ignored_columns": self.ignored_columns,
        }


def locate_columns(table: Table, resource: type[FileResource], plan: Plan) -> dict[str, int]:
    """Field name → column index; missing required columns become file errors."""
    names = resource.header_names()
    positions: dict[str, int] = {}
    for index, header in enumerate(table.header):
        name = names.get(normalise_header(header))
        if name is None:
            if header:
                plan.ignored_columns.append(header)
            continue
        if name in positions:
            plan.errors.append(
                RowError(
                    0,
                    header,
                    _("The column “%(column)s” appears twice in the header.") % {"column": header},
                )
            )
        positions[name] = index
    for name in resource.required:
        if name not in positions:
            plan.errors.append(
                RowError(
                    0,
                    resource.column_name(name),
                    _("The file has no “%(column)s” column.")
                    % {"column": resource.column_name(name)},
                )
            )
    return positions
