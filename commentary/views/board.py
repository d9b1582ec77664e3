"""The governance board of a quarter, opening a quarter for returns, and a lead's "my returns"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentary.selectors import board_for, return_rows, returns_of_lead
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
    publications = QuarterPublication.objects.filter(quarter=quarter).select_related("committee")
    if committee is not None:
        publications = publications.filter(committee=committee)
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
            "can_open": request.user.has_perm("commentary.open_quarter", quarter),
        },
    )


@login_required
def governance_board_latest(request, committee: Committee | None = None):
    """The menu's "Returns board": the board of the latest open quarter (or the latest quarter)."""
    committee = _board_body(request, committee)
    if not request.user.has_perm("commentary.view_board"):
        raise PermissionDenied
    quarters = Quarter.objects.select_related("year").order_by("-year__start_year", "-number")
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
