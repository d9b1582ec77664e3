"""What every public response shares: read-only, cacheable by anyone, and the same for everyone.

``public_view`` wraps each public view: GET and HEAD only (no form posts here, so no CSRF token),
``Cache-Control: public, max-age=300``, and a check that the view left the session alone, so a
page a signed-in person opens is the page everyone gets and a shared cache may keep it.
``conditional`` answers ``If-None-Match`` / ``If-Modified-Since`` from the response's content
and the publication's time.
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

MAX_AGE = 300


def public_view(view):
    @require_safe
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304, 404):
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapped


def page(template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """A public page, rendered without the request: no context processor runs, so nothing reads the
    session or the signed-in person (no ``Vary: Cookie``, no CSRF cookie) and the page is the same for all."""
    return HttpResponse(render_to_string(template, context), status=status)


def not_found(message: str) -> HttpResponse:
    """The public site's own "not found" page (the app's one carries the staff header), saying what to do."""
    return page("public/not_found.html", {"message": message}, status=404)


def conditional(request, response: HttpResponse, *, last_modified: datetime.datetime | None) -> HttpResponse:
    """``response`` with a strong ETag (the SHA-256 of its content) and Last-Modified; a 304 when the
    client already holds it."""
    etag = quote_etag(hashlib.sha256(response.content).hexdigest())
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def open_to_all(response: HttpResponse) -> HttpResponse:
    """Open data may be read by any site's scripts (it is public and needs no credentials)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response
