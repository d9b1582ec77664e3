"""The Q1 2024/25 returns of the demo, as published (idempotent).

Every one of the 20 indicators gets its return with the published figures,
commentary and actions. Those that pass the submission checks are loaded as
approved by the governance demo user (audit event ``return.approve``, comment
"Loaded from the published Q1 2024/25 report"). Those that fail, the Red
indicators printed without actions (2, 10, 128, 130 and 133), are loaded as
drafts with the published text, so that the demo shows the system stopping
them. A return locked by a published pack is left alone.
"""

from __future__ import annotations

from django.utils import timezone

from commentary.models import FIGURE_FIELDS, Return
from commentary.selectors import return_rows
from cyp.audit import audit_record
from cyp.enums import AuditAction, ReviewState
from cyp.models import Committee, Quarter, User
from indicators.demo import PERIODS, read
from indicators.models import Figure, Indicator

COMMENT = "Loaded from the published Q1 2024/25 report"


def load(*, committee: Committee) -> dict[int, Return]:
    data = read("cyp_indicators_q1_2024_25.json")
    quarter = Quarter.objects.quarters().select_related("year").get(year__start_year=2024, number=1)
    governance = User.objects.filter(username="governance").first()
    indicators = {indicator.number: indicator for indicator in Indicator.objects.filter(committee=committee)}
    returns = {}
    for record in data["indicators"]:
        indicator = indicators[record["number"]]
        _, _, current_end = PERIODS[record["period_type"]][0]
        figure = Figure.objects.get(indicator=indicator, period_end=current_end)
        content = {name: getattr(figure, name) for name in FIGURE_FIELDS}
        content.update(commentary=record["commentary"], actions=record["actions"])
        returns[indicator.number] = _load_one(indicator=indicator, quarter=quarter, content=content, by=governance)
    return returns


def _load_one(*, indicator: Indicator, quarter: Quarter, content: dict, by) -> Return:
    ret = Return.objects.filter(indicator=indicator, quarter=quarter).first()
    if ret is not None and ret.locked:
        return ret
    created = ret is None
    if created:
        ret = Return(indicator=indicator, quarter=quarter)
    stored_state = None if created else ret.state
    changed = created or any(getattr(ret, name) != value for name, value in content.items())
    for name, value in content.items():
        setattr(ret, name, value)
    # The checks decide the state: a Red indicator without actions cannot be approved.
    state = ReviewState.DRAFT if return_rows([ret])[0].problems else ReviewState.APPROVED
    if not changed and stored_state == state:
        return ret
    now = timezone.now()
    ret.state = state
    ret.updated_at = now
    ret.state_changed_at = now
    ret.state_changed_by = by if state == ReviewState.APPROVED else None
    if not created:
        ret.version += 1
    ret._history_user = by
    ret._change_reason = COMMENT
    ret.save()
    approved = state == ReviewState.APPROVED
    audit_record(
        action=AuditAction.RETURN_APPROVE if approved else AuditAction.RETURN_SAVE,
        target=ret,
        actor=by if approved else None,
        changes={"state": [stored_state or ReviewState.NOT_STARTED.value, state.value]},
        comment=COMMENT,
    )
    return ret
