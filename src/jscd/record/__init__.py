"""The record: models, the only read path (``visible_to``) and the only write path (services)."""
