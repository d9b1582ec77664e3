from django.urls import path

from reports.views import agenda, meetings, packs, scorecard

BODY = "bodies/<body:committee>/"  # the body's own addresses, as in indicators.urls

urlpatterns = [
    path(BODY + "meetings/", meetings.meeting_list, name="meeting_list"),
    path(BODY + "meetings/new/", meetings.meeting_create, name="meeting_create"),
    path(BODY + "scorecard/", scorecard.scorecard_page, name="scorecard"),
    path(BODY + "scorecard/<quarter:quarter>/", scorecard.scorecard_page, name="scorecard"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/new/", agenda.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/items/<int:item_pk>/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path("meetings/<int:pk>/items/<int:item_pk>/paper/", agenda.agenda_item_upload, name="agenda_item_upload"),
    path("meetings/<int:pk>/items/<int:item_pk>/paper.pdf", agenda.agenda_item_paper, name="agenda_item_paper"),
    path("meetings/<int:pk>/assemble/", packs.pack_assemble, name="pack_assemble"),
    path("meetings/<int:pk>/builds/<int:build_pk>/progress/", packs.pack_build_progress, name="pack_build_progress"),
    path("meetings/<int:pk>/builds/<int:build_pk>/publish/", packs.pack_publish_confirm, name="pack_publish"),
    path(
        "meetings/<int:pk>/builds/<int:build_pk>/download/<str:fmt>/",
        packs.pack_build_download,
        name="pack_build_download",
    ),
    path(
        "meetings/<int:pk>/versions/<int:number>/download/<str:fmt>/",
        packs.pack_version_download,
        name="pack_version_download",
    ),
]
