"""Each person's own notifications, and marking them read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cyp.notifications import notification_mark_read, notifications_for


@login_required
def notifications(request):
    page = Paginator(notifications_for(request.user), 50).get_page(request.GET.get("page"))
    unread = notifications_for(request.user, unread_only=True).count()
    return render(request, "commentary/notifications.html", {"page": page, "unread": unread})


@login_required
@require_POST
def notifications_mark_read(request):
    """Mark one notification (``id``) or all of the user's own as read; another person's id changes nothing."""
    raw_id = request.POST.get("id", "")
    marked = notification_mark_read(user=request.user, notification_id=int(raw_id) if raw_id.isdigit() else None)
    if not raw_id:
        messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked as read.")
    return redirect("notifications")
