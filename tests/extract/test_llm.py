"""The LLM extractor against a real HTTP server on 127.0.0.1 that answers canned completions.

The server is the real thing as far as the extractor can tell (sockets, HTTP, JSON); only the
model behind it is replaced by fixed answers, which is what lets the tests pin exactly which
quotes are kept, which are dropped and which answers are refused. No traffic leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jsonschema
import pytest

from jscd.core.extraction import DocumentExtraction, DocumentResult
from jscd.extract.commands import extract_main
from jscd.extract.llm import (
    LLM_URL_ENV,
    RESPONSE_SCHEMA,
    LLMError,
    LLMExtractor,
    extract_documents_llm,
    extract_text_llm,
)
from jscd.extract.llm_schema import QuoteIndex

# A made-up readout in our own words (a third round that has not happened). It carries a
# curly apostrophe and a line break inside a sentence, as real reports do.
TEXT = (
    "Readout of the third U.S.–Iraq security dialogue\n\n"
    "The third round of the Joint Security Cooperation Dialogue met in Baghdad on "
    "March 9–10, 2026. Iraqi Minister of Defense Thabit al-Abbasi led his country’s "
    "delegation.\n"
    "The two delegations agreed to open a joint training centre\nfor border units. "
    "The United States pledged additional spare parts for Iraq’s helicopter fleet.\n"
)


def _field(value: Any, quote: str) -> dict[str, Any]:
    return {"value": value, "quote": quote}


def _statement(quote: str, modality: tuple[str, str], actor: tuple[str, str] | None = None,
               category: tuple[str, str] | None = None, round_: tuple[int, str] | None = None
               ) -> dict[str, Any]:
    return {"quote": quote, "modality": _field(*modality),
            "actor": _field(*actor) if actor else None,
            "category": _field(*category) if category else None,
            "round": _field(*round_) if round_ else None}


GOOD = {
    "statements": [
        _statement("The two delegations agreed to open a joint training centre\nfor border units.",
                   ("decided", "agreed"), ("BOTH", "The two delegations"),
                   ("education_training", "training centre")),
        _statement("The United States pledged additional spare parts for Iraq’s helicopter fleet.",
                   ("pledged", "pledged"), ("USA", "The United States"),
                   ("sustainment", "spare parts")),
    ],
    "people": [{"quote": "Iraqi Minister of Defense Thabit al-Abbasi led his country’s delegation.",
                "name": _field("Thabit al-Abbasi", "Thabit al-Abbasi"),
                "party": _field("IRQ", "Iraqi"),
                "title": _field("Minister of Defense", "Minister of Defense")}],
    "rounds": [{"quote": "The third round of the Joint Security Cooperation Dialogue met in "
                         "Baghdad on March 9–10, 2026.",
                "series": _field("Joint Security Cooperation Dialogue",
                                 "Joint Security Cooperation Dialogue"),
                "ordinal": _field(3, "third"),
                "start": _field("2026-03-09", "March 9–10, 2026"),
                "end": _field("2026-03-10", "March 9–10, 2026"),
                "location": _field("Baghdad", "Baghdad")}],
}

# Three things the text does not say: a statement, a person's title, a statement's actor.
INVENTED = {
    "statements": [
        GOOD["statements"][0],
        _statement("The two delegations agreed to station drones in Basra.",
                   ("decided", "agreed")),
        _statement("The United States pledged additional spare parts for Iraq’s helicopter fleet.",
                   ("pledged", "pledged"), ("USA", "Washington")),
    ],
    "people": [{**GOOD["people"][0], "title": _field("Chief of Staff", "Chief of Staff")}],
    "rounds": GOOD["rounds"],
}


def _chat(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {"id": "cmpl-1", "object": "chat.completion", "model": "fake-model", "choices": [
        {"index": 0, "finish_reason": finish_reason,
         "message": {"role": "assistant", "content": content}}]}


class FakeLLM:
    """An OpenAI-compatible server on 127.0.0.1; the reply is chosen by the document id."""

    def __init__(self) -> None:
        self.replies: dict[str, tuple[int, bytes, float]] = {}
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep pytest's output clean
                pass

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/v1/models":
                    self._send(200, json.dumps({"object": "list", "data": [
                        {"id": "fake-model", "object": "model"}]}).encode())
                else:
                    self._send(404, b'{"error": "no such route"}')

            def do_POST(self) -> None:
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(payload)
                doc_id = re.search(r"Document id: (\S+)", payload["messages"][1]["content"])[1]
                status, body, delay = fake.replies[doc_id]
                time.sleep(delay)
                # the client may have given up waiting, as the timeout test intends
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(status, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def answer(self, doc_id: str, content: Any, *, status: int = 200, delay: float = 0.0,
               finish_reason: str = "stop") -> None:
        if isinstance(content, bytes):
            body = content
        else:
            text = content if isinstance(content, str) else json.dumps(content)
            body = json.dumps(_chat(text, finish_reason)).encode()
        self.replies[doc_id] = (status, body, delay)


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def _span(quote: str) -> tuple[int, int]:
    at = TEXT.find(quote)
    assert at >= 0, quote
    return at, at + len(quote)


# -- what is kept ----------------------------------------------------------------------------


def test_verbatim_quotes_become_offsets_into_the_text(llm):
    llm.answer("readout.txt", GOOD)
    result = extract_text_llm(TEXT, "readout.txt", url=llm.url)

    assert isinstance(result, DocumentResult) and result.warnings == []
    assert [(s.start, s.end) for s in result.statements] == [
        _span(s["quote"]) for s in GOOD["statements"]]
    decided, pledged = result.statements
    assert (decided.actor, decided.modality, decided.category) == (
        "BOTH", "decided", "education_training")
    assert (pledged.actor, pledged.modality, pledged.category) == ("USA", "pledged", "sustainment")
    assert decided.text == TEXT[decided.start:decided.end]

    [person] = result.people
    assert (person.start, person.end) == _span("Thabit al-Abbasi")
    assert (person.name, person.surface, person.party, person.title) == (
        "Thabit al-Abbasi", "Thabit al-Abbasi", "IRQ", "Minister of Defense")

    [rnd] = result.rounds
    assert (rnd.ordinal, rnd.location, str(rnd.start), str(rnd.end), rnd.main) == (
        3, "Baghdad", "2026-03-09", "2026-03-10", True)
    assert rnd.date_text == "March 9–10, 2026"
    # a field's quote is looked for inside its item's passage first ("third" is in the title too)
    passage = _span(GOOD["rounds"][0]["quote"])
    third = TEXT.find("third", passage[0])
    assert {(e.start, e.end) for e in rnd.evidence} == {
        passage, _span("March 9–10, 2026"), (third, third + 5),
        _span("Joint Security Cooperation Dialogue"), _span("Baghdad")}
    # what the default extractor returns is what this one returns: the same pydantic model
    DocumentExtraction(documents=[result])


def test_the_request_asks_for_the_json_schema_and_names_the_served_model(llm, monkeypatch):
    llm.answer("readout.txt", GOOD)
    monkeypatch.setenv(LLM_URL_ENV, llm.url + "/v1/")
    extract_text_llm(TEXT, "readout.txt")  # url from the environment

    [sent] = llm.requests
    assert sent["model"] == "fake-model"  # discovered at /v1/models
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == RESPONSE_SCHEMA
    assert TEXT in sent["messages"][1]["content"]


def test_canned_answers_agree_with_the_published_schema():
    jsonschema.validate(GOOD, RESPONSE_SCHEMA)
    jsonschema.validate(INVENTED, RESPONSE_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**GOOD, "statements": [
            {**GOOD["statements"][0], "modality": _field("promised", "agreed")}]}, RESPONSE_SCHEMA)


# -- what is dropped -------------------------------------------------------------------------


def test_quotes_not_in_the_text_are_dropped_and_counted(llm):
    llm.answer("readout.txt", INVENTED)
    result = extract_text_llm(TEXT, "readout.txt", url=llm.url)

    dropped = [w for w in result.warnings if w.startswith("llm: dropped")]
    assert len(dropped) == 3 == len(result.warnings)
    assert any("statements[1]" in w and "station drones" in w for w in dropped)
    assert any("statements[2].actor" in w for w in dropped)
    assert any("people[0].title" in w for w in dropped)

    # the invented statement is gone; the real one with an unquoted actor keeps no actor
    assert [s.modality for s in result.statements] == ["decided", "pledged"]
    assert result.statements[1].actor is None
    assert (result.statements[1].start, result.statements[1].end) == _span(
        GOOD["statements"][1]["quote"])
    [person] = result.people
    assert person.title is None and person.party == "IRQ"


def test_a_value_the_core_models_refuse_drops_only_that_field(llm):
    answer = json.loads(json.dumps(GOOD))
    answer["people"][0]["party"] = _field("Iraq", "Iraqi")  # not an alpha-3 code
    answer["rounds"][0]["start"] = _field("9 March", "March 9–10, 2026")  # not an ISO date
    llm.answer("readout.txt", answer)
    result = extract_text_llm(TEXT, "readout.txt", url=llm.url)

    assert result.people[0].party is None and result.rounds[0].start is None
    assert str(result.rounds[0].end) == "2026-03-10"
    assert len(result.warnings) == 2
    assert all(w.startswith("llm: dropped") for w in result.warnings)


def test_retyped_apostrophes_and_reflowed_lines_still_map_to_the_original_words(llm):
    answer = json.loads(json.dumps(GOOD))
    answer["statements"][0]["quote"] = (
        "The two delegations agreed to open a joint training centre for border units.")
    answer["statements"][1]["quote"] = (
        "The United States pledged additional spare parts for Iraq's helicopter fleet.")
    llm.answer("readout.txt", answer)
    result = extract_text_llm(TEXT, "readout.txt", url=llm.url)

    assert result.warnings == []
    assert [(s.start, s.end) for s in result.statements] == [
        _span(s["quote"]) for s in GOOD["statements"]]
    assert "\n" in result.statements[0].text and "’" in result.statements[1].text


def test_quote_index_stays_inside_the_window_it_is_given():
    index = QuoteIndex("agreed here; and agreed there")
    assert (index.find("agreed").start, index.find("agreed", 5).start) == (0, 17)
    assert index.find("agreed", 5, 20) is None
    assert index.find("here;   and") is not None and index.find("") is None
    assert index.find("Agreed") is None  # no case folding: offsets point at real words


def test_a_real_report_with_curly_apostrophes_is_matched_when_retyped(shared, llm):
    text = sorted((shared / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    sentence = next(m[0] for m in re.finditer(r"[A-Z][^.\n]*’[^.\n]*\.", text))
    retyped = sentence.replace("’", "'")
    llm.answer("seed.txt", {"statements": [
        {"quote": retyped, "modality": _field("discussed", sentence.split()[1]),
         "actor": None, "category": None, "round": None}], "people": [], "rounds": []})
    result = extract_text_llm(text, "seed.txt", url=llm.url)

    [statement] = result.statements
    assert statement.text == sentence
    assert (statement.start, statement.end) == (text.find(sentence),
                                                text.find(sentence) + len(sentence))


# -- what is refused, per document -----------------------------------------------------------


@pytest.mark.parametrize(("reply", "message"), [
    ({"content": "I think the delegations agreed to several things."}, "not JSON"),
    ({"content": {"statements": [{"quote": "x", "modality": _field("promised", "x")}],
                  "people": [], "rounds": []}}, "does not match the schema: statements.0"),
    ({"content": {"statements": "none"}}, "does not match the schema"),
    ({"content": b"<html>Bad gateway</html>"}, "not JSON"),
    ({"content": b'{"error": "overloaded"}', "status": 503}, "HTTP 503"),
    ({"content": b'{"object": "list"}'}, "no choices[0].message.content"),
    ({"content": '{"statements": [', "finish_reason": "length"}, "cut off"),
])
def test_a_malformed_answer_is_a_clear_error_naming_the_document(llm, reply, message):
    llm.answer("bad.txt", **reply)
    with pytest.raises(LLMError) as caught:
        extract_text_llm(TEXT, "bad.txt", url=llm.url)
    assert str(caught.value).startswith("bad.txt: ") and message in str(caught.value)


def test_a_slow_endpoint_times_out_with_a_clear_error(llm):
    llm.answer("slow.txt", GOOD, delay=2.0)
    with pytest.raises(LLMError, match=r"slow.txt: .* did not answer within 0.3 s"):
        extract_text_llm(TEXT, "slow.txt", url=llm.url, model="fake-model", timeout=0.3)


def test_a_closed_port_is_reported_as_unreachable():
    with socket.socket() as s:  # a port nobody listens on any more
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(LLMError, match=r"doc.txt: the LLM endpoint .* is unreachable"):
        extract_text_llm(TEXT, "doc.txt", url=f"http://127.0.0.1:{port}", timeout=2)


def test_no_endpoint_configured_says_which_variable_to_set(monkeypatch):
    monkeypatch.delenv(LLM_URL_ENV, raising=False)
    with pytest.raises(LLMError, match=r"doc\.txt: JSCD_LLM_URL: no LLM endpoint given"):
        extract_text_llm(TEXT, "doc.txt")
    with pytest.raises(LLMError, match="JSCD_LLM_URL"):
        LLMExtractor.from_env()


def test_empty_and_oversized_documents_are_refused_before_any_request(llm):
    extractor = LLMExtractor(llm.url, max_chars=100)
    with pytest.raises(LLMError, match="no text"):
        extractor("  \n", "empty.txt")
    with pytest.raises(LLMError, match="more than the LLM extractor sends"):
        extractor(TEXT, "long.txt")
    assert llm.requests == []


# -- a batch continues past a bad document ---------------------------------------------------


def test_a_batch_reports_the_bad_file_and_keeps_the_good_one(llm, tmp_path):
    (tmp_path / "a_good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c_empty.txt").write_bytes(b"")
    llm.answer("a_good.txt", GOOD)
    llm.answer("b_bad.txt", "not json at all")

    x = extract_documents_llm([tmp_path], LLMExtractor(llm.url))

    assert [d.id for d in x.documents] == ["a_good.txt"]
    assert len(x.errors) == 2
    assert "b_bad.txt" in x.errors[0] and "not JSON" in x.errors[0]
    assert "c_empty.txt" in x.errors[1]
    assert [r.ordinal for r in x.record.rounds] == [3]
    DocumentExtraction.model_validate(x.model_dump(by_alias=True))


def test_jscd_extract_llm_prints_the_same_schema(llm, tmp_path, monkeypatch, capsys):
    (tmp_path / "readout.txt").write_text(TEXT, encoding="utf-8")
    llm.answer("readout.txt", GOOD)
    monkeypatch.setenv(LLM_URL_ENV, llm.url)

    assert extract_main([str(tmp_path / "readout.txt"), "--json", "--llm"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "jscd-extract/1"
    assert [s["modality"] for s in out["documents"][0]["statements"]] == ["decided", "pledged"]


def test_jscd_extract_llm_without_an_endpoint_fails_with_a_message(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv(LLM_URL_ENV, raising=False)
    (tmp_path / "readout.txt").write_text(TEXT, encoding="utf-8")
    assert extract_main([str(tmp_path / "readout.txt"), "--llm"]) == 2
    assert "JSCD_LLM_URL" in capsys.readouterr().err
