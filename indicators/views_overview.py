"""The council overview: every body's indicators for a quarter on one page (the governance team's)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q
from django.shortcuts import redirect, render
from django.urls import reverse

from cyp.enums import PeriodKind
from cyp.models import Committee, Quarter
from indicators import rag, reporting
from indicators.overview import council_overview
from indicators.selectors import landing_quarter_for
from indicators.views import quarter_or_404, table_rows

#: The summary table's status columns: every group of the count table, in its order.
GROUP_COLUMNS = [(group, reporting.group_slug(group)) for group in reporting.GROUPS]
MOVEMENT_COLUMNS = [
    ("improved", "Improved"),
    ("declined", "Declined"),
    ("unchanged", "Unchanged"),
    ("not_comparable", "Not comparable"),
]


@login_required
def council_overview_page(request, quarter: Quarter | None = None):
    """Every body's RAG counts, movements and indicators for the quarter, with links into each dashboard.

    The governance team and administrators only (403 for anyone else, with nothing shown).
    Choosing another quarter in the form redirects to its page.
    """
    if not request.user.has_perm("indicators.view_overview"):
        raise PermissionDenied
    chosen = request.GET.get("quarter")
    if chosen and (quarter is None or chosen != quarter.slug):
        return redirect("council_overview", quarter=quarter_or_404(chosen))
    if quarter is None:
        quarter = landing_quarter_for(user=request.user, committee=None)
        if quarter is None:
            return render(request, "home_empty.html", {"is_staff_role": True, "committee": None})
    bodies = []
    for body in council_overview(quarter=quarter):
        counts = {group: count for group, _slug, count in body.counts}
        dashboard_url = reverse("dashboard", kwargs={"committee": body.committee, "quarter": quarter})
        bodies.append(
            {
                "overview": body,
                "anchor": f"body-{body.committee.slug}",
                "dashboard_url": dashboard_url,
                "groups": [
                    (group, slug, counts.get(group, 0), f"{dashboard_url}?rag={slug}") for group, slug in GROUP_COLUMNS
                ],
                "movements": [(label, len(getattr(body.tally, name))) for name, label in MOVEMENT_COLUMNS],
                "cells": table_rows(body.rows, quarter_slug=quarter.slug, committee=body.committee),
                "key": rag.key_text(body.committee.rag_scheme),
            }
        )
    return render(
        request,
        "indicators/overview.html",
        {
            "quarter": quarter,
            "quarter_slug": quarter.slug,
            "quarters": [(q.slug, q.display) for q in _overview_periods()],
            "sections": bodies,
            "group_columns": GROUP_COLUMNS,
            "movement_columns": MOVEMENT_COLUMNS,
            "indicator_total": sum(len(body["overview"].rows) for body in bodies),
        },
    )


def _overview_periods() -> list[Quarter]:
    """The quarters, then the months when some body reports monthly (its overview is of its months): one query.

    The page is the governance team's, who see every period (``quarters_for`` of no body gives the quarters).
    """
    monthly_body = Exists(Committee.objects.filter(report_period=PeriodKind.MONTH))
    return list(
        Quarter.objects.filter(Q(kind=PeriodKind.QUARTER) | Q(monthly_body, kind=PeriodKind.MONTH))
        .select_related("year")
        .order_by("-kind", "-year__start_year", "-number")
    )
