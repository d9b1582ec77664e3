"""Pages for indicators: the quarter's dashboard, an indicator's page, export and import."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from cyp.models import Committee, Quarter
from indicators import rag
from indicators.selectors import SORTS, quarter_rows


def quarter_from_slug(slug: str) -> Quarter:
    """ "2024-25-Q1" in a URL is the quarter 2024/25-Q1."""
    try:
        start_year, number = Quarter.parse_label(slug.replace("-", "/", 1))
    except ValueError:
        raise Http404("No such quarter") from None
    quarter = Quarter.objects.select_related("year").filter(year__start_year=start_year, number=number).first()
    if quarter is None:
        raise Http404("No such quarter")
    return quarter


def quarter_slug(quarter: Quarter) -> str:
    return quarter.label.replace("/", "-")


def the_committee() -> Committee:
    committee = Committee.objects.order_by("id").first()
    if committee is None:
        raise Http404("No committee has been set up")
    return committee


@login_required
def dashboard(request, quarter):
    quarter = quarter_from_slug(quarter)
    if not request.user.has_perm("indicators.view_quarter", quarter):
        raise PermissionDenied
    committee = the_committee()
    area = request.GET.get("area") or None
    area_id = int(area) if area and area.isdigit() else None
    rag_filter = request.GET.get("rag") or None
    sort = request.GET.get("sort") or "number"
    rows = quarter_rows(committee=committee, quarter=quarter, service_area_id=area_id, rag_filter=rag_filter, sort=sort)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "quarter": quarter,
            "quarter_slug": quarter_slug(quarter),
            "committee": committee,
            "rows": rows,
            "service_areas": committee.service_areas.all(),
            "area_id": area_id,
            "rag_filter": rag_filter,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "statuses": [(s.value.lower().replace(" ", "-"), s.value) for s in rag.REPORT_ORDER],
            "key": rag.key_text(committee.rag_wording),
        },
    )


@login_required
def indicator_detail(request, number):
    raise Http404
