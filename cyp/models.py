"""What every app shares: the committee, its service areas, years and quarters, and people."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from cyp.dates import MONTHS as MONTH_NAMES
from cyp.enums import (
    AuditAction,
    Cadence,
    CommitteeKind,
    NotificationKind,
    PeriodKind,
    RagBands,
    RagWording,
    ReportLayout,
    ReviewState,
    Role,
)


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommitteeQuerySet:
        """The bodies a person sees, in the council's order.

        Governance and administrators: every body. A service lead: the bodies their service areas
        report to, and those they serve as an officer of (``User.committees``). A member: the bodies
        they sit on. Nobody else sees any. ``cyp.rules.can_view_body`` and ``cyp.bodies`` ask this.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.role in (Role.GOVERNANCE, Role.ADMINISTRATOR):
            return self.all()
        if user.role not in (Role.SERVICE_LEAD, Role.MEMBER):
            return self.none()
        seats = User.committees.through.objects.filter(user_id=user.pk).values("committee_id")
        own = Q(pk__in=seats)
        if user.role == Role.SERVICE_LEAD:
            own |= Q(pk__in=ServiceArea.objects.filter(leads=user).values("committee_id"))
        return self.filter(own)


class Committee(models.Model):
    """A body the performance team reports to: a committee, board or panel of the council.

    Each body has its own indicators, meetings, members, cadence and wording. The
    deadline rules (clear days) are the council's constitution as this body applies it.
    """

    name = models.CharField(max_length=200)
    council = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="How addresses name the body: children-and-young-people."
    )
    kind = models.CharField(max_length=20, choices=CommitteeKind.choices, default=CommitteeKind.COMMITTEE)
    cadence = models.CharField("reporting cycle", max_length=20, choices=Cadence.choices, default=Cadence.QUARTERLY)
    position = models.PositiveSmallIntegerField(default=0, help_text="Bodies are listed in this order, then by name.")
    rag_wording = models.CharField(
        "RAG boundary wording",
        max_length=20,
        choices=RagWording.choices,
        default=RagWording.REPORT_KEY,
        help_text="The wording is shown everywhere the rule is explained, and decides the exact boundaries.",
    )
    rag_bands = models.PositiveSmallIntegerField(
        "RAG bands",
        choices=RagBands.choices,
        default=RagBands.FOUR,
        help_text="Four bands as the CYP Committee's report (Red, Amber, Green, Blue), or three (no Blue).",
    )
    rag_red_threshold = models.DecimalField(
        "Red beyond (per cent or points off target)",
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
        help_text="10 in the CYP report: Red when more than 10% off target (10 points for a measure rated in "
        "points). The wording decides which side of it a value exactly on it falls.",
    )
    rag_blue_threshold = models.DecimalField(
        "Blue beyond (per cent or points better than target)",
        max_digits=6,
        decimal_places=2,
        default=Decimal("5"),
        help_text="5 in the CYP report: Blue when more than 5% better than target. Not used with three bands.",
    )
    report_period = models.CharField(
        "reported by",
        max_length=10,
        choices=PeriodKind.choices,
        default=PeriodKind.QUARTER,
        help_text="Quarterly, as the CYP Committee's performance report, or monthly, as a scorecard: returns, "
        "reminders, the dashboard, exports and the pack follow it.",
    )
    report_layout = models.CharField(
        "report layout",
        max_length=20,
        choices=ReportLayout.choices,
        default=ReportLayout.PERFORMANCE_REPORT,
        help_text="The quarterly performance report (cover, a page per indicator) or a scorecard (a block per "
        "measure with its benchmarks and breakdown).",
    )
    email = models.EmailField("governance team e-mail", blank=True)
    # The council's rules for deadlines before a meeting, in clear days (cyp.calendar counts them).
    inspection_clear_days = models.PositiveSmallIntegerField(
        "agenda open to inspection (clear days before)",
        default=5,
        help_text="Local Government Act 1972, s.100B: at least five clear days.",
    )
    key_decision_clear_days = models.PositiveSmallIntegerField(
        "key decisions on the forward plan (clear days before)", default=28
    )
    clear_days_exclude_weekends = models.BooleanField("clear days leave out Saturdays and Sundays", default=True)
    clear_days_exclude_bank_holidays = models.BooleanField(
        "clear days leave out bank holidays and the council's closure days", default=True
    )

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = committee_slug(self.name, taken=set(Committee.objects.values_list("slug", flat=True)))
        super().save(*args, **kwargs)

    @property
    def rag_scheme(self):
        """The body's RAG scheme (``indicators.rag.Scheme``): its wording, bands and thresholds.

        Built by the indicators app (``cyp.registry.register_rag_scheme``): the kernel imports no app.
        """
        from cyp import registry

        return registry.rag_scheme(self)

    def clean(self) -> None:
        errors = {}
        if self.rag_red_threshold is not None and self.rag_red_threshold <= 0:
            errors["rag_red_threshold"] = "Give the Red threshold as a positive number of per cent or points: 10."
        if self.rag_blue_threshold is not None and self.rag_blue_threshold < 0:
            errors["rag_blue_threshold"] = "Give the Blue threshold as a number of per cent or points: 5, or 0."
        if errors:
            raise ValidationError(errors)
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” names a page of the public site: choose another address for the body."}
            )


#: Addresses a body cannot have: the public site's own pages sit beside the bodies' (``/public/api/``).
RESERVED_SLUGS = frozenset({"api"})


def committee_slug(name: str, *, taken: set[str]) -> str:
    """The address of a new body: its name without " Committee", made unique ("corporate-parenting-board")."""
    base = slugify(name.removesuffix(" Committee"))[:70] or "body"
    slug, n = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


class NonWorkingDay(models.Model):
    """A day the council is closed beyond the usual bank holidays (a jubilee, a state funeral):
    clear days leave it out (``cyp.calendar``)."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class QuarterPublication(models.Model):
    """A body's pack that carried the quarter's performance report was first published then.

    A quarter is published per body: publishing one body's pack publishes nothing of another's.
    """

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="publications")
    quarter = models.ForeignKey("cyp.Quarter", on_delete=models.PROTECT, related_name="publications")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["quarter", "committee"]
        constraints = [models.UniqueConstraint(fields=["committee", "quarter"], name="quarter_publication_once")]

    def __str__(self) -> str:
        return f"{self.committee} {self.quarter}: published {self.published_at:%Y-%m-%d}"


class ServiceArea(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="service_areas")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="service_area_unique_name"),
            models.UniqueConstraint(fields=["committee", "slug"], name="service_area_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class FinancialYear(models.Model):
    """A UK financial year, 1 April to 31 March, labelled as printed: "2024/25"."""

    start_year = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["start_year"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)


class QuarterQuerySet(models.QuerySet):
    def from_slug(self, slug: str) -> Quarter | None:
        """The period a URL names ("2024-25-Q1" a quarter, "2023-08" a month), or None when the slug names no
        period or there is no such one."""
        try:
            kind, start_year, number = Quarter.parse_period_slug(slug)
        except ValueError:
            return None
        return self.select_related("year").filter(year__start_year=start_year, kind=kind, number=number).first()

    def quarters(self) -> QuarterQuerySet:
        return self.filter(kind=PeriodKind.QUARTER)

    def months(self) -> QuarterQuerySet:
        return self.filter(kind=PeriodKind.MONTH)

    def for_body(self, committee: Committee | None) -> QuarterQuerySet:
        """The periods a body reports on: its months for a monthly report, else quarters (no body: quarters)."""
        kind = committee.report_period if committee is not None else PeriodKind.QUARTER
        return self.filter(kind=kind)

    def published_for(self, committee: Committee | None) -> QuarterQuerySet:
        """The periods whose performance report the body has published (none without a body)."""
        if committee is None:
            return self.none()
        return self.filter(publications__committee=committee)


class Quarter(models.Model):
    """A reporting period of a financial year: a quarter (Q1 is April to June) or a month.

    ``kind`` says which (``PeriodKind``); ``number`` is the quarter (1 to 4) or the month of the
    financial year (1 is April, 12 is March). The name stays "Quarter" because the quarterly
    report is where it started and most of the product still says so; everything that reads
    ``start``, ``end``, ``label``, ``display`` and ``slug`` works for both kinds.
    """

    year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="quarters")
    kind = models.CharField(max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    number = models.PositiveSmallIntegerField(help_text="The quarter (1 to 4), or the month of the year (1 is April).")
    is_open = models.BooleanField("open for returns", default=False)
    data_deadline = models.DateField(null=True, blank=True, help_text="The day returns are due.")

    objects = QuarterQuerySet.as_manager()

    class Meta:
        ordering = ["year__start_year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "number"], name="period_unique_number"),
            models.CheckConstraint(
                condition=Q(kind="quarter", number__gte=1, number__lte=4)
                | Q(kind="month", number__gte=1, number__lte=12),
                name="period_number_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_month(self) -> bool:
        return self.kind == PeriodKind.MONTH

    @property
    def label(self) -> str:
        """As the performance team writes it: "2024/25-Q1", or "August 2023" for a month."""
        if self.is_month:
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        return f"{self.year.label}-Q{self.number}"

    @property
    def slug(self) -> str:
        """As URLs name it: "2024-25-Q1", or "2023-08" for a month (cyp.converters turns it back)."""
        if self.is_month:
            return f"{self.start.year}-{self.start.month:02d}"
        return self.label.replace("/", "-")

    @property
    def display(self) -> str:
        """In a sentence: "Quarter 1 2024/25", or "August 2023"."""
        if self.is_month:
            return self.label
        return f"Quarter {self.number} {self.year.label}"

    @property
    def months_long(self) -> int:
        return 1 if self.is_month else 3

    @cached_property
    def start(self) -> datetime.date:
        step = 1 if self.kind == PeriodKind.MONTH else 3
        month = 4 + step * (self.number - 1)
        year = self.year.start_year + (1 if month > 12 else 0)
        return datetime.date(year, (month - 1) % 12 + 1, 1)

    @cached_property
    def end(self) -> datetime.date:
        start = self.start
        month = start.month + self.months_long
        year = start.year + (1 if month > 12 else 0)
        return datetime.date(year, (month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)

    def previous(self) -> Quarter | None:
        """The period before, of the same kind (None when it is not in the database)."""
        last = 12 if self.is_month else 4
        if self.number > 1:
            year, number = self.year.start_year, self.number - 1
        else:
            year, number = self.year.start_year - 1, last
        return (
            Quarter.objects.select_related("year").filter(year__start_year=year, kind=self.kind, number=number).first()
        )

    def publication_for(self, committee: Committee | None) -> QuarterPublication | None:
        """When the body's pack first published this period's performance report (None: not yet).

        A period is published per body (``QuarterPublication``); a view that shows many periods
        reads them at once with ``QuarterQuerySet.published_for``.
        """
        if committee is None:
            return None
        return QuarterPublication.objects.filter(committee=committee, quarter=self).first()

    @staticmethod
    def parse_label(label: str) -> tuple[int, int]:
        """ "2024/25-Q1" -> (2024, 1). Raises ValueError with a message a person can act on."""
        text = label.strip().upper().replace(" ", "")
        try:
            year_part, quarter_part = text.split("-Q")
            start, end = year_part.split("/")
            start_year, number = int(start), int(quarter_part)
        except ValueError:
            raise ValueError(f"'{label}' is not a quarter: write it as 2024/25-Q1") from None
        if int(end) != (start_year + 1) % 100 or not 1 <= number <= 4:
            raise ValueError(f"'{label}' is not a quarter: write it as 2024/25-Q1")
        return start_year, number

    @staticmethod
    def parse_month(text: str) -> tuple[int, int]:
        """ "2023-08" or "August 2023" -> (2023, 5): the financial year it starts in and the month of that year
        (1 is April). Raises ValueError with a message a person can act on."""
        cleaned = text.strip()
        try:
            if "-" in cleaned:
                year_text, month_text = cleaned.split("-")
                year, month = int(year_text), int(month_text)
            else:
                name, year_text = cleaned.rsplit(" ", 1)
                month = [m.lower() for m in MONTH_NAMES].index(name.strip().lower()) + 1
                year = int(year_text)
        except ValueError:
            raise ValueError(f"'{text}' is not a month: write it as 2023-08 or August 2023") from None
        if not 1 <= month <= 12 or not 1900 <= year <= 2999:
            raise ValueError(f"'{text}' is not a month: write it as 2023-08 or August 2023")
        start_year = year if month >= 4 else year - 1
        return start_year, (month - 4) % 12 + 1

    @staticmethod
    def parse_slug(slug: str) -> tuple[int, int]:
        """ "2024-25-Q1" (a quarter's ``slug``) -> (2024, 1). Raises ValueError as ``parse_label`` does."""
        return Quarter.parse_label(slug.replace("-", "/", 1))

    @staticmethod
    def parse_period_slug(slug: str) -> tuple[str, int, int]:
        """ "2024-25-Q1" -> ("quarter", 2024, 1); "2023-08" -> ("month", 2023, 5). Raises ValueError."""
        if "q" in slug.lower():
            return (PeriodKind.QUARTER.value, *Quarter.parse_slug(slug))
        return (PeriodKind.MONTH.value, *Quarter.parse_month(slug))


class User(AbstractUser):
    """A person: a service lead (of one or more service areas), governance, member or administrator."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(max_length=200, blank=True)
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="leads")
    committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="people",
        verbose_name="bodies",
        help_text="The bodies this person sits on (members) or serves as an officer of.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class Reviewable(models.Model):
    """What the review workflow (cyp.workflow) needs of a model: state, a version for
    compare-and-set, a lock set by publication, and who moved it last."""

    state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.NOT_STARTED)
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one with every save and move.")
    locked = models.BooleanField(default=False, help_text="Set when the content is in a published pack.")
    state_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_by = models.ForeignKey("cyp.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One decision or change: who, in what role, when, to what, what changed and why.

    Rows are written by cyp.audit.audit_record and never changed or deleted.
    ``action`` is one of cyp.enums.AuditAction; ``changes`` maps a field to
    [old, new].
    """

    action = models.CharField(max_length=60, db_index=True)
    actor = models.ForeignKey("cyp.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_role = models.CharField(max_length=20, blank=True)
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    target_id = models.PositiveBigIntegerField()
    target_repr = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"], name="audit_by_target")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are never deleted.")

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action


class Notification(models.Model):
    """A message to one person, shown in the app and e-mailed once.

    ``dedupe_key`` makes sending idempotent: the same key for the same person is
    one notification however often a task runs. ``kind`` is one of
    cyp.enums.NotificationKind.
    """

    recipient = models.ForeignKey("cyp.User", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60, choices=NotificationKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_once")]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
