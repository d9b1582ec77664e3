"""Pages for indicators: the quarter's dashboard and an indicator's page (export and import: views_io)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cyp.bodies import BodyQuarter, body_for, body_or_none
from cyp.models import Committee, Quarter, QuarterPublication
from indicators import rag, reporting
from indicators.charts import trend_chart_data, trend_chart_summary
from indicators.formatting import format_target_of, format_value, format_variance, period_covered
from indicators.models import Indicator
from indicators.selectors import (
    NOT_UPDATED_LABEL,
    NOT_UPDATED_SLUG,
    SORTS,
    indicator_page,
    landing_quarter_for,
    quarter_rows,
    quarters_for,
    rag_counts,
)

#: The RAG filter's choices: every status in the cover paper's order, then "Not rated".
RAG_FILTERS = [
    *((status.value.lower().replace(" ", "-"), status.value) for status in rag.REPORT_ORDER),
    (NOT_UPDATED_SLUG, NOT_UPDATED_LABEL),
    (reporting.group_slug(reporting.NOT_AVAILABLE), reporting.NOT_AVAILABLE),
    ("none", "Not rated"),
]


def quarter_or_404(slug: str) -> Quarter:
    """The period a ``?quarter=`` (or ``?period=``) parameter names: "2024-25-Q1" a quarter, "2024-08" a month."""
    quarter = Quarter.objects.from_slug(slug)
    if quarter is None:
        raise Http404("No such quarter or month")
    return quarter


@login_required
def home(request, committee: Committee | None = None):
    """The body's dashboard of the quarter the person lands on (``landing_quarter_for``), or a page that
    says there is none yet. Without a body in the address, the person's body (``cyp.bodies``)."""
    committee = body_or_none(request, committee)
    quarter = landing_quarter_for(user=request.user, committee=committee) if committee is not None else None
    if quarter is None:
        return render(
            request,
            "home_empty.html",
            {"is_staff_role": request.user.has_perm("indicators.view_unpublished"), "committee": committee},
        )
    return redirect("dashboard", committee=committee, quarter=quarter)


def table_rows(rows, *, quarter_slug: str, committee: Committee) -> list[dict[str, object]]:
    """The dashboard's cells as printed strings, one dict per indicator.

    The dashboard may list hundreds of indicators: the cells are formatted here
    once and the ``dashboard_rows`` tag escapes them into the table in one pass
    (see bench/README.md for what this saves).
    """
    # One reverse for the whole table (it costs more than the rest of a row); only the number changes.
    url_pattern = (
        reverse("indicator_detail", kwargs={"committee": committee, "number": 0}).removesuffix("0/")
        + "{}/?quarter="
        + quarter_slug
    )
    cells = []
    for row in rows:
        indicator, current, previous = row.indicator, row.current, row.previous
        cells.append(
            {
                "number": indicator.number,
                "url": url_pattern.format(indicator.number),
                "name": indicator.name,
                "service_area": (
                    f"{indicator.service_area.name} · from the {indicator.home_body} "
                    f"(its indicator {indicator.home_number})"
                    if indicator.is_shared
                    else indicator.service_area.name
                ),
                "not_updated_reason": current.not_updated_reason if row.not_updated else "",
                "not_available": row.not_available_text,
                "current": row.current_display,
                "current_label": period_covered(current),
                "stale": row.stale_flag,
                "previous": row.previous_display,
                "previous_label": period_covered(previous),
                "target": row.targets_display,
                "arrow": row.direction_arrow,
                "direction": indicator.get_direction_display(),
                "change": row.change.value if row.change else "–",
                "sn_mean": row.fmt(current.sn_mean if current else None),
                "england_mean": row.fmt(current.england_mean if current else None),
                "region_mean": row.fmt(current.region_mean if current else None),
                "other_mean": row.fmt(current.other_mean if current else None),
                "other_label": current.other_mean_label if current and current.other_mean is not None else "",
                "deviation": row.deviation_display,
                "rag": row.rag or (reporting.NOT_AVAILABLE if row.not_available else "Not rated"),
                "rag_slug": row.rag_slug,
            }
        )
    return cells


#: The comparators a figure may carry beside statistical neighbours and England, each a column of the
#: dashboard only when some row has one (so a body without them keeps its table as it was).
OPTIONAL_COMPARATORS = (("region", "region_mean"), ("other", "other_mean"))


def comparator_columns(rows) -> tuple[str, ...]:
    """Which optional comparator columns ("region", "other") the rows' current figures give a value to."""
    return tuple(
        name
        for name, field in OPTIONAL_COMPARATORS
        if any(row.current is not None and getattr(row.current, field) is not None for row in rows)
    )


def history_rows(history: list[dict], *, indicator) -> list[dict[str, object]]:
    """The history table's cells as printed strings, newest first (see ``table_rows``)."""

    def fmt(value) -> str:
        return format_value(value, indicator.unit, indicator.decimals)

    cells = []
    for entry in reversed(history):
        figure, target, rating = entry["figure"], entry["target"], entry["rating"]
        if target is None:
            target_text = "No target"
        elif target.is_numeric:
            target_text = format_target_of(target, indicator.unit, indicator.decimals)
        else:
            target_text = target.get_status_display()
        status = rating.status.value if rating.status else None
        cells.append(
            {
                "period": figure.period_label,
                "not_updated_reason": figure.not_updated_reason if figure.not_updated else "",
                "not_available": (
                    reporting.not_available_text(figure.not_available_reason, derived=figure.derived)
                    if figure.not_available
                    else ""
                ),
                "value": fmt(figure.value),
                "sn_mean": fmt(figure.sn_mean),
                "england_mean": fmt(figure.england_mean),
                "target": target_text,
                "deviation": format_variance(rating),
                "rag": status or (reporting.NOT_AVAILABLE if figure.not_available else "Not rated"),
                "rag_slug": status.lower().replace(" ", "-") if status else "none",
                "change": entry["change"].value if entry["change"] else "–",
            }
        )
    return cells


def _sort_from(value: str | None) -> str:
    """The sort asked for when it is one we know ("-" reverses it), else by number."""
    if value and value.lstrip("-") in SORTS:
        return value
    return "number"


@login_required
def dashboard(request, quarter: Quarter, committee: Committee | None = None):
    """Every indicator of the body as the quarter reports it, filtered by service area and RAG, sorted.

    Members may see the quarters the body has published only (403 otherwise, with
    nothing of the quarter shown). Choosing another quarter in the form redirects
    to its page, keeping the filters.
    """
    committee = body_for(request, committee)
    body_quarter = BodyQuarter(committee=committee, quarter=quarter)
    if not request.user.has_perm("indicators.view_quarter", body_quarter):
        raise PermissionDenied
    chosen = request.GET.get("quarter")
    if chosen and chosen != quarter.slug:
        params = request.GET.copy()
        del params["quarter"]
        url = reverse("dashboard", kwargs={"committee": committee, "quarter": quarter_or_404(chosen)})
        return redirect(f"{url}?{params.urlencode()}" if params else url)

    service_areas = list(committee.service_areas.all())
    area = next((a for a in service_areas if a.slug == request.GET.get("area")), None)
    rag_filter = request.GET.get("rag") if request.GET.get("rag") in dict(RAG_FILTERS) else ""
    sort = _sort_from(request.GET.get("sort"))
    rows = quarter_rows(
        committee=committee,
        quarter=quarter,
        service_area_id=area.id if area else None,
        sort=sort,
        viewer=request.user,
    )
    counts = rag_counts(rows)
    shown = [row for row in rows if row.summary_slug == rag_filter] if rag_filter else rows
    return render(
        request,
        "indicators/dashboard.html",
        {
            "quarter": quarter,
            "quarter_slug": quarter.slug,
            "quarters": _quarter_choices(user=request.user, committee=committee),
            "publication": body_quarter.publication,
            "committee": committee,
            "rows": table_rows(shown, quarter_slug=quarter.slug, committee=committee),
            "comparator_columns": comparator_columns(rows),
            "total": len(rows),
            "counts": counts,
            "service_areas": service_areas,
            "area": area,
            "rag_filter": rag_filter,
            "rag_filter_label": dict(RAG_FILTERS).get(rag_filter, ""),
            # A three-band body never rates Blue: its filter does not offer it.
            "rag_filters": [
                (slug, label)
                for slug, label in RAG_FILTERS
                if committee.rag_scheme.has_blue or label != rag.Status.BLUE.value
            ],
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "key": rag.key_text(committee.rag_scheme),
            "zero_target_rule": rag.ZERO_TARGET_RULE,
            "can_export": request.user.has_perm("indicators.export_quarter", body_quarter),
        },
    )


def _quarter_choices(*, user, committee: Committee) -> list[tuple[str, str, bool]]:
    """(slug, name, published for the body) of every quarter the person may see of the body (one query)."""
    published = Exists(QuarterPublication.objects.filter(committee=committee, quarter=OuterRef("pk")))
    quarters = quarters_for(user=user, committee=committee).annotate(published_here=published)
    return [(q.slug, q.display, q.published_here) for q in quarters]


@login_required
def indicator_detail(request, number, committee: Committee | None = None):
    """An indicator's definition, targets, history and trend chart, as far as the person may see.

    The summary at the top is the indicator as a quarter reports it: the quarter
    in ``?quarter=`` (which the person must be allowed to see), else the one
    they land on. Members see figures up to the end of the latest published
    quarter only.
    """
    if not request.user.has_perm("indicators.view_catalogue"):
        raise PermissionDenied
    committee = body_for(request, committee)
    if request.GET.get("quarter"):
        quarter = quarter_or_404(request.GET["quarter"])
        if not request.user.has_perm("indicators.view_quarter", BodyQuarter(committee=committee, quarter=quarter)):
            raise PermissionDenied
    else:
        quarter = landing_quarter_for(user=request.user, committee=committee)
    try:
        page = indicator_page(committee=committee, number=number, user=request.user, quarter=quarter)
    except Indicator.DoesNotExist:
        raise Http404("No such indicator") from None
    chart = trend_chart_data(indicator=page.indicator, history=page.history)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "committee": committee,
            "page": page,
            "indicator": page.indicator,
            "row": page.reported,
            "quarter": quarter,
            "quarter_slug": quarter.slug if quarter else "",
            "publication": quarter.publication_for(committee) if quarter else None,
            "history": history_rows(page.history, indicator=page.indicator),
            "chart": chart,
            "chart_summary": trend_chart_summary(chart),
            "members_limited": not request.user.has_perm("indicators.view_unpublished"),
            "key": rag.key_text(committee.rag_scheme),
        },
    )
