"""What the return pages share: finding a return the user may see (404 otherwise)."""

from django.http import Http404

from commentary.models import Return
from commentary.selectors import return_get


def visible_return_or_404(request, pk: int) -> Return:
    """The return, or 404 when it does not exist or the user may not see it (its existence must not leak)."""
    ret = return_get(pk=pk)
    if ret is None or not request.user.has_perm("commentary.view_return", ret):
        raise Http404("No such return")
    return ret
