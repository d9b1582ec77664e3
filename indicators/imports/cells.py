"""Reading one row's cells: text, numbers, whole numbers, dates, yes/no and choices.

Each reader returns the value, or None for an empty cell or a bad one; a bad
cell adds a Problem naming the line, the column, what is wrong and how to
write it. ``bad`` holds the columns that failed, so cross-column checks run
only on values that were read.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cyp.limits import limit_problem
from indicators.imports.base import Problem
from indicators.imports.columns import CATALOGUE, FIGURES, TARGETS
from indicators.imports.reading import Month, Row

#: Figures are stored with four decimal places and at most twelve digits before the point.
STORED_PLACES = Decimal("0.0001")
LARGEST = Decimal("1000000000000")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
SPREADSHEET_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NAMES.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTH_NAMES["sept"] = 9
#: "August 2023", "Aug 2023", "Aug-23", "aug 23"
MONTH_IN_WORDS = re.compile(r"^([a-z]+)\.?[\s\-/]*(\d{4}|\d{2})$")
#: "2023-08", "2023/08"
MONTH_IN_NUMBERS = re.compile(r"^(\d{4})[\-/](\d{1,2})$")


#: A column's heading in the templates' words, for a message about a column the file does not have.
TITLES = {column.name: column.title for columns in (FIGURES, TARGETS, CATALOGUE) for column in columns}


def choice_key(text: str) -> str:
    """ "Higher is better" and "higher-is-better" both -> "higher_is_better"."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def show(value: object) -> str:
    """A cell as the person typed it, for messages."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()  # a Month prints as "August 2023"


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def month_in(text: str) -> Month | None:
    """ "August 2023", "Aug 2023", "Aug-23", "2023-08" -> that month; None for anything else."""
    cleaned = text.strip().lower()
    words = MONTH_IN_WORDS.match(cleaned)
    if words and words.group(1) in MONTH_NAMES:
        year = int(words.group(2))
        return Month(year + 2000 if year < 100 else year, MONTH_NAMES[words.group(1)])
    numbers = MONTH_IN_NUMBERS.match(cleaned)
    if numbers and 1 <= int(numbers.group(2)) <= 12:
        return Month(int(numbers.group(1)), int(numbers.group(2)))
    return None


class RowCells:
    """One row's cells and the problems found in them."""

    def __init__(self, row: Row, problems: list[Problem]):
        self.line = row.line
        self.cells = row.cells
        self.problems = problems
        self.bad: set[str] = set()
        self.names = row.names
        self.sheet = row.sheet

    def with_cell(self, column: str, value: object) -> RowCells:
        """The same row with one cell read as ``value``; problems and bad cells are shared with this one."""
        copy = RowCells.__new__(RowCells)
        copy.line, copy.problems, copy.bad = self.line, self.problems, self.bad
        copy.names, copy.sheet = self.names, self.sheet
        copy.cells = {**self.cells, column: value}
        return copy

    def called(self, column: str) -> str:
        """How a message names a column: as the file heads it, else in the templates' words."""
        return self.names.get(column) or TITLES.get(column, column)

    def present(self, column: str) -> bool:
        """True when the file has this column (its cell may still be empty)."""
        return column in self.cells

    def raw(self, column: str) -> object:
        value = self.cells.get(column)
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def is_blank(self, column: str) -> bool:
        return self.raw(column) is None

    def fail(self, column: str | None, message: str) -> None:
        """A problem in this row, naming the column as the file heads it (and the sheet, when several are read)."""
        written = self.names.get(column, column) if column else None
        self.problems.append(Problem(message, line=self.line, column=written, sheet=self.sheet))
        if column:
            self.bad.add(column)

    def _empty(self, column: str, required: bool, needed: str | None) -> None:
        if required:
            self.fail(column, f"this cell is empty; {needed or 'it must be filled in.'}")

    def text(self, column: str, *, required: bool = False, max_length: int | None = None, needed: str | None = None):
        value = self.raw(column)
        if value is None:
            self._empty(column, required, needed)
            return None
        if not isinstance(value, str):
            value = show(value)
        too_long = limit_problem("this cell", value, max_length)
        if too_long:
            self.fail(column, too_long)  # "this cell is 13,204 characters; the limit is 12,000. Shorten it by …"
            return None
        return value

    def number(
        self,
        column: str,
        *,
        required: bool = False,
        percent_sign: bool = False,
        needed: str | None = None,
    ) -> Decimal | None:
        """A number, rounded to the four places figures are stored with.

        Accepts 1,204 and a Unicode minus; a trailing % only where ``percent_sign``
        (the indicator is a percentage).
        """
        value = self.raw(column)
        if value is None:
            self._empty(column, required, needed)
            return None
        if isinstance(value, bool):
            self.fail(column, f"{value} is not a number; write it like 78.9.")
            return None
        if isinstance(value, datetime.date):
            self.fail(column, f"{value.isoformat()} is a date, not a number; write the number, like 78.9.")
            return None
        if not isinstance(value, Decimal):
            number = self._parse_number(column, str(value), percent_sign)
            if number is None:
                return None
        else:
            number = value
        if abs(number) >= LARGEST:
            self.fail(column, f"{show(number)} is too large to be a figure (the largest is 999,999,999,999).")
            return None
        return number.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)

    def _parse_number(self, column: str, text: str, percent_sign: bool) -> Decimal | None:
        if text.upper() in SPREADSHEET_ERRORS:
            self.fail(column, f"\u2018{text}\u2019 is an error from a spreadsheet formula; put the number itself.")
            return None
        cleaned = text.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
        if cleaned.endswith("%"):
            if not percent_sign:
                self.fail(
                    column,
                    f"\u2018{text}\u2019 has a % sign, but this is not a percentage; write the number alone, "
                    f"like {cleaned[:-1] or '31.4'}.",
                )
                return None
            cleaned = cleaned[:-1]
        if THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(",", "")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or "e" in cleaned.lower():
            self.fail(column, f"\u2018{text}\u2019 is not a number; write it like 78.9.")
            return None
        return number

    def whole_number(
        self, column: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        value = self.raw(column)
        if value is None:
            self._empty(column, required, None)
            return None
        text = show(value)
        try:
            number = Decimal(text.replace(",", "")) if not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            self.fail(column, f"\u2018{text}\u2019 is not a whole number; write it like 117.")
            return None
        number = int(number)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.fail(column, f"{number} is out of range: write a whole number from {minimum} to {maximum}.")
            return None
        return number

    def date(self, column: str, *, required: bool = False, needed: str | None = None) -> datetime.date | None:
        """An ISO date (2024-06-30), or a UK day-first one (30/06/2024) as Excel saves dates in a CSV."""
        value = self.raw(column)
        if value is None:
            self._empty(column, required, needed)
            return None
        if isinstance(value, datetime.date):
            return value
        text = show(value)
        day_first = DAY_FIRST.match(text)
        try:
            if day_first:
                day, month, year = (int(part) for part in day_first.groups())
                return datetime.date(year, month, day)
            if re.match(r"^\d{4}-\d{2}-\d{2}([ T]00:00(:00)?)?$", text):
                return datetime.date.fromisoformat(text[:10])
        except ValueError:
            self.fail(column, f"\u2018{text}\u2019 is not a real date; check the day and the month.")
            return None
        self.fail(column, f"\u2018{text}\u2019 is not a date; write it like 2024-06-30.")
        return None

    def period_end(self, column: str, *, required: bool = False) -> tuple[datetime.date | None, Month | None]:
        """The last day of a period, given as a date or as a month (August 2023, Aug-23, 2023-08, an Excel date
        shown as a month): (last day, the month when a month was given)."""
        value = self.raw(column)
        if isinstance(value, Month):
            return month_end(value.year, value.month), value
        if isinstance(value, str) and not DAY_FIRST.match(value.strip()):
            month = month_in(value)
            if month is not None:
                return month_end(month.year, month.month), month
            if not re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
                self.fail(
                    column,
                    f"\u2018{value}\u2019 is not a date or a month; write the period's last day like 2023-08-31, or "
                    "the month like August 2023.",
                )
                return None, None
        return self.date(
            column,
            required=required,
            needed="write the period's last day like 2023-08-31, or the month like August 2023.",
        ), None

    def yes_no(self, column: str) -> bool | None:
        """yes/no (also y/n, true/false, 1/0, x); None for an empty cell."""
        value = self.raw(column)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = show(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        self.fail(column, f"\u2018{show(value)}\u2019 is not yes or no; write yes, or leave the cell empty for no.")
        return None

    def choice(
        self,
        column: str,
        choices,
        *,
        required: bool = False,
        aliases: dict[str, str] | None = None,
        what: str = "value",
        listed: str | None = None,
    ) -> str | None:
        """One of a TextChoices' values; its label and ``aliases`` are accepted too, in any case.

        ``listed`` is what a message says to write (the column's accepted values in words); the codes
        otherwise."""
        if listed is None:
            allowed = [option.value for option in choices]
            listed = ", ".join(allowed[:-1]) + f" or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        value = self.raw(column)
        if value is None:
            self._empty(column, required, f"write {listed}.")
            return None
        if isinstance(value, Month):
            self.fail(column, f"the spreadsheet turned this into a date ({value}); format the column as text.")
            return None
        key = choice_key(show(value))
        accepted = {choice_key(option.value): option.value for option in choices}
        accepted.update({choice_key(option.label): option.value for option in choices})
        accepted.update({choice_key(alias): target for alias, target in (aliases or {}).items()})
        if key in accepted:
            return accepted[key]
        self.fail(column, f"\u2018{show(value)}\u2019 is not a {what}; write {listed}.")
        return None


def unit_range_problem(*, value: Decimal, unit: str, what: str, number: int) -> str | None:
    """Why a value cannot be right for the indicator's unit, or None: a percentage is 0 to 100,
    rates, counts, days, ratios and caseloads are never negative, and a score or a sum of money may be
    anything (Progress 8 goes below zero, a budget can be overspent)."""
    from indicators.enums import Unit

    if unit == Unit.PERCENT and not 0 <= value <= 100:
        return f"indicator {number} is a percentage, so {what} must be between 0 and 100 (you entered {show(value)})."
    never_negative = {
        Unit.RATE_PER_10000: "a rate per 10,000",
        Unit.COUNT: "a count",
        Unit.DAYS: "an average in days",
        Unit.RATIO: "a ratio",
        Unit.PER_FTE: "a caseload per full-time worker",
    }
    if unit in never_negative and value < 0:
        return (
            f"indicator {number} is {never_negative[unit]}, so {what} cannot be negative (you entered {show(value)})."
        )
    return None
