from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe


def health(request):
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@cache
def _favicon() -> bytes | None:
    found = finders.find("favicon.ico")
    return Path(found).read_bytes() if found else None


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on every page without a <link rel="icon"> (the admin, a PDF opened
    in the browser): the icon itself, cached for a day, so the log shows no 404 for it."""
    icon = _favicon()
    if icon is None:
        raise Http404("No favicon.ico among the static files.")
    response = HttpResponse(icon, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
