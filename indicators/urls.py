from django.urls import path

from indicators import views, views_corrections, views_io

urlpatterns = [
    path("", views.home, name="home"),
    path("quarters/<quarter:quarter>/", views.dashboard, name="dashboard"),
    path("quarters/<quarter:quarter>/export/", views_io.export_quarter, name="export_quarter"),
    path("indicators/<int:number>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:number>/correct/", views_corrections.figure_correct_page, name="figure_correct"),
    path("import/", views_io.import_upload, name="import_upload"),
]
