"""One factory per plans model."""

import datetime

import factory
from factory.django import DjangoModelFactory

from cyp.enums import ReviewState
from plans.enums import ActionStatus, FindingType, PlanSource
from plans.models import Action, Finding, Plan, ProgressUpdate, Recommendation, SliPhase, SliProgramme
from tests.factories import CommitteeFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    committee = factory.SubFactory(CommitteeFactory)
    source = PlanSource.OFSTED_INSPECTION
    title = factory.Sequence(lambda n: f"Children's Services Ofsted Action Plan {n}")
    plan_date = datetime.date(2024, 7, 31)
    plan_date_as_printed = "July 2024"
    inspection_type = "ILACS"
    inspection_dates = "March 2024"
    judgement = "Requires Improvement to good"


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    theme = "WORKFORCE"
    text = "The stability and capacity of the workforce, to support manageable workloads and consistency for children"


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    recommendation = factory.SubFactory(RecommendationFactory)
    plan = factory.SelfAttribute("recommendation.plan")
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    position = factory.Sequence(lambda n: n + 1)
    item = "Building Capacity: staff capacity, capability and resilience are continuously strengthened."
    outcome = "Practice is increasingly consistent."
    responsible_post = "Executive Director: Children, Education & Families (CEF)"
    timescale = "March 2025"
    due_date = datetime.date(2025, 3, 31)
    success_criteria = factory.LazyFunction(lambda: ["Reduction in the number of agency staff to 15%"])
    status = ActionStatus.ON_TRACK

    @factory.post_generation
    def delegates(self, create, extracted, **kwargs):
        if create and extracted:
            self.delegates.set(extracted)

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.set(extracted)


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2024, 9, 30)
    status = ActionStatus.ON_TRACK
    text = "Caseloads reducing, currently at 29 (January: 40+)."
    state = ReviewState.APPROVED


class SliProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = SliProgramme

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Sector Led Improvement Programme {n}")
    partner_council = "Essex County Council"


class SliPhaseFactory(DjangoModelFactory):
    class Meta:
        model = SliPhase

    programme = factory.SubFactory(SliProgrammeFactory)
    number = 1
    dates_as_printed = "from August 2023 to March 2024"
    start_date = datetime.date(2023, 8, 1)
    end_date = datetime.date(2024, 3, 31)
    services_visited = factory.LazyFunction(lambda: ["Assessment Services"])


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    programme = factory.SubFactory(SliProgrammeFactory)
    finding_type = FindingType.STAFF_SURVEY_THEME
    text = "Lower caseloads"
