from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jscd.api"
    label = "jscd_api"
    verbose_name = "API"
