from django.urls import path

from indicators import views, views_io

urlpatterns = [
    path("quarters/<str:quarter>/", views.dashboard, name="dashboard"),
    path("quarters/<str:quarter>/export/", views_io.export_quarter, name="export_quarter"),
    path("indicators/<int:number>/", views.indicator_detail, name="indicator_detail"),
    path("import/", views_io.import_upload, name="import_upload"),
]
