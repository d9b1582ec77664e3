"""The in-app scorecard page of a body whose report is a scorecard: ``/bodies/<slug>/scorecard/<period>/``."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from cyp.bodies import BodyQuarter, body_for
from cyp.enums import ReportLayout
from cyp.models import Committee, Quarter
from indicators.selectors import landing_quarter_for
from reports.render.html_scorecard import scorecard_context
from reports.scorecard import scorecard_build


@login_required
def scorecard_page(request, committee: Committee, quarter: Quarter | None = None):
    """The body's scorecard for the period, for whoever may see its dashboard for that period.

    Without a period, the one the person lands on (``landing_quarter_for``: a member's latest published). Members
    see published periods only (403 otherwise, nothing of the period shown), the figures as published, and no
    return commentary outside the pack: the page says the commentary is in the published pack. 404 for a body
    whose report is not a scorecard.
    """
    committee = body_for(request, committee)
    if committee.report_layout != ReportLayout.SCORECARD:
        raise Http404("This body's report is not a scorecard")
    if quarter is None:
        landing = landing_quarter_for(user=request.user, committee=committee)
        if landing is None:
            raise Http404("No period of this body's scorecard can be shown yet")
        return redirect("scorecard", committee=committee, quarter=landing)
    body_quarter = BodyQuarter(committee=committee, quarter=quarter)
    if not request.user.has_perm("indicators.view_quarter", body_quarter):
        raise PermissionDenied
    scorecard = scorecard_build(committee=committee, quarter=quarter, viewer=request.user)
    context = scorecard_context(scorecard, prefix="", level=1)
    context.update(
        committee=committee,
        quarter=quarter,
        publication=body_quarter.publication,
        commentary_withheld=not request.user.has_perm("indicators.view_unpublished"),
    )
    return render(request, "reports/scorecard_page.html", context)
