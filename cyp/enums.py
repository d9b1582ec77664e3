from django.db import models


class Role(models.TextChoices):
    SERVICE_LEAD = "service_lead", "Service lead"
    GOVERNANCE = "governance", "Governance team"
    MEMBER = "member", "Committee member"
    ADMINISTRATOR = "administrator", "Administrator"


class RagWording(models.TextChoices):
    """Which published wording of the RAG boundaries a committee uses (see indicators.rag)."""

    REPORT_KEY = "report_key", "Performance report key: Red beyond 10% off target, Blue beyond 5% over"
    COVER_PAPER = "cover_paper", "Cover paper: Red 10% or more off target, Blue 5% or more over"
