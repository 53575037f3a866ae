"""An optional extractor: a language model at an OpenAI-compatible endpoint (``JSCD_LLM_URL``).

The default path never needs it. It exists for documents the rules were not written for, and
it is held to the same contract as the rule-based extractor: a
:class:`~jscd.core.DocumentResult` whose every fact carries character offsets into the text as
read. A model paraphrases and invents, so the JSON schema it must answer in asks, for every
item and for every field, the words of the document that state it, copied verbatim. Each
quote is looked up in the text (exactly, then with whitespace, quotation marks and dashes
normalised); an item or a field whose quote is not there is dropped and a warning says so.
What survives is evidence-backed in the same way as the rules' output.

Only the standard library speaks HTTP (``urllib``): one POST per document, no new dependency.
Every failure of one document (endpoint unreachable, too slow, not JSON, outside the schema)
is an :class:`LLMError` naming the document, so a batch reports it and carries on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from http.client import HTTPException
from typing import Any

from pydantic import ValidationError

from jscd.core.extraction import DocumentExtraction, DocumentResult
from jscd.extract import extract_documents, iter_extract
from jscd.extract.errors import ExtractError
from jscd.extract.llm_schema import RESPONSE_SCHEMA, SYSTEM_PROMPT, Completion, build_result

__all__ = [
    "LLM_URL_ENV",
    "RESPONSE_SCHEMA",
    "LLMError",
    "LLMExtractor",
    "extract_documents_llm",
    "extract_text_llm",
    "iter_extract_llm",
]

#: The environment variable naming the endpoint (declared in ``jscd.conf.env``).
LLM_URL_ENV = "JSCD_LLM_URL"
#: A model's answer larger than this is refused rather than read into memory.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024


class LLMError(ExtractError):
    """The LLM extractor could not give a result for one document; the message says why."""


class _Failure(Exception):
    """Internal: what went wrong, before the document it concerns is named.

    ``transport`` is true when the server could not be reached at all (as opposed to
    answering badly), which no retry with another request would mend.
    """

    def __init__(self, message: str, *, transport: bool = False) -> None:
        super().__init__(message)
        self.transport = transport


class LLMExtractor:
    """Extracts one text at a time through a chat-completions endpoint.

    ``url`` is the server's base address (``http://host:port`` or ``.../v1``). Without
    ``model`` the first model the server lists at ``/v1/models`` is used, which is what
    single-model servers (llama.cpp, vLLM, Ollama) expect. ``max_chars`` keeps a huge file
    from being sent whole: such a document is refused with a clear error instead.
    """

    def __init__(self, url: str, model: str | None = None, timeout: float = 120.0,
                 *, max_chars: int = 200_000, api_key: str | None = None) -> None:
        if not url or not url.strip():
            raise LLMError(f"no LLM endpoint given: set {LLM_URL_ENV} to an OpenAI-compatible "
                           "server's address", field=LLM_URL_ENV)
        base = url.strip().rstrip("/")
        self.base = base[:-3] if base.endswith("/v1") else base
        self.model = model
        self.timeout = timeout
        self.max_chars = max_chars
        self._api_key = api_key
        self._opener = urllib.request.build_opener()

    @classmethod
    def from_env(cls, **kwargs: Any) -> LLMExtractor:
        """The extractor at ``$JSCD_LLM_URL``; :class:`LLMError` if it is not set."""
        return cls(os.environ.get(LLM_URL_ENV, ""), **kwargs)

    def __repr__(self) -> str:
        return f"LLMExtractor({self.base!r}, model={self.model!r}, timeout={self.timeout})"

    # -- one document -------------------------------------------------------------------

    def __call__(self, text: str, doc_id: str, published: dt.date | None = None, *,
                 title: str | None = None, checksum: str | None = None) -> DocumentResult:
        """Extract one text; raise :class:`LLMError` naming ``doc_id`` if that is impossible."""
        if not text.strip():
            raise LLMError("the document has no text to send to the LLM", file=doc_id)
        if len(text) > self.max_chars:
            raise LLMError(f"the document has {len(text)} characters, more than the LLM "
                           f"extractor sends ({self.max_chars})", file=doc_id)
        try:
            completion = self._complete(text, doc_id, published)
        except _Failure as exc:
            raise LLMError(str(exc), file=doc_id) from None
        return build_result(completion, text, doc_id, published, title=title, checksum=checksum)

    def _complete(self, text: str, doc_id: str, published: dt.date | None) -> Completion:
        when = published.isoformat() if published else "unknown"
        payload = {
            "model": self.model or self._discover_model(),
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": f"Document id: {doc_id}\nPublication date: {when}\n"
                                            f"\n<document>\n{text}\n</document>"},
            ],
            "response_format": {"type": "json_schema", "json_schema": {
                "name": "jscd_extract", "strict": True, "schema": RESPONSE_SCHEMA}},
        }
        answer = self._request("/v1/chat/completions", payload)
        try:
            choice = answer["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise _Failure("the LLM's answer has no choices[0].message.content") from None
        if choice.get("finish_reason") == "length":
            raise _Failure("the LLM's completion was cut off at its token limit")
        if not isinstance(content, str):
            raise _Failure("the LLM's completion is not text")
        try:
            data = json.loads(_unfence(content))
        except json.JSONDecodeError as exc:
            raise _Failure(f"the LLM's completion is not JSON ({exc.msg} at character "
                           f"{exc.pos}): {content[:120]!r}") from None
        try:
            return Completion.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
                for e in exc.errors()[:3])
            more = f" (and {exc.error_count() - 3} more)" if exc.error_count() > 3 else ""
            raise _Failure(f"the LLM's completion does not match the schema: {problems}{more}"
                           ) from None

    def _discover_model(self) -> str:
        """Ask the server which model it serves, once; ``"default"`` if it cannot say."""
        if self.model is None:
            try:
                listing = self._request("/v1/models", None)
                self.model = str(listing["data"][0]["id"])
            except _Failure as exc:
                if exc.transport:
                    raise
                self.model = "default"
            except (KeyError, IndexError, TypeError):
                self.model = "default"
        return self.model

    def _request(self, path: str, payload: dict[str, Any] | None) -> Any:
        """One HTTP exchange; every way it can fail becomes a :class:`_Failure` saying which."""
        url = self.base + path
        headers = {"Accept": "application/json"}
        data = None
        if payload is not None:
            data = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(url, data=data, headers=headers,
                                         method="POST" if data is not None else "GET")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            detail = exc.read(200).decode("utf-8", "replace").strip()
            raise _Failure(f"the LLM endpoint {url} answered HTTP {exc.code} {exc.reason}"
                           + (f": {detail}" if detail else "")) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Failure(f"the LLM endpoint {url} did not answer within "
                               f"{self.timeout:g} s", transport=True) from None
            raise _Failure(f"the LLM endpoint {url} is unreachable: {exc.reason}",
                           transport=True) from None
        except TimeoutError:
            raise _Failure(f"the LLM endpoint {url} did not answer within "
                           f"{self.timeout:g} s", transport=True) from None
        except (HTTPException, OSError) as exc:
            raise _Failure(f"the LLM endpoint {url} is unreachable: {exc}",
                           transport=True) from None
        if len(body) > MAX_RESPONSE_BYTES:
            raise _Failure(f"the LLM endpoint {url} answered more than "
                           f"{MAX_RESPONSE_BYTES} bytes")
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _Failure(f"the LLM endpoint {url} answered something that is not JSON: "
                           f"{body[:80]!r}") from None


def _unfence(content: str) -> str:
    """Some servers wrap JSON in a Markdown code fence even when asked for a schema."""
    s = content.strip()
    if s.startswith("```") and s.endswith("```"):
        s = s[3:-3]
        s = s[4:] if s.startswith("json") else s
    return s


# -- the same faces as the default extractor ----------------------------------------------


def extract_text_llm(text: str, doc_id: str, published: dt.date | None = None,
                     url: str | None = None, *, title: str | None = None,
                     checksum: str | None = None, model: str | None = None,
                     timeout: float = 120.0) -> DocumentResult:
    """Like :func:`jscd.extract.extract_text`, through the LLM at ``url`` or ``$JSCD_LLM_URL``.

    Raises :class:`LLMError` naming ``doc_id`` if the endpoint is unset, unreachable, slow
    or answers outside the schema.
    """
    try:
        extractor = LLMExtractor(url or os.environ.get(LLM_URL_ENV, ""), model, timeout)
    except LLMError as exc:
        raise LLMError(exc.message, file=doc_id, field=exc.field) from None
    return extractor(text, doc_id, published, title=title, checksum=checksum)


def iter_extract_llm(paths: Iterable[str | os.PathLike[str]],
                     extractor: LLMExtractor | None = None
                     ) -> Iterator[DocumentResult | ExtractError]:
    """Like :func:`jscd.extract.iter_extract`: one result or one error per file, in order.

    An unset ``JSCD_LLM_URL`` raises at once (it concerns the whole batch, not one file).
    """
    return iter_extract(paths, extractor or LLMExtractor.from_env())


def extract_documents_llm(paths: Iterable[str | os.PathLike[str]],
                          extractor: LLMExtractor | None = None) -> DocumentExtraction:
    """Like :func:`jscd.extract.extract_documents` (the ``jscd-extract/1`` object), by LLM."""
    return extract_documents(paths, extractor or LLMExtractor.from_env())
