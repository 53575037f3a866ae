from tests.threads.conftest import demo, demo_once

__all__ = ["demo", "demo_once"]
