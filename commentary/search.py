"""Returns in the search (``cyp.search``): by indicator, period and commentary, as the person may see them."""

from __future__ import annotations

from django.urls import reverse

from commentary.selectors import returns_visible_to
from cyp.audit_log import register_audit_body
from cyp.rules import visible_body_ids
from cyp.search import Hit, register_search, snippet, words_q


def returns_search(*, user, words: list[str], limit: int) -> tuple[list[Hit], int]:
    """The returns ``user`` may see (``returns_visible_to``) in the bodies they see: two queries."""
    found = returns_visible_to(user=user).filter(
        words_q(
            words,
            ["indicator__name", "period_label", "commentary", "actions", "not_updated_reason"],
            number_fields=("indicator__number",),
        ),
        indicator__committee_id__in=visible_body_ids(user),
    )
    hits = []
    for ret in found.order_by("-quarter__year__start_year", "-quarter__number", "indicator__number")[:limit]:
        text = next((t for t in (ret.commentary, ret.actions, ret.not_updated_reason) if _has(t, words)), "")
        hits.append(
            Hit(
                title=f"Indicator {ret.indicator.number}: {ret.indicator.name}, {ret.quarter.display}",
                url=reverse("return_detail", kwargs={"pk": ret.pk}),
                context=f"{ret.indicator.committee.name}; {ret.get_state_display()}; period {ret.period_label}",
                text=snippet(text or ret.commentary, words),
            )
        )
    return hits, found.count()


def _has(text: str, words: list[str]) -> bool:
    lowered = (text or "").lower()
    return any(word.lower() in lowered for word in words)


def register() -> None:
    """From ``CommentaryConfig.ready()``: the search's returns, and which returns the audit log counts as a body's."""
    from commentary.models import Return

    register_search("returns", "Returns", 20, returns_search)
    register_audit_body(Return, lambda committee: Return.objects.filter(indicator__committee=committee).values("pk"))
