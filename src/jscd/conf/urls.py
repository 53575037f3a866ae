"""Top-level URLs: the web app, the API and the admin."""

from django.contrib import admin
from django.urls import include, path

from jscd.api.app import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("jscd.web.urls")),
]
