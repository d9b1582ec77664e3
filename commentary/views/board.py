"""The governance board of a quarter, opening a quarter for returns, and a lead's "my returns"."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from commentary.board_filter import board_filter_parse, board_filtered, filter_options, is_clean, why_not_clean
from commentary.bulk import BULK_LIMIT, BulkRefused, returns_bulk_approve
from commentary.selectors import board_for, return_rows, returns_for_quarter, returns_of_lead
from commentary.services import returns_open_quarter
from cyp.bodies import bodies_visible, body_for
from cyp.models import Committee, Quarter, QuarterPublication


def _board_body(request, committee: Committee | None) -> Committee | None:
    """The body the board is filtered by: the address's, else ``?body=<slug>``, else none (every body)."""
    if committee is not None:
        return body_for(request, committee)
    slug = request.GET.get("body")
    if not slug:
        return None
    chosen = next((body for body in bodies_visible(request.user) if body.slug == slug), None)
    if chosen is None:
        raise Http404("No such committee, board or panel")
    return chosen


@login_required
def governance_board(request, quarter: Quarter, committee: Committee | None = None):
    """Every return of the quarter by service area: state, who holds it, the deadline, warnings; counts on top.

    Across every body, or one body's (``/bodies/<slug>/quarters/<quarter>/board/`` or ``?body=<slug>``).
    """
    committee = _board_body(request, committee)  # first: another body's page does not exist (404), whoever asks
    if not request.user.has_perm("commentary.view_board", quarter):
        raise PermissionDenied
    board = board_for(quarter=quarter, committee=committee)
    options = filter_options(board)
    chosen = board_filter_parse(request.GET, options)
    for error in chosen.errors:
        messages.warning(request, error)
    filtered = board_filtered(board, chosen)
    publications = QuarterPublication.objects.filter(quarter=quarter).select_related("committee")
    if committee is not None:
        publications = publications.filter(committee=committee)
    can_approve = request.user.has_perm("commentary.approve_return")
    return render(
        request,
        "commentary/board.html",
        {
            "quarter": quarter,
            "quarter_slug": quarter.slug,
            "committee": committee,
            "bodies": bodies_visible(request.user),
            "publications": list(publications),
            "board": board,
            "filters": chosen,
            "options": options,
            "filtered": filtered,
            "clear_url": _board_url(quarter, committee),
            "can_approve": can_approve,
            "approve_all_url": _bulk_url(quarter, [row.ret.pk for row in filtered.clean]) if can_approve else "",
            "can_open": request.user.has_perm("commentary.open_quarter", quarter),
        },
    )


def _board_url(quarter: Quarter, committee: Committee | None) -> str:
    if committee is not None:
        return reverse("governance_board", kwargs={"committee": committee, "quarter": quarter})
    return reverse("governance_board", kwargs={"quarter": quarter})


def _bulk_url(quarter: Quarter, ids: list[int]) -> str:
    return reverse("returns_bulk_approve", kwargs={"quarter": quarter}) + "?" + urlencode([("ret", pk) for pk in ids])


def _ids(values) -> list[int] | None:
    """Return ids from the form, in order and once each; None when one is not a number."""
    try:
        return list(dict.fromkeys(int(value) for value in values))
    except (TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def returns_bulk_approve_view(request, quarter: Quarter):
    """Approve several clean returns of the period with one confirmation (``commentary.bulk``).

    GET (from the board's check boxes, ``?ret=<id>&ret=<id>``) shows the confirmation: the clean
    returns with the version each is at, and those that cannot be approved together, and why.
    POST approves the confirmed list, all or nothing, and goes back to the board.
    """
    if not (request.user.has_perm("commentary.view_board") and request.user.has_perm("commentary.approve_return")):
        raise PermissionDenied
    board_url = _board_url(quarter, None)
    ids = _ids(request.POST.getlist("ret") if request.method == "POST" else request.GET.getlist("ret"))
    if ids is None:
        messages.error(request, "Returns to approve: the list holds something that is not a return; choose them again.")
        return redirect(board_url)
    if not ids:
        messages.error(request, "Returns to approve: tick at least one clean return on the board, then choose Approve.")
        return redirect(board_url)
    if len(ids) > BULK_LIMIT:
        messages.error(request, f"Returns to approve: choose at most {BULK_LIMIT} at once (you chose {len(ids)}).")
        return redirect(board_url)
    if request.method == "POST":
        return _bulk_approve_post(request, quarter, ids, board_url)
    chosen = set(ids)
    rows = return_rows([ret for ret in returns_for_quarter(quarter=quarter) if ret.pk in chosen])
    clean = [row for row in rows if is_clean(row)]
    others = [(row, why_not_clean(row)) for row in rows if not is_clean(row)]
    return render(
        request,
        "commentary/bulk_approve.html",
        {
            "quarter": quarter,
            "clean": clean,
            "others": others,
            "not_found": len(ids) - len(rows),
            "board_url": board_url,
        },
    )


def _bulk_approve_post(request, quarter: Quarter, ids: list[int], board_url: str):
    versions = {}
    for pk in ids:
        try:
            versions[pk] = int(request.POST.get(f"version_{pk}", ""))
        except ValueError:
            messages.error(request, "Returns to approve: the confirmation is incomplete; choose the returns again.")
            return redirect(board_url)
    try:
        approved = returns_bulk_approve(quarter=quarter, versions=versions, by=request.user)
    except BulkRefused as refused:
        messages.error(
            request,
            f"Nothing was approved: {len(refused.changed)} of the {len(versions)} returns you confirmed "
            f"{'has' if len(refused.changed) == 1 else 'have'} changed since. Look at "
            f"{'it' if len(refused.changed) == 1 else 'them'}, then choose the clean returns again.",
        )
        for item in refused.changed:
            messages.error(request, item.message)
        return redirect(board_url)
    count = len(approved)
    messages.success(
        request, f"Approved {count} return{'s' if count != 1 else ''}. Their figures are now on the dashboard."
    )
    return redirect(board_url)


@login_required
def governance_board_latest(request, committee: Committee | None = None):
    """The menu's "Returns board": the board of the latest open quarter (or the latest quarter)."""
    committee = _board_body(request, committee)
    if not request.user.has_perm("commentary.view_board"):
        raise PermissionDenied
    # The body's periods (its months when it reports monthly); across every body, quarters.
    quarters = Quarter.objects.for_body(committee).select_related("year").order_by("-year__start_year", "-number")
    quarter = quarters.filter(is_open=True).first() or quarters.first()
    if quarter is None:
        raise Http404("No quarter has been set up")
    if committee is not None:
        return redirect("governance_board", committee=committee, quarter=quarter)
    return redirect("governance_board", quarter=quarter)


@login_required
@require_POST
def quarter_open_returns(request, quarter: Quarter):
    """Create the quarter's not-started returns for every active indicator that has none (and open it)."""
    if not request.user.has_perm("commentary.open_quarter", quarter):
        raise PermissionDenied
    created = returns_open_quarter(quarter=quarter, by=request.user)
    if created:
        messages.success(request, f"{quarter.display} is open: {created} return{'s' if created != 1 else ''} created.")
    else:
        messages.info(request, f"Every active indicator already has a {quarter.display} return.")
    return redirect("governance_board", quarter=quarter)


@login_required
def my_returns(request):
    """A service lead's returns in open quarters, with what each needs next: every body's, or one's (``?body=``)."""
    if not request.user.has_perm("commentary.view_own_returns"):
        raise PermissionDenied
    committee = _board_body(request, None)
    rows = return_rows(list(returns_of_lead(user=request.user, committee=committee)))
    quarters: list[tuple] = []
    for row in rows:
        if not quarters or quarters[-1][0] != row.ret.quarter:
            quarters.append((row.ret.quarter, []))
        quarters[-1][1].append(row)
    return render(
        request,
        "commentary/my_returns.html",
        {"quarters": quarters, "committee": committee, "bodies": bodies_visible(request.user)},
    )
