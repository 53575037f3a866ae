"""Routes of the staff products: the index, a preview and the download."""

from django.urls import path

from jscd.web.views import reports

urlpatterns = [
    path("reports/", reports.report_index, name="report_index"),
    path("reports/preview/", reports.report_preview, name="report_preview"),
    path("reports/download/", reports.report_download, name="report_download"),
]
