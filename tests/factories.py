"""One factory per model. Apps' own factories live beside their tests and may import these."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from cyp.enums import PeriodKind, Role
from cyp.models import Committee, FinancialYear, Quarter, QuarterPublication, ServiceArea, User, committee_slug
from indicators.enums import Direction, Frequency, TargetStatus, Unit
from indicators.models import BodyTarget, Figure, Indicator, IndicatorShare, PublishedStatus, Target, UsefulLink


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ("council", "name")

    name = "Children and Young People Committee"
    council = "Test County Council"
    # As the model names a new body: its name without " Committee", made unique among the bodies.
    slug = factory.LazyAttribute(
        lambda o: committee_slug(o.name, taken=set(Committee.objects.values_list("slug", flat=True)))
    )


class ServiceAreaFactory(DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("committee", "name")

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-").replace("'", ""))


class FinancialYearFactory(DjangoModelFactory):
    class Meta:
        model = FinancialYear
        django_get_or_create = ("start_year",)

    start_year = 2024


class QuarterFactory(DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ("year", "kind", "number")

    year = factory.SubFactory(FinancialYearFactory)
    kind = PeriodKind.QUARTER  # PeriodKind.MONTH with number 1 to 12 (1 is April) for a month
    number = 1
    is_open = True


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def service_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_areas.set(extracted)
        if create:
            self.save()

    @factory.post_generation
    def committees(self, create, extracted, **kwargs):
        """The bodies the person sits on or serves: ``UserFactory(committees=[committee])``."""
        if create and extracted:
            self.committees.set(extracted)


class MemberFactory(UserFactory):
    """A committee member who sits on a body (the test committee unless ``committees=[...]`` says otherwise)."""

    role = Role.MEMBER

    @factory.post_generation
    def committees(self, create, extracted, **kwargs):
        if create:
            self.committees.set(extracted if extracted is not None else [CommitteeFactory()])


class QuarterPublicationFactory(DjangoModelFactory):
    """The body's pack published the quarter's performance report (what members' visibility reads)."""

    class Meta:
        model = QuarterPublication
        django_get_or_create = ("committee", "quarter")

    committee = factory.SubFactory(CommitteeFactory)
    quarter = factory.SubFactory(QuarterFactory)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("committee", "number")

    committee = factory.SubFactory(CommitteeFactory)
    number = factory.Sequence(lambda n: 1000 + n)
    name = factory.Sequence(lambda n: f"Test indicator {n}")
    description = "What the indicator measures."
    formula = "(X/Y)*100"
    x_definition = "The number of children counted."
    y_definition = "The number of children."
    unit = Unit.PERCENT
    decimals = 1
    direction = Direction.HIGHER_IS_BETTER
    frequency = Frequency.MONTH
    service_area = factory.SubFactory(ServiceAreaFactory, committee=factory.SelfAttribute("..committee"))
    sources = factory.LazyFunction(lambda: ["Department for Education"])


class UsefulLinkFactory(DjangoModelFactory):
    class Meta:
        model = UsefulLink

    indicator = factory.SubFactory(IndicatorFactory)
    title = "Local Authority Interactive Tool (LAIT)"
    url = "https://example.org/lait"


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.SubFactory(FinancialYearFactory)
    value = Decimal("75.0")
    status = TargetStatus.NUMERIC


class FigureFactory(DjangoModelFactory):
    class Meta:
        model = Figure

    indicator = factory.SubFactory(IndicatorFactory)
    period_end = datetime.date(2024, 6, 30)
    period_start = factory.LazyAttribute(lambda o: o.period_end.replace(day=1))
    period_label = factory.LazyAttribute(lambda o: o.period_end.strftime("%B %Y"))
    value = Decimal("78.9")


class PublishedStatusFactory(DjangoModelFactory):
    class Meta:
        model = PublishedStatus

    indicator = factory.SubFactory(IndicatorFactory)
    quarter = factory.SubFactory(QuarterFactory)
    committee = factory.SelfAttribute("indicator.committee")
    rag = "Red"


class IndicatorShareFactory(DjangoModelFactory):
    """The indicator is also reported to another body (``committee``), under its own number unless told."""

    class Meta:
        model = IndicatorShare

    indicator = factory.SubFactory(IndicatorFactory)
    committee = factory.SubFactory(CommitteeFactory, name="Corporate Parenting Panel")
    number = factory.SelfAttribute("indicator.number")


class BodyTargetFactory(DjangoModelFactory):
    class Meta:
        model = BodyTarget

    share = factory.SubFactory(IndicatorShareFactory)
    year = factory.SubFactory(FinancialYearFactory)
    value = Decimal("90.0")
    status = TargetStatus.NUMERIC
