"""The trained pipeline is the pinned one, or it is refused with a reason."""

from __future__ import annotations

import re

import pytest

from jscd.extract.model import EXPECTED_META, MODEL_PACKAGE, ModelError, check_meta, load_parser


def _meta(**changes):
    return {**EXPECTED_META, "spacy_version": ">=3.7.5,<3.9.0", **changes}


def test_the_installed_pipeline_is_the_pinned_one_and_parses():
    nlp = load_parser()
    assert nlp.meta["version"] == EXPECTED_META["version"]
    assert {"tagger", "parser"} <= set(nlp.pipe_names) and "ner" not in nlp.pipe_names
    doc = nlp("The two sides agreed to meet again.")
    assert [t.dep_ for t in doc if t.text == "agreed"] == ["ROOT"]


@pytest.mark.parametrize(("field", "value"), [
    ("version", "3.7.1"), ("name", "core_web_lg"), ("license", "CC BY-SA 4.0"), ("lang", "de"),
])
def test_another_pipeline_is_refused_naming_the_field(field, value):
    with pytest.raises(ModelError) as err:
        check_meta(_meta(**{field: value}), "3.8.7")
    assert repr(field) in str(err.value) and MODEL_PACKAGE in str(err.value)
    assert "requirements/model.txt" in str(err.value)


def test_a_pipeline_built_for_another_spacy_is_refused():
    with pytest.raises(ModelError, match=re.escape("built for spaCy >=3.7.5,<3.9.0")):
        check_meta(_meta(), "4.0.0")
    check_meta(_meta(), "3.8.7")  # the range it was built for
