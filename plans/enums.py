from django.db import models


class PlanSource(models.TextChoices):
    """Where a plan comes from: what it answers."""

    OFSTED_INSPECTION = "ofsted_inspection", "Ofsted inspection"
    SLI_PROGRAMME = "sli_programme", "Sector Led Improvement programme"
    COMMITTEE_MINUTES = "committee_minutes", "Committee minutes action log"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"


class InspectionType(models.TextChoices):
    """Ofsted's framework for local authority children's services (seed 002, para 2.1)."""

    ILACS = "ILACS", "Inspection of Local Authority Children's Services (ILACS)"
    JTAI = "JTAI", "Joint Targeted Area Inspection (JTAI)"
    FOCUSED_VISIT = "focused_visit", "Focused visit"
    ANNUAL_CONVERSATION = "annual_conversation", "Annual conversation"


class ActionStatus(models.TextChoices):
    """The five statuses of an action, in the order the report's summary lists them."""

    COMPLETE = "complete", "Complete"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    NOT_STARTED = "not_started", "Not started"


#: CSS class suffix per status (plans.css): always shown with the word.
STATUS_SLUG = {
    ActionStatus.COMPLETE: "complete",
    ActionStatus.ON_TRACK: "on-track",
    ActionStatus.AT_RISK: "at-risk",
    ActionStatus.OFF_TRACK: "off-track",
    ActionStatus.NOT_STARTED: "not-started",
}


class FindingType(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
    STAFF_SURVEY_THEME = "staff_survey_theme", "Staff survey theme"


class Flag(models.TextChoices):
    """What cyp works out about an action on a day (plans.selectors.action_flags)."""

    OVERDUE = "overdue", "Overdue"
    NO_PROGRESS = "no_progress", "No approved progress"
    STALE = "stale", "No recent approved progress"
    NOT_SMART = "not_smart", "Not SMART"
