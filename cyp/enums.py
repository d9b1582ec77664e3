from django.db import models


class Role(models.TextChoices):
    SERVICE_LEAD = "service_lead", "Service lead"
    GOVERNANCE = "governance", "Governance team"
    MEMBER = "member", "Committee member"
    ADMINISTRATOR = "administrator", "Administrator"


class CommitteeKind(models.TextChoices):
    """What sort of body a committee is: the word the council uses in its name and papers."""

    COMMITTEE = "committee", "Committee"
    BOARD = "board", "Board"
    PANEL = "panel", "Panel"
    SUB_COMMITTEE = "sub_committee", "Sub-committee"


class Cadence(models.TextChoices):
    """How often a body meets and is reported to (its reporting cycle)."""

    MONTHLY = "monthly", "Monthly"
    BIMONTHLY = "bimonthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    AS_NEEDED = "as_needed", "As needed"


class PeriodKind(models.TextChoices):
    """What a reporting period (``cyp.models.Quarter``) is: a quarter of the financial year or a month.

    A body reports on one kind (``Committee.report_period``): the CYP Committee by quarter, a
    corporate parenting scorecard by month. Returns, reminders, the dashboard, exports and the pack
    follow the body's kind.
    """

    QUARTER = "quarter", "Quarterly"
    MONTH = "month", "Monthly"


class RagBands(models.IntegerChoices):
    """How many performance bands a body's RAG scheme has (``indicators.rag.Scheme``)."""

    FOUR = 4, "Four: Red, Amber, Green, Blue (Blue beyond the upper threshold)"
    THREE = 3, "Three: Red, Amber, Green (on target or better is Green)"


class ReportLayout(models.TextChoices):
    """How a body's performance report is laid out in its pack (``reports.render``)."""

    PERFORMANCE_REPORT = "performance_report", "Performance report: cover with counts, a page per indicator"
    SCORECARD = "scorecard", "Scorecard: a block per measure with benchmarks and breakdowns"


class RagWording(models.TextChoices):
    """Which published wording of the RAG boundaries a committee uses (see indicators.rag)."""

    REPORT_KEY = "report_key", "Performance report key: Red beyond 10% off target, Blue beyond 5% over"
    COVER_PAPER = "cover_paper", "Cover paper: Red 10% or more off target, Blue 5% or more over"


class ReviewState(models.TextChoices):
    """The states of everything that goes through review: quarterly returns and progress updates."""

    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


class ReviewAction(models.TextChoices):
    SAVE = "save", "Save"
    SUBMIT = "submit", "Submit"
    RETURN = "return", "Return"
    APPROVE = "approve", "Approve"
    REOPEN = "reopen", "Reopen"
    WITHDRAW = "withdraw", "Withdraw"


class AuditAction(models.TextChoices):
    """The closed vocabulary of the audit log. Add a name here before recording it anywhere."""

    RETURN_SAVE = "return.save", "Return saved"
    RETURN_SUBMIT = "return.submit", "Return submitted"
    RETURN_WITHDRAW = "return.withdraw", "Return withdrawn from review"
    RETURN_BULK_APPROVE = "return.bulk_approve", "Returns approved together"
    RETURN_RETURN = "return.return", "Return sent back"
    RETURN_APPROVE = "return.approve", "Return approved"
    RETURN_REOPEN = "return.reopen", "Return reopened"
    RETURN_LOCK = "return.lock", "Return locked by publication"
    RETURN_SHARE = "return.share", "Return shared"
    PROGRESS_SAVE = "progress.save", "Progress update saved"
    PROGRESS_SUBMIT = "progress.submit", "Progress update submitted"
    PROGRESS_WITHDRAW = "progress.withdraw", "Progress update withdrawn from review"
    PROGRESS_RETURN = "progress.return", "Progress update sent back"
    PROGRESS_APPROVE = "progress.approve", "Progress update approved"
    PROGRESS_REOPEN = "progress.reopen", "Progress update reopened"
    INDICATOR_CHANGE = "indicator.change", "Indicator changed"
    TARGET_CHANGE = "target.change", "Target changed"
    INDICATOR_SHARE = "indicator.share", "Indicator reported to another body"
    INDICATOR_SHARE_CHANGE = "indicator.share_change", "Shared indicator's number changed"
    INDICATOR_UNSHARE = "indicator.unshare", "Indicator no longer reported to another body"
    BODY_TARGET_CHANGE = "body_target.change", "Body's own target changed"
    FIGURE_CHANGE = "figure.change", "Figure changed"
    FIGURE_CORRECT = "figure.correct", "Published figure corrected"
    IMPORT_INDICATORS = "import.indicators", "Indicators imported"
    IMPORT_TARGETS = "import.targets", "Targets imported"
    IMPORT_FIGURES = "import.figures", "Figures imported"
    PLAN_IMPORT = "plan.import", "Plan imported"
    PLAN_ACTION_CHANGE = "plan.action_change", "Plan action changed"
    PAPER_UPLOAD = "paper.upload", "Paper uploaded"
    PACK_ASSEMBLE = "pack.assemble", "Pack assembly started"
    PACK_READY = "pack.ready", "Pack assembled"
    PACK_FAIL = "pack.fail", "Pack assembly failed"
    PACK_PUBLISH = "pack.publish", "Pack published"
    PACK_DOWNLOAD = "pack.download", "Pack downloaded"
    MEETING_CHANGE = "meeting.change", "Meeting details changed"
    AGENDA_CHANGE = "agenda.change", "Agenda item changed"
    AGENDA_EXEMPT = "agenda.exempt", "Agenda item made exempt or public (Schedule 12A paragraph)"
    QUARTER_OPEN = "quarter.open", "Quarter opened for returns"
    PROGRESS_LOCK = "progress.lock", "Progress update locked by publication"
    AGENDA_PLAN_CHANGE = "agenda_plan.change", "Agenda plan item added or changed"
    AGENDA_PLAN_DEFER = "agenda_plan.defer", "Agenda plan item deferred"
    AGENDA_PLAN_WITHDRAW = "agenda_plan.withdraw", "Agenda plan item withdrawn"
    AGENDA_PLAN_TO_AGENDA = "agenda_plan.to_agenda", "Agenda plan item put on the agenda"
    SA_SECTION_SAVE = "sa_section.save", "Self-assessment section saved"
    SA_SECTION_SUBMIT = "sa_section.submit", "Self-assessment section submitted"
    SA_SECTION_WITHDRAW = "sa_section.withdraw", "Self-assessment section withdrawn from review"
    SA_SECTION_RETURN = "sa_section.return", "Self-assessment section sent back"
    SA_SECTION_APPROVE = "sa_section.approve", "Self-assessment section approved"
    SA_SECTION_REOPEN = "sa_section.reopen", "Self-assessment section reopened"
    SA_SECTION_ASSIGN = "sa_section.assign", "Self-assessment section assigned"
    SA_SECTION_LOCK = "sa_section.lock", "Self-assessment section locked by sign-off"
    SA_EVIDENCE_UPLOAD = "sa_evidence.upload", "Self-assessment evidence uploaded"
    SA_START = "self_assessment.start", "Self-assessment started from last year's"
    SA_CHANGE = "self_assessment.change", "Self-assessment context or summary changed"
    SA_SIGN_OFF = "self_assessment.sign_off", "Self-assessment signed off by the director"
    SA_PUBLISH = "self_assessment.publish", "Self-assessment published"
    SA_ACTION_CREATE = "self_assessment.action_create", "Area for improvement made a plan action"
    MINUTES_CHANGE = "minutes.change", "Minutes details changed"
    MINUTES_ITEM_CHANGE = "minutes.item_change", "Minute written or changed"
    MINUTES_PAPER_UPLOAD = "minutes.paper_upload", "Minutes uploaded as a paper"
    MINUTES_APPROVE = "minutes.approve", "Minutes approved as an accurate record"
    MINUTE_ACTION_CHANGE = "minutes.action_change", "Minute action recorded or changed"
    RESPONSE_SAVE = "response.save", "Response to a minute action saved"
    RESPONSE_SUBMIT = "response.submit", "Response to a minute action submitted"
    RESPONSE_WITHDRAW = "response.withdraw", "Response to a minute action withdrawn from review"
    RESPONSE_RETURN = "response.return", "Response to a minute action sent back"
    RESPONSE_APPROVE = "response.approve", "Response to a minute action approved"
    RESPONSE_REOPEN = "response.reopen", "Response to a minute action reopened"
    RESPONSE_LOCK = "response.lock", "Response to a minute action locked by publication"
    PASSWORD_RESET_REQUEST = "password.reset_request", "Password reset link requested"
    PASSWORD_SET = "password.set", "Password set with an e-mailed link"
    SIGNIN_SSO = "signin.sso", "Signed in with single sign-on"
    SIGNIN_SSO_REFUSE = "signin.sso_refuse", "Single sign-on refused"


class NotificationKind(models.TextChoices):
    """The closed vocabulary of notifications. Add a kind here before sending one (cyp.notifications)."""

    RETURN_SUBMITTED = "return.submitted", "Return submitted for review"
    RETURN_RETURNED = "return.returned", "Return sent back"
    RETURN_APPROVED = "return.approved", "Return approved"
    RETURN_REOPENED = "return.reopened", "Return reopened"
    RETURN_WITHDRAWN = "return.withdrawn", "Return withdrawn from review"
    RETURNS_DUE = "returns.due", "Returns due"
    RETURNS_OVERDUE = "returns.overdue", "Returns overdue"
    PROGRESS_SUBMITTED = "progress.submitted", "Progress update submitted for review"
    PROGRESS_WITHDRAWN = "progress.withdrawn", "Progress update withdrawn from review"
    PROGRESS_RETURNED = "progress.returned", "Progress update sent back"
    PROGRESS_APPROVED = "progress.approved", "Progress update approved"
    PROGRESS_REOPENED = "progress.reopened", "Progress update reopened"
    PLAN_REMINDER = "plan.reminder", "Improvement plan action needs attention"
    PACK_PUBLISHED = "pack.published", "Committee pack published"
    SA_SECTION_SUBMITTED = "sa_section.submitted", "Self-assessment section submitted for review"
    SA_SECTION_RETURNED = "sa_section.returned", "Self-assessment section sent back"
    SA_SECTION_APPROVED = "sa_section.approved", "Self-assessment section approved"
    SA_SECTION_REOPENED = "sa_section.reopened", "Self-assessment section reopened"
    RESPONSE_SUBMITTED = "response.submitted", "Response to a minute action submitted for review"
    RESPONSE_RETURNED = "response.returned", "Response to a minute action sent back"
    RESPONSE_APPROVED = "response.approved", "Response to a minute action approved"
    RESPONSE_REOPENED = "response.reopened", "Response to a minute action reopened"
    MINUTE_ACTION_REMINDER = "minutes.action_reminder", "Minute action overdue"
