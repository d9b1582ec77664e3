from django.urls import path

from selfassessment import views, views_review

app_name = "selfassessment"

BODY = "bodies/<body:committee>/"  # the body's own addresses, as in indicators.urls

urlpatterns = [
    path(BODY + "self-assessments/", views.document_list, name="list"),
    path("self-assessments/", views.document_list, name="list"),
    path("self-assessments/<int:document_id>/", views.document_detail, name="detail"),
    path("self-assessments/<int:document_id>/compare/", views.document_compare, name="compare"),
    path("self-assessments/<int:document_id>/next/", views.document_next, name="next"),
    path("self-assessments/<int:document_id>/download.<str:kind>", views.document_download, name="download"),
    path(
        "self-assessments/<int:document_id>/versions/<int:number>.<str:kind>",
        views.version_download,
        name="version_download",
    ),
    path("self-assessments/<int:document_id>/sign-off/", views_review.document_sign_off_view, name="sign_off"),
    path("self-assessments/<int:document_id>/publish/", views_review.document_publish_view, name="publish"),
    path("self-assessments/<int:document_id>/tables/add/", views.table_add, name="table_add"),
    path("self-assessments/<int:document_id>/context/", views.document_context, name="context"),
    path("self-assessments/<int:document_id>/evidence/<int:file_id>.pdf", views.evidence_download, name="evidence"),
    path("self-assessments/<int:document_id>/areas/<int:item_id>/action/", views.area_action, name="area_action"),
    path("self-assessments/<int:document_id>/sections/<int:number>/", views_review.section_detail, name="section"),
    path(
        "self-assessments/<int:document_id>/sections/<int:number>/review/",
        views_review.section_review_view,
        name="section_review",
    ),
    path(
        "self-assessments/<int:document_id>/sections/<int:number>/withdraw/",
        views_review.section_withdraw_view,
        name="section_withdraw",
    ),
    path(
        "self-assessments/<int:document_id>/sections/<int:number>/assign/",
        views_review.section_assign_view,
        name="section_assign",
    ),
    path(
        "self-assessments/<int:document_id>/sections/<int:number>/evidence/",
        views_review.evidence_upload_view,
        name="evidence_upload",
    ),
]
