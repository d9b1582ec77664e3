"""Which body (committee, board or panel) a page is about: one resolver every view asks.

A page whose address names the body (``/bodies/<slug>/...``) is about that body, and only for
people who see it (``Committee.objects.visible_to``): to anyone else it does not exist (404,
so its existence does not leak). An address without a body is about the body the person chose
last (kept in the session), else the first body they see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import cached_property

from cyp.enums import PeriodKind
from cyp.models import Committee, Quarter, QuarterPublication
from cyp.rules import visible_body_ids

#: The session key of the body the person chose last (a Committee id).
SESSION_KEY = "cyp_body"


@dataclass(frozen=True)
class BodyQuarter:
    """A quarter as one body reports it: what permissions about a quarter's report are asked of
    (``indicators.view_quarter``), since a quarter is published per body."""

    committee: Committee
    quarter: Quarter

    @cached_property
    def publication(self) -> QuarterPublication | None:
        return self.quarter.publication_for(self.committee)

    @property
    def is_published(self) -> bool:
        return self.publication is not None


#: What a reporting period of each kind is called in a sentence ("this month", "the latest quarter published").
PERIOD_WORDS = {PeriodKind.QUARTER.value: "quarter", PeriodKind.MONTH.value: "month"}


def period_word(of: Committee | Quarter | None) -> str:
    """ "month" for a body that reports monthly (``Committee.report_period``) or a month (``Quarter.kind``), else
    "quarter" (no body: quarter). Pages say "this month" to a monthly body and "this quarter" to a quarterly one
    (the ``period_word`` template filter, ``cyp_periods``)."""
    kind = getattr(of, "report_period", None) or getattr(of, "kind", None) or PeriodKind.QUARTER
    return PERIOD_WORDS.get(str(kind), "quarter")


def bodies_visible(user) -> list[Committee]:
    """The bodies the person sees, in the council's order, read once per user object."""
    if not visible_body_ids(user):  # reads the bodies with their ids, once per user object
        return []
    return user._cyp_visible_bodies


def body_or_none(request, committee: Committee | None = None) -> Committee | None:
    """As ``body_for``, but None (not a 404) when the person sees no body at all and none is named."""
    user = request.user
    if committee is not None:
        if committee.pk not in visible_body_ids(user):
            raise Http404("No such committee, board or panel")
        _remember(request, committee)
        return committee
    bodies = bodies_visible(user)
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    body = next((body for body in bodies if body.pk == chosen), bodies[0] if bodies else None)
    request.cyp_body = body
    return body


def body_for(request, committee: Committee | None = None) -> Committee:
    """The body the page is about: the one the address names (404 when the person may not see it),
    else the one they chose last, else the first they see (404 when they see none).

    Side effect: a body named in the address becomes the person's choice (the switcher marks it
    and addresses without a body follow it).
    """
    body = body_or_none(request, committee)
    if body is None:
        raise Http404("You do not sit on or serve any committee, board or panel yet")
    return body


def body_visible_or_404(request, committee: Committee) -> Committee:
    """For objects with their own address (a meeting, plan, action): 404 unless the person sees their body.

    The page is about that body (the switcher and the title say so); unlike an address that names the
    body, it does not change the person's choice.
    """
    if committee is None or committee.pk not in visible_body_ids(request.user):
        raise Http404("No such page")
    request.cyp_body = committee
    return committee


def _remember(request, committee: Committee) -> None:
    request.cyp_body = committee
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY) != committee.pk:
        session[SESSION_KEY] = committee.pk
