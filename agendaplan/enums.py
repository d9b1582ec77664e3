from django.db import models


class PlannedItemStatus(models.TextChoices):
    """Where a planned item stands. A deferred item sits under its new meeting, saying where it came from."""

    PLANNED = "planned", "Planned"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ON_AGENDA = "on_agenda", "On the agenda"


#: Items still to come to a meeting: they are printed in the plan, and counted by its deadlines.
OPEN_STATUSES = (PlannedItemStatus.PLANNED, PlannedItemStatus.DEFERRED)
