"""The public site: /public/… Readable without signing in; one stable address per body, meeting and indicator.

The API's addresses come before the bodies' so that no body's address can hide them.
"""

from django.urls import path

from public import views, views_data

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("api/", views_data.api_docs, name="api"),
    path("api/openapi.json", views_data.openapi_json, name="openapi"),
    path("<body:committee>/", views.body, name="body"),
    path("<body:committee>/meetings/<str:day>/", views.meeting, name="meeting"),
    path(
        "<body:committee>/meetings/<str:day>/v<int:number>/pack.<str:extension>",
        views.pack_file,
        name="pack_file",
    ),
    path("<body:committee>/indicators/", views.indicators, name="indicators"),
    path("<body:committee>/indicators/<int:number>/", views.indicator, name="indicator"),
    path("<body:committee>/figures.csv", views_data.figures_csv, name="figures_csv"),
    path("<body:committee>/figures.json", views_data.figures_json, name="figures_json"),
    # Anything else under /public/ (a body's address mistyped): the public site's own "not found".
    path("<path:rest>", views.unknown),
]
