"""The Sector Led Improvement programme: phases, findings, and the actions that answer them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from cyp.bodies import body_visible_or_404
from plans.enums import FindingType
from plans.models import Action, Finding, SliProgramme

PLURAL = {
    FindingType.STRENGTH: "Strengths",
    FindingType.AREA_FOR_DEVELOPMENT: "Areas for development",
    FindingType.STAFF_SURVEY_THEME: "Staff survey themes",
}


@login_required
def sli_programme_detail(request, programme_id):
    programme = get_object_or_404(SliProgramme.objects.select_related("committee"), pk=programme_id)
    body_visible_or_404(request, programme.committee)
    if not request.user.has_perm("plans.view_sliprogramme", programme):
        raise PermissionDenied
    findings = list(
        Finding.objects.filter(programme=programme)
        .select_related("phase")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("plan").order_by("position")))
        .order_by("position", "id")
    )
    groups = []
    for kind in FindingType:
        of_kind = [finding for finding in findings if finding.finding_type == kind]
        if of_kind:
            groups.append((kind, PLURAL[kind], of_kind))
    return render(
        request,
        "plans/sli_programme.html",
        {"programme": programme, "phases": list(programme.phases.order_by("number")), "groups": groups},
    )
