"""The indicator catalogue, targets by year, figures by period, and published statuses."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from cyp import limits
from cyp.limits import TextLimit
from cyp.models import Committee, FinancialYear, Quarter, ServiceArea
from indicators import rag, reporting
from indicators.enums import (
    SECOND_TARGET_COMPARATORS,
    BenchmarkKind,
    DenominatorRule,
    Derivation,
    Direction,
    Frequency,
    IndicatorStatus,
    PeriodBasis,
    RagStatus,
    StatusSource,
    TargetComparator,
    TargetStatus,
    Unit,
    VarianceBasis,
    VarianceSign,
)

VALUE = {"max_digits": 16, "decimal_places": 4, "null": True, "blank": True}


class TargetTerms(models.Model):
    """How a year's target is written, and a second target beside it (a stretch or national one).

    The RAG is on the main target; the second is printed beside it, never rated. Shared by an
    indicator's own targets and a body's (``BodyTarget``), so that both print alike.
    """

    comparator = models.CharField(
        "written as",
        max_length=12,
        choices=TargetComparator.choices,
        default=TargetComparator.NONE,
        blank=True,
        help_text="\u201cabove 95%\u201d, \u201cat least 90%\u201d, \u201cbelow 10\u201d; the number alone when blank. "
        "Above, more than, below and less than are not met by the target itself; between is a range, the "
        "target its bottom and the top of the range its top, both included.",
    )
    range_upper = models.DecimalField(
        "top of the range",
        **VALUE,
        help_text="For a target written as between: the top of the range (the target is its bottom).",
    )
    second_value = models.DecimalField("second target", **VALUE, help_text="A stretch or national target, not rated.")
    second_comparator = models.CharField(
        "second target written as", max_length=12, choices=SECOND_TARGET_COMPARATORS, default="", blank=True
    )
    second_label = models.CharField(
        "second target's name", max_length=60, blank=True, help_text="As printed: Stretch, National."
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors = {}
        numeric = self.status == TargetStatus.NUMERIC
        if not numeric and (self.comparator or self.second_value is not None):
            errors["comparator" if self.comparator else "second_value"] = (
                "Only a numeric target can be written with above, below or a second target: clear it, or give "
                "the target a number."
            )
        if self.second_value is None and (self.second_comparator or self.second_label):
            errors["second_value"] = "Give the second target a number, or clear its name and its wording."
        errors.update(self._range_errors())
        indicator = self.rated_indicator
        if indicator is not None and indicator.direction:
            for field, comparator in (("comparator", self.comparator), ("second_comparator", self.second_comparator)):
                if comparator and rag.comparator_conflict(comparator, indicator.direction):
                    lower = indicator.direction == Direction.LOWER_IS_BETTER
                    errors[field] = (
                        f"\u201c{rag.Comparator(comparator).words}\u201d points the other way from the indicator "
                        f"({indicator.get_direction_display().lower()}): choose "
                        f"{'at most or below' if lower else 'at least or above'}."
                    )
        if errors:
            raise ValidationError(errors)

    def _range_errors(self) -> dict[str, str]:
        """A range needs a numeric bottom and a top above it; only a range has a top (``range_constraint``)."""
        if self.second_comparator == TargetComparator.BETWEEN:
            return {"second_comparator": "A second target is one number, not a range: choose another wording."}
        if self.comparator != TargetComparator.BETWEEN:
            if self.range_upper is None:
                return {}
            return {
                "range_upper": "Only a target written as between has a top of the range: clear it, or choose between."
            }
        if self.range_upper is None:
            return {"range_upper": "Give the top of the range (the target is its bottom), like between 10 and 15."}
        if self.value is None:
            return {}  # the target's own rules name the missing number
        problem = rag.range_problem(self.value, self.range_upper)
        return {"range_upper": f"Not a range: {problem}"} if problem else {}

    @property
    def rated_indicator(self):
        return None


def range_constraint(name: str) -> models.CheckConstraint:
    """Only a range ("between") has a top, above the bottom; a second target is never a range."""
    return models.CheckConstraint(
        condition=(
            # Both not null: a CHECK passes when its condition is unknown, as NULL > 10 is.
            Q(
                comparator=TargetComparator.BETWEEN,
                value__isnull=False,
                range_upper__isnull=False,
                range_upper__gt=models.F("value"),
            )
            | (~Q(comparator=TargetComparator.BETWEEN) & Q(range_upper__isnull=True))
        )
        & ~Q(second_comparator=TargetComparator.BETWEEN),
        name=name,
    )


class Indicator(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="indicators")
    number = models.PositiveIntegerField(help_text="Unique within the committee, as printed: 117.")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True, validators=[TextLimit(limits.DEFINITION)])
    formula = models.CharField(max_length=100, blank=True, help_text="As printed: (X/Y)*100")
    x_definition = models.TextField("X", blank=True, validators=[TextLimit(limits.DEFINITION)])
    y_definition = models.TextField("Y", blank=True, validators=[TextLimit(limits.DEFINITION)])
    calculation_note = models.TextField(blank=True, validators=[TextLimit(limits.DEFINITION)])
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(default=1)
    direction = models.CharField("direction for improvement", max_length=20, choices=Direction.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    variance_basis = models.CharField(
        "variance measured in",
        max_length=10,
        choices=VarianceBasis.choices,
        default=VarianceBasis.RELATIVE,
        help_text="How the variance from target is measured and rated: per cent of the target, as the CYP "
        "report does, or percentage points (88.6% against 98% is −9.4 points), for percentages only.",
    )
    variance_sign = models.CharField(
        "variance printed as",
        max_length=12,
        choices=VarianceSign.choices,
        default=VarianceSign.BETTER_WORSE,
        help_text="Better or worse than target (positive is better), or above or below target.",
    )
    reporting_basis = models.CharField(
        "reported figure",
        max_length=24,
        choices=PeriodBasis.choices,
        default=PeriodBasis.IN_PERIOD,
        help_text="Which of the indicator's figures for a period is the one reported, rated and charted: the "
        "period's own, year to date, rolling 12 months, a snapshot or the last N weeks.",
    )
    derivation = models.CharField(
        "derived as",
        max_length=24,
        choices=Derivation.choices,
        default=Derivation.NONE,
        blank=True,
        help_text="Entered (blank), or derived from the monthly figures: a rolling 12 months or a year to date. "
        "The derived figure is stored on that basis beside the months and follows every change to them.",
    )
    derivation_denominator = models.CharField(
        "derived figure divides by",
        max_length=12,
        choices=DenominatorRule.choices,
        default=DenominatorRule.SUM,
        help_text="The months' denominators added up (a year-to-date percentage, 35 of 132), or the population "
        "(a rolling rate per 10,000 children).",
    )
    population = models.DecimalField(
        **VALUE,
        help_text="The population a rate is per 10,000 of, when a month's figure does not give it as its "
        "denominator: 0 to 17 year olds, 61,200.",
    )
    population_note = models.CharField(
        "population's source", max_length=200, blank=True, help_text="As printed: ONS mid-2023 estimate, 0 to 17."
    )
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="indicators")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_indicators"
    )
    sources = models.JSONField(default=list, blank=True, help_text="One source per entry.")
    status = models.CharField(max_length=10, choices=IndicatorStatus.choices, default=IndicatorStatus.ACTIVE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="indicator_unique_number"),
            models.CheckConstraint(condition=Q(decimals__lte=6), name="indicator_decimals_at_most_6"),
            models.CheckConstraint(
                condition=Q(variance_basis=VarianceBasis.RELATIVE) | Q(unit=Unit.PERCENT),
                name="indicator_points_only_for_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"Indicator {self.number}: {self.name}"

    def clean(self) -> None:
        """A number is unique in the body across its own indicators and those shared with it; only a
        percentage's variance is measured in points."""
        super().clean()
        if self.variance_basis == VarianceBasis.POINTS and self.unit != Unit.PERCENT:
            raise ValidationError(
                {
                    "variance_basis": "Only a percentage's variance can be measured in percentage points: choose "
                    "per cent of the target, or change the unit to percentage."
                }
            )
        if self.committee_id and self.number is not None:
            share = IndicatorShare.objects.filter(committee_id=self.committee_id, number=self.number).first()
            if share is not None and share.indicator_id != self.pk:
                raise ValidationError(
                    {
                        "number": f"Number {self.number} is already printed for an indicator shared with this body "
                        f"(indicator {share.indicator.number} of {share.indicator.committee.name}): choose another."
                    }
                )

    @property
    def is_suspended(self) -> bool:
        return self.status == IndicatorStatus.SUSPENDED

    def value_from_parts(self, numerator: Decimal, denominator: Decimal) -> Decimal | None:
        """The value the formula gives for X and Y (``indicators.reporting.value_from_parts``)."""
        return reporting.value_from_parts(numerator=numerator, denominator=denominator, unit=self.unit)


class UsefulLink(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="useful_links")
    title = models.CharField(max_length=300)
    url = models.URLField("address", max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Target(TargetTerms):
    """An indicator's target for one financial year: a number, or a status without one."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="targets")
    value = models.DecimalField(**VALUE)
    status = models.CharField(max_length=20, choices=TargetStatus.choices, default=TargetStatus.NUMERIC)
    note = models.TextField(
        blank=True, help_text="When and why the target was set.", validators=[TextLimit(limits.TARGET_NOTE)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_one_per_year"),
            models.CheckConstraint(
                condition=(Q(status=TargetStatus.NUMERIC, value__isnull=False))
                | (~Q(status=TargetStatus.NUMERIC) & Q(value__isnull=True)),
                name="target_value_iff_numeric",
            ),
            models.CheckConstraint(
                condition=Q(status=TargetStatus.NUMERIC) | (Q(comparator="") & Q(second_value__isnull=True)),
                name="target_terms_only_when_numeric",
            ),
            range_constraint("target_range_has_a_top_above_its_bottom"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator.number} {self.year.label}: {self.value if self.is_numeric else self.get_status_display()}"
        )

    @property
    def is_numeric(self) -> bool:
        return self.status == TargetStatus.NUMERIC

    @property
    def rated_indicator(self):
        return self.indicator if self.indicator_id else None


class FigureQuerySet(models.QuerySet):
    def reported(self) -> "FigureQuerySet":
        """The figures each indicator reports: those on its reporting basis (``Indicator.reporting_basis``).

        The one home of "the figure of a period": a month value and a year-to-date value for the same
        date are both stored, and every reader that rates, charts or prints takes this one.
        """
        return self.filter(basis=models.F("indicator__reporting_basis"))


class Figure(models.Model):
    """One value of an indicator for one of its own periods (a month, quarter, term or year), on a basis."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    basis = models.CharField("covers", max_length=24, choices=PeriodBasis.choices, default=PeriodBasis.IN_PERIOD)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=60, help_text='As printed: "June 2024", "Summer term 2024".')
    value = models.DecimalField(**VALUE)
    numerator = models.DecimalField("numerator (X)", **VALUE)
    denominator = models.DecimalField("denominator (Y)", **VALUE)
    sn_mean = models.DecimalField("statistical neighbour mean", **VALUE)
    england_mean = models.DecimalField(**VALUE)
    region_mean = models.DecimalField(**VALUE)
    other_mean = models.DecimalField("other comparator", **VALUE)
    other_mean_label = models.CharField("other comparator's label", max_length=100, blank=True)
    as_at = models.DateField("data as at", null=True, blank=True)
    not_updated = models.BooleanField("not updated this quarter", default=False)
    not_updated_reason = models.TextField(blank=True, validators=[TextLimit(limits.REASON)])
    not_available = models.BooleanField(
        "not available",
        default=False,
        help_text="The source system could not produce the figure (#N/A): no value, and kept apart from "
        "\u201cnot updated this quarter\u201d in every count.",
    )
    not_available_reason = models.CharField(
        "why not available", max_length=300, blank=True, help_text="Not available in the source system, unless said."
    )
    derived = models.BooleanField(
        default=False,
        help_text="Computed from the indicator's monthly figures (``indicators.derive``), never typed: it follows "
        "every change to them.",
    )
    history = HistoricalRecords()

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_end"]
        indexes = [models.Index(fields=["indicator", "-period_end"], name="figure_latest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "basis", "period_end"], name="figure_one_per_basis_and_period"
            ),
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="figure_period_order"),
            models.CheckConstraint(
                condition=Q(not_updated=True) | Q(not_available=True) | Q(value__isnull=False),
                name="figure_value_unless_not_updated_or_not_available",
            ),
            models.CheckConstraint(
                condition=Q(not_available=False) | Q(value__isnull=True), name="figure_not_available_has_no_value"
            ),
            models.CheckConstraint(
                condition=Q(not_available=False) | Q(not_updated=False),
                name="figure_not_available_or_not_updated",
            ),
            models.CheckConstraint(
                condition=Q(not_updated=False) | ~Q(not_updated_reason=""), name="figure_not_updated_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | ~Q(denominator=0), name="figure_denominator_not_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.period_label}: {self.value}"


class PublishedStatus(models.Model):
    """The RAG an indicator carried in a body's published report for a quarter: the base for movements.

    Per body: a shared indicator (``IndicatorShare``) may carry another body's target and wording there.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="published_statuses")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="published_statuses")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="published_statuses")
    rag = models.CharField("RAG", max_length=20, choices=RagStatus.choices)
    source = models.CharField(max_length=20, choices=StatusSource.choices, default=StatusSource.PUBLISHED)

    class Meta:
        ordering = ["quarter", "indicator"]
        verbose_name_plural = "published statuses"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter", "committee"], name="published_status_once_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.quarter.label}: {self.rag}"


class FigureLock(models.Model):
    """A published pack printed the committee's figures up to ``until``: they change only by correction.

    The pack prints each indicator's current and previous figures and a trend chart of its
    history, so a version that carried the performance report locks every figure of the
    committee's indicators whose period ends on or before the quarter's last day. Written by
    publishing (``indicators.services.figures_lock``), read by ``figure_write``; never changed.
    Meeting and version are kept as their date and number: the reports app sits above this one.
    """

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="figure_locks")
    until = models.DateField(help_text="The last day of the published quarter.")
    meeting_date = models.DateField()
    version = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "until", "meeting_date", "version"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "meeting_date", "version"], name="figure_lock_once"),
        ]

    def __str__(self) -> str:
        return f"Figures to {self.until.isoformat()}: {self.pack}"

    @property
    def pack(self) -> str:
        """ "the published pack for 8 October 2024 (v1)"."""
        return f"the published pack for {date_format(self.meeting_date, 'j F Y')} (v{self.version})"


class IndicatorShare(models.Model):
    """The indicator, at home in its own body (``Indicator.committee``), is also reported to another body.

    One figure serves every body and returns stay the indicator's; the other body prints it under
    its own number (unique among that body's own and shared indicators), rates it with its own
    wording and, where it set one, its own target for the year (``BodyTarget``). Written by
    ``indicators.services.indicator_share`` (checks, history and audit).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="shares")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="shared_indicators")
    number = models.PositiveIntegerField(
        help_text="As printed in this body's reports: unique among its own and shared indicators."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "committee"], name="indicator_share_once"),
            models.UniqueConstraint(fields=["committee", "number"], name="indicator_share_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Indicator {self.indicator.number} reported to {self.committee} as {self.number}"


class BodyTarget(TargetTerms):
    """A body's own target for an indicator shared with it, for one financial year.

    In that body's reports it takes the place of the indicator's own target for the year; a year
    without one falls back to the indicator's (``indicators.selectors.targets_for_body``).
    """

    share = models.ForeignKey(IndicatorShare, on_delete=models.CASCADE, related_name="targets")
    year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="body_targets")
    value = models.DecimalField(**VALUE)
    status = models.CharField(max_length=20, choices=TargetStatus.choices, default=TargetStatus.NUMERIC)
    note = models.TextField(
        blank=True, help_text="When and why the body set the target.", validators=[TextLimit(limits.TARGET_NOTE)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["share", "year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["share", "year"], name="body_target_one_per_year"),
            models.CheckConstraint(
                condition=(Q(status=TargetStatus.NUMERIC, value__isnull=False))
                | (~Q(status=TargetStatus.NUMERIC) & Q(value__isnull=True)),
                name="body_target_value_iff_numeric",
            ),
            models.CheckConstraint(
                condition=Q(status=TargetStatus.NUMERIC) | (Q(comparator="") & Q(second_value__isnull=True)),
                name="body_target_terms_only_when_numeric",
            ),
            range_constraint("body_target_range_has_a_top_above_its_bottom"),
        ]

    def __str__(self) -> str:
        shown = self.value if self.is_numeric else self.get_status_display()
        return f"{self.share.committee} {self.share.number} {self.year.label}: {shown}"

    @property
    def is_numeric(self) -> bool:
        return self.status == TargetStatus.NUMERIC

    @property
    def indicator_id(self) -> int:
        return self.share.indicator_id

    @property
    def rated_indicator(self):
        return self.share.indicator if self.share_id else None


class Benchmark(models.Model):
    """A named comparator of a measure with its own period: our last published annual figure, statistical
    neighbours, the region, England or another, each "with its own year" as scorecards print them.

    The figure's own ``sn_mean``, ``england_mean``, ``region_mean`` and ``other_mean`` stay the
    comparators the quarterly report prints for the figure's period; a benchmark row is read by
    ``indicators.benchmarks`` beside them, and the gaps are computed there, never stored.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    kind = models.CharField(max_length=24, choices=BenchmarkKind.choices)
    label = models.CharField(
        max_length=100, blank=True, help_text="As printed, when not the kind's name: North West, Core cities."
    )
    period_label = models.CharField(
        "period", max_length=60, help_text="As printed: 2022/23, 31 March 2023, 2023 calendar year."
    )
    period_end = models.DateField("period ends")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    source = models.CharField(max_length=200, blank=True, help_text="As printed: DfE children looked after 2023.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "kind", "label", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "label", "period_end"], name="benchmark_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.name} {self.period_label}: {self.value}"

    @property
    def name(self) -> str:
        """ "Statistical neighbours", or the label given ("North West")."""
        return self.label or BenchmarkKind(self.kind).label


class FigureBreakdown(models.Model):
    """One category of a figure's breakdown: children in care by age band, legal status, placement type.

    Read with the figure (``figure.breakdown``); written with it by the figures import and the
    admin; locked with it by a published pack.
    """

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="breakdown")
    dimension = models.CharField(max_length=100, help_text="As printed: Age band, Legal status, Placement type.")
    category = models.CharField(max_length=100, help_text="As printed: Under 1, 1 to 4, Care order.")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the dimension, as printed.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["figure", "dimension", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "dimension", "category"], name="breakdown_category_once"),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.dimension} {self.category}: {self.value}"
