"""Pages that move data in and out: the figures export and the governance team's import upload."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def export_quarter(request, quarter):
    raise Http404


@login_required
def import_upload(request):
    raise Http404
