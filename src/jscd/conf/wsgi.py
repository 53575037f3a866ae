"""WSGI entry point, served by waitress in ``jscd serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jscd.conf.settings")
application = get_wsgi_application()
