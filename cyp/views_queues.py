"""“Waiting for me” (``cyp.queues``): the page, and the count the menu shows beside its link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html

from cyp.queues import queue_for


@login_required
def waiting_for_me(request):
    """Everything the person must act on next, by kind, oldest first, each a link to where it is done."""
    if not request.user.has_perm("cyp.view_queue"):
        raise PermissionDenied("Only council staff have work waiting for them here.")
    return render(request, "queues/waiting.html", {"queue": queue_for(user=request.user)})


@login_required
def waiting_count(request):
    """htmx: the menu's badge, loaded after the page so that no page pays for the queue's queries."""
    if not request.user.has_perm("cyp.view_queue"):
        return HttpResponse("")
    count = queue_for(user=request.user).count
    if not count:
        return HttpResponse("")
    return HttpResponse(
        format_html(
            '<span class="badge text-bg-warning" id="waiting-count">{}'
            '<span class="visually-hidden"> waiting</span></span>',
            count,
        )
    )
