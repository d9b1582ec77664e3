"""The governance team's correction of a figure a published pack printed."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cyp.bodies import body_for
from cyp.models import Committee
from indicators.forms import FigureCorrectionForm
from indicators.models import Figure, Indicator
from indicators.services import entered_basis, figure_correct, figure_lock_for, figure_locks


@login_required
def figure_correct_page(request, number, committee: Committee | None = None):
    """Choose one of the indicator's published figures (``?period_end=``) and correct it with a reason.

    Governance and administrators only. The published versions are not changed: the next version's
    change log names the correction.
    """
    committee = body_for(request, committee)  # first: another body's page does not exist (404), whoever asks
    if not request.user.has_perm("indicators.correct_figure"):
        raise PermissionDenied
    indicator = Indicator.objects.filter(committee=committee, number=number).first()
    if indicator is None:
        raise Http404("No such indicator")
    locks = figure_locks(committee_ids={indicator.committee_id}, indicator_ids={indicator.id})
    published = [
        (figure, lock)
        # The figures entered (a derived indicator's months): a derived figure follows its months' correction.
        for figure in Figure.objects.filter(indicator=indicator, basis=entered_basis(indicator)).order_by("-period_end")
        if (lock := figure_lock_for(locks, indicator=indicator, period_end=figure.period_end)) is not None
    ]
    chosen = _chosen(request, published)
    form = None
    if chosen is not None:
        figure = chosen[0]
        if request.method == "POST":
            form = FigureCorrectionForm(request.POST)
            if form.is_valid():
                try:
                    written = figure_correct(
                        indicator=indicator,
                        period_end=figure.period_end,
                        fields=form.figure_fields(),
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    changed = "; ".join(
                        f"{name.replace('_', ' ')} {old or '–'} → {new or '–'}"
                        for name, (old, new) in written.changes.items()
                    )
                    messages.success(
                        request,
                        f"Corrected indicator {indicator.number}, {figure.period_label}: {changed}. The published "
                        "pack stays as it was: assemble and publish the pack again, and the new version's change "
                        "log names the correction.",
                    )
                    return redirect("indicator_detail", committee=committee, number=indicator.number)
        else:
            form = FigureCorrectionForm(
                initial={
                    "period_end": figure.period_end,
                    **{name: getattr(figure, name) for name in FigureCorrectionForm.FIGURE_FIELDS},
                }
            )
    return render(
        request,
        "indicators/figure_correct.html",
        {"committee": committee, "indicator": indicator, "published": published, "chosen": chosen, "form": form},
    )


def _chosen(request, published):
    """The figure named by ``period_end`` (in the form or the address), else the latest published one."""
    text = request.POST.get("period_end") or request.GET.get("period_end")
    if not text:
        return published[0] if published else None
    try:
        period_end = datetime.date.fromisoformat(text)
    except ValueError:
        raise Http404("No such period") from None
    for figure, lock in published:
        if figure.period_end == period_end:
            return figure, lock
    raise Http404("No published figure for that period")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
