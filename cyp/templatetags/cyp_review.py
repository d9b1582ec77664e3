"""``{% review_comment obj history_url %}``: the reviewer's latest comment, in a headed box at the top of the
form its writer is editing (a returned return, progress update, response or section).

The comment is read from the audit log (``cyp.audit.review_comment_latest``, one query) and only while the
work is back with its writer; the text is escaped by the template.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from cyp.audit import review_comment_latest
from cyp.dates import long_date
from cyp.enums import ReviewState

register = template.Library()


@register.inclusion_tag("queues/review_comment.html")
def review_comment(obj, history_url: str = ""):
    event = review_comment_latest(target=obj) if obj is not None and obj.state == ReviewState.RETURNED else None
    if event is None:
        return {"event": None}
    verb = "Reopened" if event.action.endswith(".reopen") else "Returned"
    who = str(event.actor) if event.actor else "the governance team"
    return {
        "event": event,
        "heading": f"{verb} by {who} on {long_date(timezone.localtime(event.created_at).date())}",
        "history_url": history_url,
    }
