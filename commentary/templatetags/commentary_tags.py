"""Template tags other apps' pages use: an indicator's audit timeline, and the header's unread count.

On the indicator page::

    {% load commentary_tags %}
    {% indicator_timeline indicator %}

In the header: ``{% unread_notification_count as unread %}`` (one query).
"""

from django import template

from commentary.timeline import indicator_timeline as indicator_timeline_entries
from cyp.notifications import notifications_for

register = template.Library()


@register.inclusion_tag("commentary/partials/indicator_timeline.html", takes_context=True)
def indicator_timeline(context, indicator, heading_level: int = 2):
    """The indicator's history (catalogue, targets, figures, and the returns the user may see), newest first."""
    user = context["request"].user
    return {
        "timeline": indicator_timeline_entries(indicator=indicator, user=user),
        "heading_level": heading_level,
        "indicator": indicator,
    }


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notifications_for(user, unread_only=True).count()
