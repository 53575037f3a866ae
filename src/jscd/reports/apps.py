from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jscd.reports"
    label = "reports"
    verbose_name = "Reports"
