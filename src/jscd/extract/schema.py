"""The JSON Schema of ``jscd-extract/1``, generated from the pydantic model.

The schema file shipped in ``data/`` is what other tools validate against; a test regenerates
it and fails if it drifted from the model, so the two cannot disagree.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from jscd.core.extraction import DocumentExtraction

__all__ = ["SCHEMA_FILE", "json_schema", "packaged_schema"]

SCHEMA_FILE = "jscd-extract-1.schema.json"


def json_schema() -> dict[str, Any]:
    schema = DocumentExtraction.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://jscd.invalid/schemas/jscd-extract-1.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def packaged_schema() -> dict[str, Any]:
    return json.loads((resources.files("jscd.extract") / "data" / SCHEMA_FILE).read_text("utf-8"))


if __name__ == "__main__":  # regenerate: python -m jscd.extract.schema > data/...json
    print(json.dumps(json_schema(), indent=1, sort_keys=True))
