"""The web app: Django templates with HTMX, every static file served locally."""
