from django.urls import path

from minutes.views import actions, log, minutes

app_name = "minutes"

urlpatterns = [
    path("meetings/<int:pk>/minutes/", minutes.minutes_detail, name="minutes_detail"),
    path("meetings/<int:pk>/minutes/details/", minutes.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/new/", minutes.minute_item_edit, name="minute_item_create"),
    path("meetings/<int:pk>/minutes/<int:item_pk>/", minutes.minute_item_edit, name="minute_item_edit"),
    path("meetings/<int:pk>/minutes/paper/", minutes.minutes_upload, name="minutes_upload"),
    path("meetings/<int:pk>/minutes/paper.pdf", minutes.minutes_paper, name="minutes_paper"),
    path("meetings/<int:pk>/minutes/approve/", minutes.minutes_approve_view, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/<int:item_pk>/actions/new/", actions.action_edit, name="action_create"),
    path("minute-actions/<int:action_id>/", actions.action_detail, name="action_detail"),
    path("minute-actions/<int:action_id>/change/", actions.action_edit, name="action_edit"),
    path("minute-actions/<int:action_id>/response/", actions.response_edit, name="response_edit"),
    path("minute-responses/<int:response_id>/review/", actions.response_review, name="response_review"),
    path("minute-responses/<int:response_id>/withdraw/", actions.response_withdraw_view, name="response_withdraw"),
    path("bodies/<body:committee>/action-log/", log.action_log, name="action_log"),
]
