from django.urls import path

from agendaplan import views

app_name = "agendaplan"

urlpatterns = [
    path("bodies/<body:committee>/agenda-plan/", views.plan_page, name="plan"),
    path("bodies/<body:committee>/agenda-plan/items/new/", views.item_create, name="item_create"),
    path("bodies/<body:committee>/agenda-plan/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("bodies/<body:committee>/agenda-plan/items/<int:pk>/defer/", views.item_defer, name="item_defer"),
    path("bodies/<body:committee>/agenda-plan/items/<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path(
        "bodies/<body:committee>/agenda-plan/meetings/<int:meeting_pk>/to-agenda/",
        views.meeting_to_agenda,
        name="meeting_to_agenda",
    ),
]
