from django.urls import path

from indicators import views

urlpatterns = [
    path("quarters/<str:quarter>/", views.dashboard, name="dashboard"),
    path("quarters/<str:quarter>/export/", views.export_quarter, name="export_quarter"),
    path("indicators/<int:number>/", views.indicator_detail, name="indicator_detail"),
    path("import/", views.import_upload, name="import_upload"),
]
