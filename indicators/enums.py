from django.db import models

from indicators import rag


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000"
    SCORE = "score", "Average score"
    COUNT = "count", "Count"
    DAYS = "days", "Average in days"
    RATIO = "ratio", "Ratio"
    CURRENCY = "currency", "Money (£)"
    PER_FTE = "per_fte", "Per full-time equivalent worker"


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = rag.Direction.HIGHER_IS_BETTER.value, "Higher is better"
    LOWER_IS_BETTER = rag.Direction.LOWER_IS_BETTER.value, "Lower is better"
    NONE = rag.Direction.NONE.value, "No direction (monitored)"


class VarianceBasis(models.TextChoices):
    RELATIVE = rag.VarianceBasis.RELATIVE.value, "Per cent of the target (relative)"
    POINTS = rag.VarianceBasis.POINTS.value, "Percentage points (percentages only)"


class VarianceSign(models.TextChoices):
    BETTER_WORSE = rag.VarianceSign.BETTER_WORSE.value, "Better or worse than target (positive is better)"
    ABOVE_BELOW = rag.VarianceSign.ABOVE_BELOW.value, "Above or below target"


DIRECTION_ARROW = {Direction.HIGHER_IS_BETTER: "↑", Direction.LOWER_IS_BETTER: "↓", Direction.NONE: "↕"}


class Frequency(models.TextChoices):
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly"
    TERM = "term", "Termly"
    YEAR = "year", "Yearly"


#: The period words the published report prints ("Current Month", "Previous Term").
FREQUENCY_PERIOD_WORD = {
    Frequency.MONTH: "Month",
    Frequency.QUARTER: "Quarter",
    Frequency.TERM: "Term",
    Frequency.YEAR: "Year",
}


class PeriodBasis(models.TextChoices):
    """What a figure covers. Last N weeks: N is its period's length (period start to end)."""

    IN_PERIOD = "in_period", "In the period"
    YEAR_TO_DATE = "year_to_date", "Year to date (financial year from 1 April)"
    ACADEMIC_YEAR_TO_DATE = "academic_year_to_date", "Year to date (academic year from 1 September)"
    ROLLING_12_MONTHS = "rolling_12_months", "Rolling 12 months"
    SNAPSHOT = "snapshot", "Snapshot at period end"
    LAST_N_WEEKS = "last_n_weeks", "Last N weeks"


class Derivation(models.TextChoices):
    """How an indicator's reported figure follows from its monthly (in the period) figures
    (``indicators.derive``): entered once as the month's X and Y, every derived one follows."""

    NONE = "", "Entered, not derived"
    ROLLING_12_MONTHS = "rolling_12_months", "Rolling 12 months from the monthly figures"
    YEAR_TO_DATE = "year_to_date", "Year to date (from 1 April) from the monthly figures"
    ACADEMIC_YEAR_TO_DATE = "academic_year_to_date", "Year to date (from 1 September) from the monthly figures"


class DenominatorRule(models.TextChoices):
    """What the derived figure divides by: the months' Y added up (a year-to-date "35 of 132"), or one
    population (a rate per 10,000 children over a rolling 12 months)."""

    SUM = "sum", "The months' denominators added up (X of Y)"
    POPULATION = "population", "The population (the latest month's denominator, or the indicator's)"


class BenchmarkKind(models.TextChoices):
    """A named comparator of a measure, each with its own period (``Benchmark``)."""

    OWN = "own", "Our last published figure"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    REGION = "region", "Region"
    ENGLAND = "england", "England"
    OTHER = "other", "Other comparator"


class IndicatorStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"


class TargetStatus(models.TextChoices):
    NUMERIC = "numeric", "Numeric target"
    CONTEXTUAL = "contextual", "Contextual"
    BASELINE = "baseline", "Baseline"
    IN_DEVELOPMENT = "in_development", "In development"


class TargetComparator(models.TextChoices):
    """How a target is written (``indicators.rag.Comparator``); blank for the number alone."""

    NONE = rag.Comparator.NONE.value, "The number alone"
    ABOVE = rag.Comparator.ABOVE.value, "above"
    MORE_THAN = rag.Comparator.MORE_THAN.value, "more than"
    AT_LEAST = rag.Comparator.AT_LEAST.value, "at least"
    BELOW = rag.Comparator.BELOW.value, "below"
    LESS_THAN = rag.Comparator.LESS_THAN.value, "less than"
    AT_MOST = rag.Comparator.AT_MOST.value, "at most"
    BETWEEN = rag.Comparator.BETWEEN.value, "between (a range: the target is its bottom)"


#: A second target is one number, never a range.
SECOND_TARGET_COMPARATORS = [choice for choice in TargetComparator.choices if choice[0] != TargetComparator.BETWEEN]


TARGET_STATUS_RAG = {
    TargetStatus.CONTEXTUAL: rag.Status.CONTEXTUAL,
    TargetStatus.BASELINE: rag.Status.BASELINE,
    TargetStatus.IN_DEVELOPMENT: rag.Status.IN_DEVELOPMENT,
}


class RagStatus(models.TextChoices):
    RED = rag.Status.RED.value, "Red"
    AMBER = rag.Status.AMBER.value, "Amber"
    GREEN = rag.Status.GREEN.value, "Green"
    BLUE = rag.Status.BLUE.value, "Blue"
    CONTEXTUAL = rag.Status.CONTEXTUAL.value, "Contextual"
    BASELINE = rag.Status.BASELINE.value, "Baseline"
    IN_DEVELOPMENT = rag.Status.IN_DEVELOPMENT.value, "In development"
    SUSPENDED = rag.Status.SUSPENDED.value, "Suspended"


class StatusSource(models.TextChoices):
    PUBLISHED = "published", "Published in the committee pack"
    DERIVED = "derived", "Derived from the next quarter's published movements"


class FigureSource(models.TextChoices):
    """Where a write of a figure comes from: recorded in its history row, with the reason."""

    APPROVAL = "approval", "Return approved"
    IMPORT = "import", "Figures imported"
    ADMIN = "admin", "Changed in the admin"
    CORRECTION = "correction", "Published figure corrected"
    DEMO = "demo", "Demo data"
    DERIVED = "derived", "Derived from the monthly figures"
