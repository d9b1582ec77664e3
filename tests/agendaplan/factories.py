"""Factories for the agenda plan (one per model)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from agendaplan.models import PlannedItem
from tests.factories import CommitteeFactory


class PlannedItemFactory(DjangoModelFactory):
    class Meta:
        model = PlannedItem

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Planned paper {n}")
    lead_officer_name = "M Purbrick"
    lead_officer_post = "Executive Director: Children, Education and Families"
    planned_date = datetime.date(2024, 11, 26)
    added_on = datetime.date(2024, 9, 2)
    position = factory.Sequence(lambda n: n + 1)
