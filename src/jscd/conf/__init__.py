"""Django project configuration of jscd (settings, URLs, WSGI)."""
