from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from indicators.selectors import landing_quarter_for
from indicators.views import quarter_slug


@login_required
def home(request):
    """The quarter the person lands on (``landing_quarter_for``), or a page that says there is none yet."""
    quarter = landing_quarter_for(user=request.user)
    if quarter is None:
        return render(
            request,
            "home_empty.html",
            {"is_staff_role": request.user.has_perm("indicators.view_unpublished")},
        )
    return redirect("dashboard", quarter=quarter_slug(quarter))


def health(request):
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
