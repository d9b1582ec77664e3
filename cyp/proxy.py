"""The address of the person at the other end, behind as many reverse proxies as we trust.

django-axes counts failed sign-ins per username and address (``AXES_CLIENT_IP_CALLABLE`` points
here). Behind a reverse proxy every request comes from the proxy's address, so the address must be
read from ``X-Forwarded-For``, which each proxy extends with the address it received the request
from. Only the right-most ``CYP_TRUSTED_PROXY_COUNT`` entries were written by our proxies; anything
to their left came from the client and may be invented, so the client is the entry at that count
from the right. With a count of 0 (no proxy, the embedded default) the header is ignored.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.CYP_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # not every trusted proxy added its entry: do not trust what is there
    return forwarded[-count]
