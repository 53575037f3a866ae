"""Views of the web app, one module per area; ``generic`` and ``htmx`` hold what they share."""
