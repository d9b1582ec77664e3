"""The public app's entries in the URL permission table (tests/test_url_permissions.py).

Everyone, signed in or not, gets the same public pages. The world's quarter is not published, so
its figures are not found for anyone; the meeting published here has a published version, whose
public PDF everyone may download.
"""

from __future__ import annotations

import datetime

from tests.public.conftest import public_version
from tests.reports.workflow_factories import MeetingFactory, ready_build
from tests.test_url_permissions import Entry, answers, none

PUBLIC_DAY = datetime.date(2024, 11, 12)
EVERYONE = answers(200, 200, 200, 200, 200, 200)
NO_ONE = answers(404, 404, 404, 404, 404, 404)


def arrange(world) -> None:
    meeting = MeetingFactory(committee=world.committee, quarter=world.quarter, date=PUBLIC_DAY)
    public_version(ready_build(meeting, by=world.governance, draft=False), by=world.governance)


def body(world) -> dict:
    return {"committee": world.committee}


def meeting(world) -> dict:
    return {**body(world), "day": PUBLIC_DAY.isoformat()}


def pack_file(world) -> dict:
    return {**meeting(world), "number": 1, "extension": "pdf"}


def indicator(world) -> dict:
    return {**body(world), "number": world.indicator.number}


def public(kwargs, expected=EVERYONE) -> Entry:
    return Entry(kwargs, expected, anonymous_to_sign_in=False)


ENTRIES = {
    "public:home": public(none),
    "public:api": public(none),
    "public:openapi": public(none),
    "public:body": public(body),
    "public:meeting": public(meeting),
    "public:pack_file": public(pack_file),
    "public:indicators": public(body),
    "public:indicator": public(indicator),
    "public:figures_csv": public(body, NO_ONE),
    "public:figures_json": public(body, NO_ONE),
}
