from django.db import models


class SummaryKind(models.TextChoices):
    """The lists of Part B (the summary), in the template's order and numbering."""

    PROGRESS = "progress", "1.1 Progress on areas for improvement from the last self-assessment"
    REGIONAL = "regional", "1.2 Regional areas for improvement last year"
    STRENGTH = "strength", "1.3 Outcomes we are proud of achieving this year"
    IMPROVE = "improve", "2.1 Top outcomes we need to improve"
    RISK = "risk", "2.2 Top risks for the future"
    INNOVATION = "innovation", "3 Innovation, pilots and good practice"


class Grade(models.TextChoices):
    """The optional grade of a block of statements, where the region uses one (Ofsted's four words)."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class TableSource(models.TextChoices):
    TYPED = "typed", "Typed in the document"
    CATALOGUE = "catalogue", "Drawn from the indicator catalogue"


class DocumentStatus(models.TextChoices):
    """Where the whole document stands; its sections each go through review (cyp.workflow)."""

    DRAFT = "draft", "Being written"
    SIGNED_OFF = "signed_off", "Signed off by the director"
    PUBLISHED = "published", "Published"
