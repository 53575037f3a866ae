from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jscd.web"
    label = "web"
    verbose_name = "Web"
