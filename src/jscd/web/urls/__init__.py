"""Web URLs, one module per area so each area owns its routes."""

from django.urls import include, path

app_name = "web"

urlpatterns: list = []
for _area in ("record", "ingest", "threads", "reports", "assessment"):
    try:
        _module = __import__(f"jscd.web.urls.{_area}", fromlist=["urlpatterns"])
    except ModuleNotFoundError as exc:
        if exc.name != f"jscd.web.urls.{_area}":
            raise
        continue
    urlpatterns.append(path("", include(_module.urlpatterns)))
