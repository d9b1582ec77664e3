from django.utils.functional import SimpleLazyObject

from cyp.bodies import bodies_visible, body_or_none


def navigation(request):
    """The role label for the header, and the bodies for the switcher (read only when a page shows them);
    menus themselves ask permissions in the template."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_role": "", "bodies": [], "current_body": None}
    return {
        "current_role": user.role_label,
        "bodies": SimpleLazyObject(lambda: bodies_visible(user)),
        "current_body": SimpleLazyObject(lambda: _current_body(request)),
    }


def _current_body(request):
    """The body the page is about (set by ``cyp.bodies`` when the view resolved one), else the person's choice."""
    if hasattr(request, "cyp_body"):
        return request.cyp_body
    return body_or_none(request)
