from django import template

from reports.selectors import meeting_deadlines, meetings_for_quarter

register = template.Library()


@register.inclusion_tag("reports/partials/quarter_deadlines.html", takes_context=True)
def quarter_deadlines(context, quarter):
    """The deadlines of every meeting that reports the quarter (one query)."""
    user = context.get("user")
    meetings = meetings_for_quarter(quarter=quarter) if quarter is not None else []
    committee = context.get("committee")  # on a body's board, only that body's meetings
    if committee is not None:
        meetings = [meeting for meeting in meetings if meeting.committee_id == committee.pk]
    return {
        "quarter": quarter,
        "committee": committee,
        "meetings": [{"meeting": meeting, "deadlines": meeting_deadlines(meeting=meeting)} for meeting in meetings],
        "can_manage": bool(user and user.has_perm("reports.manage_meeting")),
    }
