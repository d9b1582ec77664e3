"""The Corporate Parenting Board's August 2024 returns in the demo: not started, so the board's lead
(the demo's ``lead``, who leads its Corporate Parenting service area) has them to complete.

The board reports monthly (``cyp.demo``): August 2024 is the month open for its returns, due on
13 September 2024, before its meeting of 24 September. Created through ``returns_open_quarter`` (the one
writer of new returns, which opens a month for the bodies that report monthly), and only while some
board indicator has none: loading the demo again creates nothing and records nothing.
"""

from __future__ import annotations

from commentary.models import Return
from commentary.services import returns_open_quarter
from cyp.demo import BOARD_OPEN_MONTH, BOARD_SLUG
from cyp.models import Committee, Quarter, User
from indicators.enums import IndicatorStatus
from indicators.models import Indicator


def load(*, committee: Committee) -> int:
    """Open August 2024 for the board's indicators that have no return yet; how many returns were created."""
    month = Quarter.objects.months().select_related("year").get(year__start_year=2024, number=BOARD_OPEN_MONTH)
    board_indicators = Indicator.objects.filter(committee__slug=BOARD_SLUG, status=IndicatorStatus.ACTIVE)
    missing = board_indicators.exclude(pk__in=Return.objects.filter(quarter=month).values("indicator_id"))
    governance = User.objects.filter(username="governance").first()
    if governance is None or not missing.exists():
        return 0
    return returns_open_quarter(quarter=month, by=governance)
