"""Improvement-plan actions in the search (``cyp.search``): by number, item, outcome, in the bodies the person sees."""

from __future__ import annotations

from django.urls import reverse

from cyp.audit_log import register_audit_body
from cyp.rules import visible_body_ids
from cyp.search import Hit, register_search, snippet, words_q
from plans.models import Action


def actions_search(*, user, words: list[str], limit: int) -> tuple[list[Hit], int]:
    """Two queries. The action's own text only: progress has its own visibility (``progress_visible_to``)."""
    if not user.has_perm("plans.view_plan"):
        return [], 0
    found = Action.objects.filter(
        words_q(words, ["number", "item", "outcome", "plan__title"]), plan__committee_id__in=visible_body_ids(user)
    )
    hits = [
        Hit(
            title=f"Action {action.number}: {snippet(action.item, words, width=120)}",
            url=reverse("plans:action_detail", kwargs={"action_id": action.pk}),
            context=f"{action.plan.title} ({action.plan.committee.name}); {action.get_status_display()}",
            text=snippet(action.outcome, words),
        )
        for action in found.select_related("plan", "plan__committee").order_by("-plan__plan_date", "plan", "position")[
            :limit
        ]
    ]
    return hits, found.count()


def register() -> None:
    """From ``PlansConfig.ready()``: the search's plan actions, and which audited objects are a body's."""
    from plans.models import Plan, ProgressUpdate

    register_search("actions", "Plan actions", 30, actions_search)
    register_audit_body(Plan, lambda committee: Plan.objects.filter(committee=committee).values("pk"))
    register_audit_body(Action, lambda committee: Action.objects.filter(plan__committee=committee).values("pk"))
    register_audit_body(
        ProgressUpdate, lambda committee: ProgressUpdate.objects.filter(action__plan__committee=committee).values("pk")
    )
