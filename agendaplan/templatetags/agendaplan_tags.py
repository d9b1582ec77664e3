"""The agenda plan's panel on a meeting's page: ``{% load agendaplan_tags %}{% meeting_agenda_plan meeting %}``.

The reports app does not import this app: its template asks for the panel, and the panel
shows only to people who may read the body's plan.
"""

from django import template

from agendaplan.selectors import meeting_plan

register = template.Library()


@register.inclusion_tag("agendaplan/meeting_panel.html", takes_context=True)
def meeting_agenda_plan(context, meeting):
    user = context.get("user")
    committee = meeting.committee
    if user is None or not user.has_perm("agendaplan.view_plan", committee):
        return {"entry": None}
    return {"entry": meeting_plan(meeting=meeting), "committee": committee}
