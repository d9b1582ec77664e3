from django.urls import path

from indicators import views, views_corrections, views_io, views_overview

#: The body's own addresses (``cyp.bodies``): the same names, with the body first (``reverse("dashboard",
#: args=[body, quarter])``). The addresses without it are about the person's body.
BODY = "bodies/<body:committee>/"

urlpatterns = [
    path(BODY, views.home, name="home"),
    path(BODY + "quarters/<quarter:quarter>/", views.dashboard, name="dashboard"),
    path(BODY + "quarters/<quarter:quarter>/export/", views_io.export_quarter, name="export_quarter"),
    path(BODY + "indicators/<int:number>/", views.indicator_detail, name="indicator_detail"),
    path(BODY + "indicators/<int:number>/correct/", views_corrections.figure_correct_page, name="figure_correct"),
    path("", views.home, name="home"),
    path("quarters/<quarter:quarter>/", views.dashboard, name="dashboard"),
    path("quarters/<quarter:quarter>/export/", views_io.export_quarter, name="export_quarter"),
    path("indicators/<int:number>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:number>/correct/", views_corrections.figure_correct_page, name="figure_correct"),
    path("import/", views_io.import_upload, name="import_upload"),
    path("overview/", views_overview.council_overview_page, name="council_overview"),
    path("overview/<quarter:quarter>/", views_overview.council_overview_page, name="council_overview"),
]
