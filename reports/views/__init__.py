"""Pages of the reports app, by topic: meetings, agenda items and papers, packs."""


def posted(request, *, files: bool = False):
    """The form data of a POST (even an empty one, so the form is bound and says what is missing), else None."""
    if request.method != "POST":
        return (None, None) if files else None
    return (request.POST, request.FILES) if files else request.POST
