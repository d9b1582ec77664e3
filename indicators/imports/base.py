"""What every import shares: the problems it reports, the columns it reads, and its summary.

No Django import: the import modules build these, the services write and the
pages and commands print them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ImportKind(enum.StrEnum):
    INDICATORS = "indicators"
    TARGETS = "targets"
    FIGURES = "figures"

    @property
    def label(self) -> str:
        return {"indicators": "Indicators", "targets": "Targets", "figures": "Figures"}[self.value]


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported, where it is, in words a performance officer can act on.

    ``line`` counts the heading row as line 1, as a spreadsheet numbers its rows;
    None for a problem with the whole file. ``column`` is the column's heading.
    """

    message: str
    line: int | None = None
    column: str | None = None
    #: The workbook sheet, named only when a workbook's several sheets were read (figures, benchmarks, breakdowns).
    sheet: str | None = None

    def __str__(self) -> str:
        if self.line is None and self.column is None and self.sheet is None:
            return self.message
        where = [f"Sheet {self.sheet}"] if self.sheet else []
        if self.line is not None:
            where.append(f"line {self.line}" if where else f"Line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}" if where else f"Column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class ImportRejected(Exception):
    """The file was not imported and nothing was written. ``problems`` says why, row by row."""

    def __init__(self, problems: list[Problem], warnings: list[str] | None = None):
        self.problems = problems
        self.warnings = warnings or []
        count = len(problems)
        super().__init__(f"The file was not imported: {count} problem{'s' if count != 1 else ''} to fix.")

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


@dataclass(frozen=True)
class Column:
    """A column an import reads: its code, whether it must be there, and what to write in it.

    ``name`` is the code files have always used (``period_end``); ``heading`` the performance team's
    words the templates print ("Period end"); a file may use either, or one of the ``aliases``.
    ``accepted`` lists the values it takes, in words, for the Read me sheet and the import page.
    """

    name: str
    required: bool
    help: str
    example: str = ""
    heading: str = ""
    accepted: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The heading a template prints."""
        return self.heading or self.name


@dataclass(frozen=True)
class Sheet:
    """One sheet of an import's workbook: its name, its columns and the example rows its template carries."""

    name: str
    columns: list[Column]
    about: str
    examples: list[dict[str, object]] = field(default_factory=list)
    #: False for a sheet a workbook may add beside the import's own (benchmarks, breakdowns).
    main: bool = True


@dataclass
class ImportSummary:
    """What an import did (or, on a dry run, would do)."""

    kind: ImportKind
    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def headline(self) -> str:
        noun = {ImportKind.INDICATORS: "indicator", ImportKind.TARGETS: "target", ImportKind.FIGURES: "figure"}[
            self.kind
        ]
        plural = "s" if self.rows != 1 else ""
        if self.dry_run:
            return (
                f"Checked {self.rows} {noun}{plural} from {self.filename}, and wrote nothing: {self.created} would be "
                f"created, {self.updated} would be updated, {self.unchanged} would stay unchanged."
            )
        return (
            f"Imported {self.rows} {noun}{plural} from {self.filename}: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged."
        )

    def lines(self) -> list[str]:
        """The headline, then what else happened, then the warnings."""
        return [self.headline, *self.notes, *(f"Warning: {warning}" for warning in self.warnings)]

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
