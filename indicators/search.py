"""Indicators in the search (``cyp.search``): by number or name, in the bodies the person sees."""

from __future__ import annotations

from django.urls import reverse

from cyp.audit_log import register_audit_body
from cyp.rules import visible_body_ids
from cyp.search import Hit, register_search, snippet, words_q
from indicators.models import Indicator


def indicators_search(*, user, words: list[str], limit: int) -> tuple[list[Hit], int]:
    """Two queries: the count and the first ``limit`` indicators, by body and number."""
    found = Indicator.objects.filter(
        words_q(words, ["name", "description"], number_fields=("number",)), committee_id__in=visible_body_ids(user)
    )
    hits = [
        Hit(
            title=f"{indicator.number}: {indicator.name}",
            url=reverse("indicator_detail", kwargs={"committee": indicator.committee, "number": indicator.number}),
            context=f"{indicator.committee.name}, {indicator.service_area.name}",
            text=snippet(indicator.description, words),
        )
        for indicator in found.select_related("committee", "service_area").order_by(
            "committee__position", "committee__name", "number"
        )[:limit]
    ]
    return hits, found.count()


def register() -> None:
    """From ``IndicatorsConfig.ready()``: the search's indicators, and which audited objects are a body's."""
    from indicators.models import Figure, Indicator, Target

    register_search("indicators", "Indicators", 10, indicators_search)
    register_audit_body(Indicator, lambda committee: Indicator.objects.filter(committee=committee).values("pk"))
    register_audit_body(Target, lambda committee: Target.objects.filter(indicator__committee=committee).values("pk"))
    register_audit_body(Figure, lambda committee: Figure.objects.filter(indicator__committee=committee).values("pk"))
