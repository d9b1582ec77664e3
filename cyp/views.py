from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from indicators.selectors import quarters_for
from indicators.views import quarter_slug


@login_required
def home(request):
    """The latest quarter the user may see, or a page that says none is published yet."""
    quarter = quarters_for(user=request.user).filter(is_open=True).first() or quarters_for(user=request.user).first()
    if quarter is None:
        return render(request, "home_empty.html")
    return redirect("dashboard", quarter=quarter_slug(quarter))


def health(request):
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
