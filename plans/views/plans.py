"""The plans list, a plan's page and the report preview (HTML and PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cyp.bodies import body_for, body_visible_or_404
from plans.forms import OnDateForm
from plans.models import Plan, SliProgramme
from plans.report import plan_report_build
from plans.selectors import actions_needing_attention, plan_view, plans_for_list
from reports.render.pdf_layout import PackRenderError
from reports.render.pdf_plans import plan_report_pdf


def plan_or_404(request, plan_id: int) -> Plan:
    """The plan, or 404 when it does not exist or the person does not see its body."""
    plan = get_object_or_404(Plan.objects.select_related("committee", "programme"), pk=plan_id)
    body_visible_or_404(request, plan.committee)
    return plan


@login_required
def plan_list(request, committee=None):
    """The body's plans (``/bodies/<slug>/plans/``; without a body in the address, the person's body)."""
    committee = body_for(request, committee)
    if not request.user.has_perm("plans.view_plan"):
        raise PermissionDenied
    plans = list(plans_for_list(committee=committee))
    attention: dict[int, int] = {}
    for state in actions_needing_attention(on=timezone.localdate(), committee=committee, user=request.user):
        attention[state.action.plan_id] = attention.get(state.action.plan_id, 0) + 1
    return render(
        request,
        "plans/plan_list.html",
        {
            "committee": committee,
            "plans": [(plan, attention.get(plan.pk, 0)) for plan in plans],
            "programmes": SliProgramme.objects.filter(committee=committee).order_by("title"),
        },
    )


@login_required
def plan_detail(request, plan_id):
    plan = plan_or_404(request, plan_id)
    if not request.user.has_perm("plans.view_plan", plan):
        raise PermissionDenied
    form = OnDateForm(request.GET or None)
    view = plan_view(plan=plan, on=form.day(), user=request.user)
    return render(request, "plans/plan_detail.html", {"plan": plan, "view": view, "form": form})


@login_required
def plan_report(request, plan_id):
    """The report as it will stand in the pack, for a chosen day."""
    plan = plan_or_404(request, plan_id)
    if not request.user.has_perm("plans.view_report", plan):
        raise PermissionDenied
    form = OnDateForm(request.GET or None)
    report = plan_report_build(plan=plan, on=form.day())
    return render(request, "plans/report_preview.html", {"plan": plan, "report": report, "form": form})


@login_required
def plan_report_pdf_download(request, plan_id):
    plan = plan_or_404(request, plan_id)
    if not request.user.has_perm("plans.view_report", plan):
        raise PermissionDenied
    form = OnDateForm(request.GET or None)
    report = plan_report_build(plan=plan, on=form.day())
    try:
        pdf = plan_report_pdf(report)
    except PackRenderError as error:
        # The preview says which text to fix, as the pack's build would.
        messages.error(request, str(error))
        query = request.GET.urlencode()
        return redirect(reverse("plans:plan_report", args=[plan.pk]) + (f"?{query}" if query else ""))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.pk}-report-{report.on.isoformat()}.pdf"'
    return response
