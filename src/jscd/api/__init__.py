"""The REST API (django-ninja), OpenAPI at /api/docs. The instance lives in ``jscd.api.app``."""
