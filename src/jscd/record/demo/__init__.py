"""The demo record: the U.S.–Iraq JSCD rounds, loaded from versioned YAML through the services."""

from jscd.record.demo.loader import DEMO_FILE, DemoSummary, load_demo, load_record_file

__all__ = ["DEMO_FILE", "DemoSummary", "load_demo", "load_record_file"]
