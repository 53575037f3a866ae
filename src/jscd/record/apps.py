from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "jscd.record"
    label = "record"
    verbose_name = "Dialogue record"
    default_auto_field = "django.db.models.BigAutoField"
