"""Template helpers of the plans app: the governance board's plan flags, and role names in words."""

from django import template
from django.utils import timezone

from cyp.enums import Role
from plans.selectors import actions_needing_attention, stale_days

register = template.Library()

#: The board lists at most this many actions per flag; the plan page lists them all.
BOARD_LIMIT = 10


@register.filter
def role_label(value: str) -> str:
    try:
        return Role(value).label
    except ValueError:
        return value


@register.inclusion_tag("plans/partials/board_flags_list.html", takes_context=True)
def plans_board_flags(context, quarter=None):
    """Improvement-plan actions needing attention today, grouped by flag, for the governance board.

    ``quarter`` is the board's quarter; the flags are worked out for today,
    because that is when someone has to act on them.
    """
    user = context.get("user")
    if user is None or not user.has_perm("plans.view_plan"):
        return {"visible": False}
    today = timezone.localdate()
    # On a body's board (``committee`` in the context) only that body's plans; else every body's.
    states = actions_needing_attention(on=today, committee=context.get("committee"), user=user)
    groups = [
        ("Overdue", [s for s in states if s.overdue]),
        ("No approved progress", [s for s in states if s.no_progress]),
        (f"No approved progress for {stale_days()} days", [s for s in states if s.stale]),
        ("Not SMART", [s for s in states if s.not_smart]),
    ]
    return {
        "visible": True,
        "today": today,
        "quarter": quarter,
        "groups": [(label, items[:BOARD_LIMIT], len(items)) for label, items in groups],
        "total": len(states),
    }
