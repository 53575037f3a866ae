"""The default path never loads torch, even where the ``[embed]`` extra installed it.

thinc imports torch when spaCy is imported if torch is installed, which costs hundreds of
MB per process although no spaCy component here uses it
(:func:`jscd.extract.model.spacy_without_torch`). The check runs in a fresh interpreter,
since this test process may already have imported torch for the embedding tests, and
covers both the in-process path and spawned workers. Without torch installed there is
nothing to check.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jscd.core.extraction import DocumentResult

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys
from pathlib import Path
import jscd.extract as x
from jscd.extract.workers import iter_extract

paths = sys.argv[1:]
seen = {"after_import": "torch" in sys.modules}
docs = x.extract_documents(paths)
seen["in_process"] = "torch" in sys.modules
seen["documents"] = len(docs.documents)
from tests.extract.test_no_torch import extract_and_tell
seen["workers"] = [w for r in iter_extract(paths, extract_and_tell, workers=2)
                   for w in r.warnings if w.startswith("torch")]
seen["parent_after_workers"] = "torch" in sys.modules
print(json.dumps(seen))
"""


def extract_and_tell(text: str, doc_id: str, published=None, **meta) -> DocumentResult:
    """The default extractor, noting in the result whether this worker has torch loaded."""
    from jscd.extract import extract_text

    result = extract_text(text, doc_id, published, **meta)
    result.warnings.append(f"torch loaded: {'torch' in sys.modules}")
    return result


@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="torch is not installed in this environment, so it cannot be "
                           "loaded; install the [embed] extra to run this check")
def test_extracting_documents_does_not_import_torch(seed_paths: list[Path]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    run = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, seed_paths[:2])], cwd=REPO,
                         env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.splitlines()[-1])
    assert seen == {"after_import": False, "in_process": False, "documents": 2,
                    "workers": ["torch loaded: False"] * 2, "parent_after_workers": False}
