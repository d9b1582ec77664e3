from django.db import models


class MinutesState(models.TextChoices):
    """Minutes are a draft until a later meeting of the body approves them as an accurate record."""

    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved as an accurate record"


class LogStatus(models.TextChoices):
    """The status of a minute action in the action log. A closed action leaves the log."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


#: Statuses of an action nothing more is asked of: no flag (``plans.flags``).
DONE_STATUSES = frozenset({LogStatus.COMPLETED, LogStatus.CLOSED})
#: Statuses still shown in the action log (of the body's page by default, and of the pack).
ON_LOG_STATUSES = (LogStatus.OPEN, LogStatus.IN_PROGRESS, LogStatus.COMPLETED)

#: CSS class suffix per status (minutes.css): always shown with the word.
STATUS_SLUG = {
    LogStatus.OPEN: "open",
    LogStatus.IN_PROGRESS: "in-progress",
    LogStatus.COMPLETED: "completed",
    LogStatus.CLOSED: "closed",
}
