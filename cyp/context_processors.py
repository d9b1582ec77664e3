def navigation(request):
    """The role label for the header; menus themselves ask permissions in the template."""
    user = getattr(request, "user", None)
    return {"current_role": user.role_label if user is not None and user.is_authenticated else ""}
