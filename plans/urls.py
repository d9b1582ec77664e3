from django.urls import path

from plans.views import actions, io, sli
from plans.views import plans as plan_views

app_name = "plans"

BODY = "bodies/<body:committee>/"  # the body's own addresses, as in indicators.urls

urlpatterns = [
    path(BODY + "plans/", plan_views.plan_list, name="plan_list"),
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/report/", plan_views.plan_report, name="plan_report"),
    path("plans/<int:plan_id>/report.pdf", plan_views.plan_report_pdf_download, name="plan_report_pdf"),
    path("plans/<int:plan_id>/export.xlsx", io.plan_export, name="plan_export"),
    path("plans/<int:plan_id>/import/", io.plan_import_upload, name="plan_import"),
    path("plans/actions/<int:action_id>/", actions.action_detail, name="action_detail"),
    path("plans/actions/<int:action_id>/change/", actions.action_edit, name="action_edit"),
    path("plans/actions/<int:action_id>/progress/", actions.progress_edit, name="progress_edit"),
    path("plans/progress/<int:update_id>/review/", actions.progress_review, name="progress_review"),
    path("plans/progress/<int:update_id>/withdraw/", actions.progress_withdraw_view, name="progress_withdraw"),
    path("plans/sli/<int:programme_id>/", sli.sli_programme_detail, name="sli_programme"),
]
