"""Messages about returns: deadline reminders and decisions, in the app and by e-mail, each sent once.

Sending is idempotent through ``notification_send``'s dedupe key: running a
task twice (or a worker retrying it) sends nothing twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from commentary.models import Return
from commentary.selectors import LEAD_HOLDS
from cyp.audit import audit_events_for
from cyp.enums import NotificationKind, ReviewAction, Role
from cyp.models import Quarter, User
from cyp.notifications import governance_team, notification_send


def return_owners(*, ret: Return) -> list[User]:
    """Who answers for a return: the active leads of its service area and the indicator's owner."""
    people = User.objects.filter(
        Q(service_areas=ret.indicator.service_area_id, role=Role.SERVICE_LEAD) | Q(pk=ret.indicator.owner_id),
        is_active=True,
    ).distinct()
    return list(people.order_by("pk"))


#: action -> (notification kind, subject words, body template)
DECISIONS = {
    ReviewAction.SUBMIT.value: (
        NotificationKind.RETURN_SUBMITTED,
        "submitted for review",
        "{who} submitted the {quarter} return for {indicator}: it is ready for review.",
    ),
    ReviewAction.WITHDRAW.value: (
        NotificationKind.RETURN_WITHDRAWN,
        "withdrawn from review",
        "{who} withdrew the {quarter} return for {indicator} from review to change it: it no longer waits for you.",
    ),
    ReviewAction.RETURN.value: (
        NotificationKind.RETURN_RETURNED,
        "sent back to you",
        "{who} sent the {quarter} return for {indicator} back to you.",
    ),
    ReviewAction.APPROVE.value: (
        NotificationKind.RETURN_APPROVED,
        "approved",
        "{who} approved the {quarter} return for {indicator}.",
    ),
    ReviewAction.REOPEN.value: (
        NotificationKind.RETURN_REOPENED,
        "reopened",
        "{who} reopened the {quarter} return for {indicator} and sent it back to you.",
    ),
}


def return_decision_notify(*, ret: Return, action: str, version: int) -> int:
    """Tell the return's owners that governance returned, approved or reopened it, or the governance team
    that a lead submitted or withdrew it; returns how many were sent.

    The key names the return, the decision and the version it produced, so a
    second decision of the same kind (returned twice) is a second message.
    """
    kind, words, template = DECISIONS[action]
    events = [event for event in audit_events_for(ret) if event.action == f"return.{action}"]
    comment = events[-1].comment if events else ""
    who = str(events[-1].actor) if events and events[-1].actor else "The governance team"
    to_governance = action in (ReviewAction.SUBMIT.value, ReviewAction.WITHDRAW.value)
    recipients = governance_team() if to_governance else return_owners(ret=ret)
    whose = "a return was" if to_governance else "your return was"
    subject = f"Indicator {ret.indicator.number} ({ret.quarter.label}): {whose} {words}"
    body = template.format(who=who, quarter=ret.quarter.display, indicator=ret.indicator)
    if comment:
        body += f"\n\nTheir comment:\n{comment}"
    url = reverse("return_detail", kwargs={"pk": ret.pk})
    sent = 0
    for person in recipients:
        sent += notification_send(
            recipient=person,
            kind=kind,
            subject=subject,
            body=body,
            url=url,
            dedupe_key=f"return:{ret.pk}:{action}:v{version}",
        )
    return sent


def reminder_days() -> tuple[int, ...]:
    return tuple(settings.CYP_REMINDER_DAYS_BEFORE)


def returns_remind(*, today: datetime.date) -> int:
    """Remind owners of returns not yet submitted: on each of the configured days before the deadline, and
    every day while overdue. One message per person, quarter and day listing their returns; returns how many
    messages were sent.
    """
    days_before = reminder_days()
    quarters = [
        quarter
        for quarter in Quarter.objects.filter(is_open=True, data_deadline__isnull=False).select_related("year")
        if (quarter.data_deadline - today).days in days_before or quarter.data_deadline < today
    ]
    sent = 0
    for quarter in quarters:
        days = (quarter.data_deadline - today).days
        outstanding = list(
            Return.objects.filter(quarter=quarter, state__in=LEAD_HOLDS, locked=False)
            .select_related("indicator", "indicator__service_area", "indicator__committee")
            .order_by("indicator__number")
        )
        by_person: dict[User, list[Return]] = {}
        for ret in outstanding:
            for person in return_owners(ret=ret):
                by_person.setdefault(person, []).append(ret)
        deadline = f"{quarter.data_deadline.day} {quarter.data_deadline:%B %Y}"
        overdue = days < 0
        kind = NotificationKind.RETURNS_OVERDUE if overdue else NotificationKind.RETURNS_DUE
        late = f"{-days} day{'s' if days != -1 else ''} overdue"
        soon = "tomorrow" if days == 1 else f"in {days} days"
        for person, returns in by_person.items():
            # A lead whose areas report to several bodies reads which body each return is for.
            several = len({ret.indicator.committee_id for ret in returns}) > 1
            lines = "\n".join(
                f"- Indicator {ret.indicator.number}: {ret.indicator.name} ({ret.get_state_display()})"
                + (f", {ret.indicator.committee.name}" if several else "")
                for ret in returns
            )
            one = len(returns) == 1
            count = f"{len(returns)} return{'' if one else 's'}"
            these, was, verb = ("This return", "was", "is") if one else ("These returns", "were", "are")
            if overdue:
                subject = f"{quarter.display}: {count} {verb} {late}"
                body = f"{these} {was} due on {deadline} and {verb} {late}:"
            else:
                subject = f"{quarter.display}: {count} due {soon}"
                body = f"{these} {verb} due on {deadline}, {soon}, and not yet submitted:"
            sent += notification_send(
                recipient=person,
                kind=kind,
                subject=subject,
                body=f"{body}\n{lines}",
                url=reverse("my_returns"),
                dedupe_key=f"quarter:{quarter.pk}:reminder:{today.isoformat()}",
            )
    return sent
