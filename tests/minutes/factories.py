"""Factories of the minutes app: minutes, minute items, actions and responses."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from cyp.enums import ReviewState
from minutes.enums import LogStatus
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes
from tests.reports.workflow_factories import MeetingFactory


class MinutesFactory(DjangoModelFactory):
    class Meta:
        model = Minutes
        django_get_or_create = ("meeting",)

    meeting = factory.SubFactory(MeetingFactory, date=datetime.date(2024, 9, 10))
    times = "2.00 pm - 3.29 pm"


class MinuteItemFactory(DjangoModelFactory):
    class Meta:
        model = MinuteItem
        django_get_or_create = ("minutes", "number")

    minutes = factory.SubFactory(MinutesFactory)
    number = factory.Sequence(lambda n: 200 + n)
    title = "Education Capital Projects"
    text = "In response to questions from individual Members, officers clarified the position."


class MinuteActionFactory(DjangoModelFactory):
    class Meta:
        model = MinuteAction

    minute = factory.SubFactory(MinuteItemFactory)
    officer_name = "Sarah Callaghan"
    text = "Clarified that a note updating on Waterbeach Primary School would be provided to Members."
    status = LogStatus.OPEN


class ActionResponseFactory(DjangoModelFactory):
    """An approved response unless told otherwise."""

    class Meta:
        model = ActionResponse

    action = factory.SubFactory(MinuteActionFactory)
    date = datetime.date(2024, 9, 30)
    status = LogStatus.IN_PROGRESS
    text = "A briefing on this project will be provided to Spokes in November."
    state = ReviewState.APPROVED
