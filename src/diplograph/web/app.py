"""The web app and JSON API: a read-only window on a store, over :mod:`diplograph.query`.

``create_app(store_target)`` returns a FastAPI app. Two faces, one data path:

- ``/api/...`` answers JSON only (facts, entities, profiles, timelines, claims,
  contradictions, questions, documents, stats), every list paged with
  ``limit``/``offset`` and a ``total``;
- pages (``/``, ``/entities/VNM``, ``/network``, ``/timeline``, ``/documents/ID``,
  ``/contradictions``, ``/ask``) are rendered by Jinja2 from the same dict the
  page's JSON twin returns (``/entities/VNM.json`` or ``?format=json``), as
  datasette does.

Every error, whatever raised it (unknown route or id, a bad parameter, a store
problem), is ``{"ok": false, "error": "...", "status": N}`` for JSON callers
and an HTML page with the same message for browsers.

Article text is untrusted. Templates autoescape, highlights are built from
offsets by escaping each piece, JSON goes into pages through ``|tojson`` in
``<script type="application/json">`` blocks, and a Content-Security-Policy
forbids inline scripts (all code is in ``static/``).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast
from urllib.parse import quote, unquote_to_bytes, urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph import __version__, query
from diplograph.errors import DiplographError, InputError, StoreError
from diplograph.model import FACT_TYPES, Fact
from diplograph.query.api import entity_kind, fact_entities, published_dates
from diplograph.query.claims import ClaimSeries
from diplograph.query.exports import actor_edges
from diplograph.query.merge import MergedFact, describe, is_id
from diplograph.query import dates
from diplograph.query.api import CHANNELS
from diplograph.query.names import AmbiguousName, UnknownName, display_name, labelled
from diplograph.query.overview import TABLES
from diplograph.query.people import people_index

HERE = Path(__file__).resolve().parent

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# vis-network injects its stylesheet as a <style> element, hence 'unsafe-inline' for styles only.

ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
FactType = Literal["document", "statistic", "partnership", "diplomatic_relations", "role", "agreement", "event",
                   "position"]
EntityKind = Literal["country", "body", "person"]
Format = Literal["html", "json"]
Channel = Literal["party", "state", "parliament", "people"]
NETWORK_TYPES = ("partnership", "diplomatic_relations", "role", "position", "event", "agreement")

MAX_LIMIT = 500
# Sources listed per merged fact in JSON and pages (``sources_total`` says how many there are; the
# first ones are the earliest reports).
MAX_SOURCES = 20
# Stored facts merged whole for /api/facts (about 1 s at 20k facts since query.merge blocks its
# comparisons; docs/QUERY.md); more are merged page by page.
FULL_MERGE_MAX = 20_000
T = TypeVar("T")


# ---------------------------------------------------------------- query parameters, shared

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="How many items to skip.")]
IsoDate = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date: 2021, 2021-06 or 2021-06-30.")]
Text = Annotated[str | None, Query(max_length=200, description="Id, name or words to match.")]
Types = Annotated[list[FactType] | None, Query(description="Fact type(s); repeat for several.")]
Fmt = Annotated[Format, Query(description="`json` for the page's data (same as the `.json` suffix).")]
ProfileLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Merged facts per section of a profile.")]


# ---------------------------------------------------------------- links and shapes


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(str(entity_id), safe="")


def document_url(doc_id: str) -> str:
    return "/documents/" + quote(str(doc_id), safe="")


def fact_anchor(fact: Fact) -> str:
    """The id of a per-document fact on its document's page (stable: from the fingerprint)."""
    return "fact-" + fact.fingerprint[:16]


def evidence_url(fact: Fact) -> str:
    return document_url(fact.doc_id) + "#" + fact_anchor(fact)


def merged_json(fact: MergedFact) -> dict[str, Any]:
    """A merged fact's JSON (query's ``to_json``) with a link to each source's highlighted evidence."""
    out = fact.to_json()
    if len(out["sources"]) > MAX_SOURCES:  # a figure restated in hundreds of articles: the first ones
        out["sources"] = out["sources"][:MAX_SOURCES]
    out["sources_total"] = len(fact.facts)
    stored = getattr(fact.facts, "fingerprints", None)  # merged tables keep them: no hashing per source
    prints = stored() if callable(stored) else ()
    for i, (source, raw) in enumerate(zip(out["sources"], fact.facts)):
        anchor = "fact-" + prints[i][:16] if i < len(prints) and prints[i] else fact_anchor(raw)
        source["fact"] = anchor
        source["url"] = document_url(raw.doc_id) + "#" + anchor
    out["label"] = describe(fact, name=labelled)
    out["entities"] = [{"id": e, "name": display_name(e), "url": entity_url(e)}
                       for e in dict.fromkeys(fact_entities(fact.fields))]
    return out


def raw_fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact_anchor(fact), "type": fact.type, "fields": dict(fact.fields), "summary": describe(fact),
        "label": describe(fact, name=labelled),
        "extractor": fact.extractor, "confidence": round(fact.confidence, 3), "url": evidence_url(fact),
        "evidence": {"sentence": fact.evidence.sentence, "start": fact.evidence.start, "end": fact.evidence.end,
                     "text": fact.evidence.text},
        "entities": [{"id": e, "name": display_name(e), "url": entity_url(e)}
                     for e in dict.fromkeys(fact_entities(fact.fields))],
    }


def paged(items: Sequence[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": list(items)}


def by_date_desc(facts: list[MergedFact]) -> list[MergedFact]:
    return sorted(facts, key=lambda f: (f.date or "", f.id), reverse=True)


def highlight_pieces(text: str, facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """The text cut at every evidence boundary: ``{"start", "end", "facts": [anchor, ...]}`` per piece.

    Pieces cover the whole text in order; a piece no evidence covers has no
    facts. The template escapes each piece's text on its own.
    """
    spans = []
    for fact in facts:
        start, end = max(0, fact.evidence.start), min(len(text), fact.evidence.end)
        if start < end:
            spans.append((start, end, fact_anchor(fact)))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[dict[str, Any]] = []
    for start, end in pairwise(cuts):
        covering = list(dict.fromkeys(a for s, e, a in spans if s <= start and end <= e))
        if pieces and pieces[-1]["facts"] == covering:
            pieces[-1]["end"] = end
        else:
            pieces.append({"start": start, "end": end, "facts": covering})
    return pieces


# ---------------------------------------------------------------- errors


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return (path.startswith("/api/") or path == "/api" or request.query_params.get("format") == "json"
            or "application/json" in request.headers.get("accept", ""))


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())
                         if p not in ("query", "path", "body") and not isinstance(p, int))
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "string_pattern_mismatch" and (err.get("ctx") or {}).get("pattern") == ISO_DATE:
            msg = "must be an ISO date such as 2021, 2021-06 or 2021-06-30"
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts) or "invalid request"


# ---------------------------------------------------------------- .json suffix -> ?format=json


class BadQueryString(ValueError):
    """A query string that is not UTF-8 once percent-decoded."""


def query_pairs(raw: bytes) -> list[tuple[str, str]]:
    """``a=1&b=Vi%E1%BB%87t`` as (name, value) pairs: UTF-8 (strict), NFC-normalised, blanks dropped.

    Raw non-ASCII bytes (a client that did not percent-encode) are read as UTF-8
    too. Anything that is not UTF-8 raises :class:`BadQueryString` (a 400).
    """
    out = []
    for part in raw.split(b"&"):
        if not part:
            continue
        name, _, value = part.partition(b"=")
        try:
            key = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
            text = unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadQueryString("the query string is not UTF-8: percent-encode UTF-8 bytes "
                                 "(Việt is Vi%E1%BB%87t)") from exc
        if text != "":
            out.append((unicodedata.normalize("NFC", key), unicodedata.normalize("NFC", text)))
    return out


class JsonSuffix:
    """``/entities/VNM.json`` is ``/entities/VNM?format=json`` (pages only; not /api or /static).

    Also decodes the query string as UTF-8 and NFC-normalises it (so "Việt Nam"
    typed with combining accents is the same name), and drops empty parameters
    (``?since=&kind=``, what a filter form with blank fields sends), so that
    blank means "no filter", not a bad date.
    """

    def __init__(self, app: ASGIApp, on_error: Callable[[Scope, int, str], Response]) -> None:
        self.app = app
        self.on_error = on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        try:
            pairs = query_pairs(scope.get("query_string", b""))
        except BadQueryString as exc:
            await self.on_error(scope, 400, str(exc))(scope, receive, send)
            return
        if not path.startswith(("/documents/", "/api/documents/", "/static/")):
            path = unicodedata.normalize("NFC", path)
        if path.endswith(".json") and not path.startswith(("/api/", "/static/")) and path != "/openapi.json":
            path = path[: -len(".json")] or "/"
            if path.endswith("/") and path != "/":
                path = path[:-1]
            pairs.append(("format", "json"))
        elif path.endswith(".csv") and not path.startswith(("/api/", "/static/")):
            path = path[: -len(".csv")]
            pairs.append(("format", "csv"))
        scope = {**scope, "path": path, "raw_path": quote(path).encode("ascii"),
                 "query_string": urlencode(pairs).encode("ascii")}
        await self.app(scope, receive, send)


SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
# Longer URLs get 414; uvicorn is told to accept request heads up to MAX_HEAD so that they reach us.
MAX_URL = 8192
MAX_HEAD = 1024 * 1024
log = logging.getLogger("diplograph.web")


class Guard:
    """The outermost layer: 414 for huge URLs, security headers on every response (errors and 500s
    included), and a last-resort 500 in the error shape that keeps the connection usable."""

    def __init__(self, app: ASGIApp, on_error: Callable[[Scope, int, str], Response]) -> None:
        self.app = app
        self.on_error = on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        url_length = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
        if url_length > MAX_URL:
            await self.on_error(scope, 414, f"the URL is {url_length:,} characters long; the limit is "
                                            f"{MAX_URL:,}: shorten the query")(scope, receive, send_secured)
            return
        try:
            await self.app(scope, receive, send_secured)
        except Exception:  # noqa: BLE001 - the last resort: log it, answer in the error shape
            if started:
                log.exception("error after the response started: %s", scope.get("path"))
                return
            log.exception("internal error: %s", scope.get("path"))
            await self.on_error(scope, 500, "internal error; see the server log")(scope, receive, send_secured)


class StoreHandle:
    """The store the app reads, reopened when its file is replaced, truncated or rebuilt.

    A SQLite store opened here is watched: when the file's inode, size or
    modification time change, the next request opens it again (and the result
    cache is dropped). While the file cannot be read (half-written, truncated,
    missing), requests get 503 and each later request tries again, so the
    server recovers by itself once the store is valid. A store passed in by the
    caller is used as it is.
    """

    def __init__(self, target: str | Path | None, store: Any, on_swap: Callable[[], None]) -> None:
        self.target = str(target) if target is not None else None
        self._store = store
        self._on_swap = on_swap
        self._lock = threading.Lock()
        self._stale = False
        self._retired: list[Any] = []
        self._file = self.target if self.target and "://" not in self.target else None
        self._signature = self._stat()

    @property
    def owned(self) -> bool:
        return self.target is not None

    def _stat(self) -> tuple[int, int, int] | None:
        if self._file is None:
            return None
        try:
            st = os.stat(self._file)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def get(self) -> Any:
        if not self.owned:
            return self._store
        signature = self._stat()
        if self._store is not None and not self._stale and signature == self._signature:
            return self._store
        with self._lock:
            signature = self._stat()
            if self._store is None or self._stale or signature != self._signature:
                self._reopen(signature)
        return self._store

    def _reopen(self, signature: tuple[int, int, int] | None) -> None:
        from diplograph.store import open_store

        old, self._store = self._store, None
        if old is not None:
            self._retired.append(old)  # requests still running may use it: closed at the next swap
        for retired in self._retired[:-1]:
            _close_quietly(retired)
        self._retired = self._retired[-1:]
        self._on_swap()
        self._signature = signature
        try:
            store = open_store(self.target or "", read_only=True)
            store.counts()  # a truncated or foreign file fails here, not in the middle of a page
        except (StoreError, sqlite3.Error) as exc:
            self._stale = True
            raise StoreError(f"the store at {self.target} cannot be read right now ({_reason(exc)}); it may be "
                             "being rebuilt: try again in a moment") from exc
        self._store, self._stale = store, False

    def invalidate(self) -> None:
        """A read failed: reopen before the next request."""
        self._stale = True

    def close(self) -> None:
        for store in [*self._retired, self._store]:
            if store is not None and self.owned:
                _close_quietly(store)
        if self.owned:  # a request after a shutdown (an app started again) opens the store anew
            self._store, self._retired = None, []


def _close_quietly(store: Any) -> None:
    try:
        store.close()
    except Exception:  # noqa: BLE001 - closing a broken store must not break the request that swaps it
        log.debug("closing a replaced store failed", exc_info=True)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text.split(": ", 1)[-1] if isinstance(exc, StoreError) else f"{type(exc).__name__}: {text}"


# ---------------------------------------------------------------- the app


class ResultCache:
    """Computed results for a few seconds: merging a store's facts is the costly part of a request.

    The store is read-only here but a build may be writing to it; ``seconds``
    bounds how stale a page can be (0 turns caching off).
    """

    def __init__(self, seconds: float, size: int = 256) -> None:
        self.seconds = seconds
        self.size = size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.seconds <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and now - hit[0] < self.seconds:
                self._items.move_to_end(key)
                return cast(T, hit[1])
        value = compute()  # outside the lock: two threads may compute the same thing once each
        with self._lock:
            self._items[key] = (now, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


@dataclass
class _Ctx:
    handle: StoreHandle
    env: Environment
    cache: ResultCache

    @property
    def store(self) -> Any:
        """The store for this request (reopened if its file changed; StoreError -> 503)."""
        return self.handle.get()


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(entity_url=entity_url, document_url=document_url, evidence_url=evidence_url,
                       fact_anchor=fact_anchor, describe=describe, fact_entities=fact_entities,
                       version=__version__, is_id=is_id, display_name=display_name, labelled=labelled)
    env.filters["urlq"] = lambda value: quote(str(value), safe="")
    return env


class _App(FastAPI):
    """FastAPI with :class:`Guard` and :class:`JsonSuffix` outside everything (Starlette's error
    middleware included), so that headers, 414 and the error shape hold for every response."""

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()
        on_error = self.state.render_error
        return Guard(JsonSuffix(inner, on_error), on_error)


def create_app(store_target: str | Path | Any, *, cache_seconds: float = 10.0) -> FastAPI:
    """The web app over a store: a SQLite path or ``postgresql://`` URL (opened read-only), or a store.

    A store passed in stays the caller's to close; one opened here is closed
    when the app shuts down, and reopened when its file is replaced or rebuilt
    (:class:`StoreHandle`). Merged results are reused for ``cache_seconds``.
    """
    from diplograph.store import open_store

    owned = isinstance(store_target, (str, Path))
    store: Any = open_store(store_target, read_only=True) if owned else store_target
    cache = ResultCache(cache_seconds)
    handle = StoreHandle(store_target if owned else None, store, cache.clear)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        handle.close()

    app = _App(title="diplograph", version=__version__, docs_url=None, redoc_url=None,
               openapi_url="/openapi.json", lifespan=lifespan,
               description="A time-aware, cited knowledge graph of foreign relations: read-only JSON API. "
                           "Entities are named by name, alias, demonym or id in any case (Vietnam, vnm, "
                           "\"Viet Nam\", Son); text parameters are UTF-8.")
    app.state.store = store
    app.state.handle = handle
    ctx = _Ctx(handle, _environment(), cache)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def error_response(request: Request, status: int, message: str,
                       headers: Mapping[str, str] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                                headers=headers)
        html = ctx.env.get_template("error.html").render(status=status, error=message, request=request)
        return HTMLResponse(html, status_code=status, headers=headers)

    app.state.render_error = lambda scope, status, message: error_response(Request(scope), status, message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see /docs for the API and / for the pages"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here: the API is read-only (GET)"
        return error_response(request, exc.status_code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(UnknownName)
    async def unknown_name(request: Request, exc: UnknownName) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    @app.exception_handler(sqlite3.Error)
    async def database_error(request: Request, exc: sqlite3.Error) -> Response:
        handle.invalidate()
        return error_response(request, 503, f"the store cannot be read right now ({type(exc).__name__}: {exc}); "
                                            "it may be being rebuilt: try again in a moment")

    @app.exception_handler(DiplographError)
    async def other_error(request: Request, exc: DiplographError) -> Response:
        return error_response(request, 500, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        if type(exc).__module__.split(".")[0] in ("psycopg", "psycopg2"):
            handle.invalidate()
            return error_response(request, 503, f"the store cannot be read right now ({type(exc).__name__}); "
                                                "try again in a moment")
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    def page(request: Request, template: str, data: dict[str, Any], fmt: str, **extra: Any) -> Response:
        """One view, two faces: the data as JSON, or rendered with the page template."""
        if fmt == "json":
            return JSONResponse(data)
        html = ctx.env.get_template(template).render(request=request, data=data, **extra)
        return HTMLResponse(html)

    _register_data_views(app, ctx, page)
    _register_api(app, ctx)
    return app


# ---------------------------------------------------------------- what pages and API share


def resolve_entity(store: Any, text: str) -> Any:
    """The entity a path or parameter names (any name, alias, demonym or id): a ``Resolved``.

    Unknown: 404 with the closest names; ambiguous: 400 listing the candidates.
    """
    from diplograph.query.names import resolve_name

    resolved = resolve_name(store, text)
    if store.entity(resolved.id) is None and resolved.kind != "person":
        # Known to the registries but named by no fact of this store.
        raise HTTPException(404, f"no entity {text!r} in the store ({labelled(resolved.id)} is named by no "
                                 "fact): search /api/entities?q=")
    return resolved


def _entity_or_404(store: Any, entity_id: str) -> Any:
    entity = store.entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id!r} in the store: search /api/entities?q=")
    return entity


def _document_or_404(store: Any, doc_id: str) -> Any:
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in the store: list them at /api/documents")
    return doc


def _optional_id(store: Any, text: str | None) -> str | None:
    """A filter's entity: resolved when it names one, else None-safe as given (no match, no error)."""
    if not text:
        return None
    from diplograph.query.names import resolve_name

    try:
        return resolve_name(store, text).id
    except InputError:
        return text


def source_name(source: str | None) -> str | None:
    """Where a document was read from, without the builder's folders (``feed.jsonl:12``)."""
    if not source:
        return source
    return Path(str(source)).name


def facts_all(store: Any, type: Sequence[str] | None, entity: str | None, since: str | None,
              until: str | None, q: str | None, channel: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every fact matching the filters, merged across documents, newest first (pages are cut from this)."""
    merged = query.facts(store, type=list(type) if type else None, entity=_optional_id(store, entity),
                         since=since, until=until, text=q or None, channel=list(channel) if channel else None)
    return [merged_json(f) for f in by_date_desc(merged)]


def entities_data(store: Any, kind: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    items = store.entities(kind=kind, q=q or None, limit=limit, offset=offset, order="facts", min_facts=1)
    total = store.count_entities(kind=kind, q=q or None, min_facts=1)
    out = paged([{**e.to_json(), "name": display_name(e.id) if e.kind != "person" else e.name,
                  "url": entity_url(e.id)} for e in items], total, limit, offset)
    out["match"] = None
    out["did_you_mean"] = []
    if q:
        from diplograph.query.names import resolve_name, suggest

        try:
            found = resolve_name(store, q)
            if store.entity(found.id) is not None or found.kind == "person":
                out["match"] = {**found.to_json(), "url": entity_url(found.id)}
        except AmbiguousName as exc:
            out["did_you_mean"] = [{"id": c, "name": labelled(c), "url": entity_url(c)} for c in exc.candidates]
        except InputError:
            out["did_you_mean"] = [{"id": n, "name": n, "url": "/entities?q=" + quote(n)} for n in suggest(store, q)]
    return out


def series_json(series: ClaimSeries) -> dict[str, Any]:
    """A claim series' JSON with every point's fact linked to its evidence."""
    out = series.to_json()
    for point, p in zip(out["points"], series.points):
        point["fact"] = merged_json(p.fact)
    if series.latest is not None:
        out["latest"]["fact"] = merged_json(series.latest.fact)
    return out


# How many rows of each table the entity page shows; the rest are a click away (paged, CSV).
PAGE_ROWS = {"figures": 12, "ladder": 12, "seats": 12, "agreements": 8, "visits": 10, "offices": 10,
             "contradictions": 20}  # the rest of the contradictions: /contradictions?subject=ID


# Merged facts per section of an entity's profile in its JSON (the rest: /api/facts?entity=ID&type=...).
PROFILE_ROWS = 20


def entity_data(store: Any, entity_id: str, as_of: str | None, limit: int = PROFILE_ROWS) -> dict[str, Any]:
    entity = _entity_or_404(store, entity_id)
    profile = query.entity_profile(store, entity_id, as_of=as_of, limit=limit)
    out = profile.to_json()
    # Same shapes as the rest of the API: merged facts carry links to their evidence.
    for key in ("offices", "relations", "roles", "events", "agreements"):
        out[key] = [merged_json(f) for f in getattr(profile, key)]
    out["partnerships"] = {level: [merged_json(f) for f in fs] for level, fs in profile.partnerships.items()}
    out["claims"] = [series_json(s) for s in profile.claims]
    out["entity"] = {**entity.to_json(), "url": entity_url(entity.id)}
    out["name"] = display_name(entity.id) if profile.kind != "person" else profile.name
    out["claims_chart"] = [
        {"index": i, "label": s.label or s.metric.replace("_", " "), "subject": s.subject, "metric": s.metric,
         "points": [{"x": p.as_of, "y": p.value, "qualifier": p.qualifier, "unit": p.unit} for p in s.points
                    if isinstance(p.value, (int, float))]}
        for i, s in enumerate(profile.claims)
    ]
    return out


def overview_model(store: Any, entity_id: str, merged: list[MergedFact] | None = None) -> dict[str, Any]:
    """The overview's tables as rows that still hold their facts (``_facts``), unlinked.

    Linking a row (its evidence URL, the article's URL) costs a fingerprint and a
    document look-up, so it is done only for the rows a response shows
    (:func:`linked`); the model itself is cached per entity.
    """
    from diplograph.query.overview import country_overview

    if merged is None:
        merged = query.api.entity_facts(store, entity_id)
    overview = country_overview(store, entity_id, merged)
    return {
        "id": overview.id, "kind": overview.kind, "name": overview.name, "label": labelled(overview.id),
        "tables": {name: _table_rows(overview, name) for name in TABLES},
        "channels": overview.channels, "visits_by_year": overview.visits_by_year,
        "ladder_chart": ladder_chart(overview),
        "contradictions": [{"kind": c.kind, "metric": c.metric, "explanation": c.explanation,
                            "facts": [f.id for f in c.facts], "_facts": list(c.facts)}
                           for c in overview.contradictions],
        "_overview": overview,
        "_merged": merged,
    }


def linked(store: Any, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies of ``rows`` with their ``links`` (evidence, number of sources, the article's URL)."""
    urls = _document_urls(store, [m.doc_ids[0] for row in rows for m in row.get("_facts", ())[:1] if m.doc_ids])
    return [{**{k: v for k, v in row.items() if k != "_facts"}, "links": _row_links(row.get("_facts", ()), urls)}
            for row in rows]


def overview_json(store: Any, model: Mapping[str, Any], rows: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The model as JSON: every row of every table linked, or the first ``rows[name]`` of each
    (with ``totals`` saying how many there are)."""
    tables = model["tables"]
    shown = {name: list(tables[name] if rows is None else tables[name][: rows.get(name, 10)]) for name in tables}
    found = model["contradictions"]
    if rows is not None and "contradictions" in rows:  # a large country has hundreds: the first ones
        found = found[: rows["contradictions"]]
    return {**{k: v for k, v in model.items() if not k.startswith("_") and k not in ("tables", "contradictions")},
            "tables": {name: linked(store, shown[name]) for name in tables},
            "totals": {**{name: len(tables[name]) for name in tables}, "contradictions": len(model["contradictions"])},
            "contradictions": linked(store, found)}


def overview_data(store: Any, entity_id: str) -> dict[str, Any]:
    """The whole overview as JSON (the API's ``/api/entities/ID/overview``)."""
    return overview_json(store, overview_model(store, entity_id))


def _document_urls(store: Any, doc_ids: Sequence[str]) -> dict[str, str]:
    """The original article's URL of each document that has one (http(s) only)."""
    wanted = list(dict.fromkeys(doc_ids))
    batch = getattr(store, "urls", None)
    if callable(batch):
        found = dict(batch(wanted))
    else:
        found = {}
        for doc_id in wanted:
            doc = store.document(doc_id)
            found[doc_id] = doc.url if doc is not None else None
    return {d: str(u) for d, u in found.items() if u and str(u).startswith(("http://", "https://"))}


def with_articles(store: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merged facts' JSON with each source's original article URL (``article``), where the input had one."""
    urls = _document_urls(store, [src["doc"] for item in items for src in item.get("sources", ())])
    for item in items:
        for src in item.get("sources", ()):
            src["article"] = urls.get(src["doc"])
    return items


def _row_links(facts: Sequence[MergedFact], urls: Mapping[str, str]) -> dict[str, Any]:
    """Evidence on demand: the first source's highlighted sentence, how many there are, the article's URL."""
    raw = [f for m in facts for f in m.facts]
    if not raw:
        return {"evidence": None, "sources": 0, "article": None}
    first = raw[0]
    return {"evidence": evidence_url(first), "sources": len({f.doc_id for f in raw}),
            "article": urls.get(first.doc_id), "doc": first.doc_id}


def _table_rows(overview: Any, name: str) -> list[dict[str, Any]]:
    from diplograph.query.overview import format_value

    rows: list[dict[str, Any]] = []

    def keep(facts: Sequence[MergedFact]) -> list[MergedFact]:
        return list(facts)

    if name == "figures":
        for f in overview.figures:
            rows.append({"metric": f.metric, "label": f.label, "latest": f.latest, "as_of": f.as_of,
                         "history": "; ".join(f"{v} ({a or '?'})" for a, v in f.history),
                         "points": len(f.history), "_facts": keep([p.fact for p in f.series.points][-1:])})
    elif name == "ladder":
        for r in overview.ladder:
            rows.append({"partner": r.partner, "partner_name": display_name(r.partner),
                         "url": entity_url(r.partner), "level": r.level.replace("_", " "),
                         "steps": " → ".join(f"{s.level.replace('_', ' ')} ({s.date or '?'}"
                                             f"{', reported' if s.reported else ''})" for s in r.steps),
                         "since": next((s.date for s in r.steps if s.level == r.level), None),
                         "_facts": keep([s.fact for s in r.steps])})
    elif name == "seats":
        for seat in overview.seats:
            holder = seat.actor if seat.group == "members" else seat.body
            rows.append({"group": seat.group, "body": seat.body, "body_name": display_name(seat.body),
                         "actor": seat.actor, "actor_name": display_name(seat.actor),
                         "holder": display_name(holder), "url": entity_url(holder), "role": seat.role.replace("_", " "),
                         "term": _term_text(seat.start, seat.end), "start": seat.start, "end": seat.end,
                         "status": seat.status, "label": seat.label or "", "_facts": keep([seat.fact])})
    elif name == "agreements":
        for kind, facts in overview.agreements.items():
            for f in facts:
                rows.append({"kind": kind, "name": str(f.get("name") or ""),
                             "parties": ", ".join(display_name(str(p)) for p in f.get("parties") or []),
                             "signed": f.get("signed") or "", "channel": f.get("channel") or "",
                             "reported": f.first_seen or "", "_facts": keep([f])})
    elif name == "visits":
        for v in overview.visits:
            rows.append({"direction": v.direction, "date": v.date or "", "year": v.year or "",
                         "who": ", ".join(display_name(w) if is_id(w) else w for w in v.who),
                         "where": display_name(v.where) if v.where and is_id(v.where) else (v.where or ""),
                         "channel": v.channel or "", "reported": v.fact.first_seen or "",
                         "_facts": keep([v.fact])})
    elif name == "offices":
        for o in overview.offices:
            rows.append({"person": o.person, "url": entity_url(o.person), "title": o.title,
                         "org": display_name(o.org), "first": o.first or "", "last": o.last or "",
                         "end": o.end or "", "successor": o.successor or "", "_facts": keep(list(o.facts))})
    for row in rows:
        if "value" in row:
            row["value"] = format_value(row["value"])
    return rows


def _term_text(start: Any, end: Any) -> str:
    if start and end and start != end:
        return f"{start}–{end}"
    if start:
        return str(start) if end else f"from {start}"
    if end:
        return f"until {end}"
    return "term not stated"


LEVEL_COLOURS = {"comprehensive_strategic": "#065f46", "strategic": "#10b981", "comprehensive": "#a7f3d0",
                 "special_strategic": "#1e3a8a", "enhanced_strategic": "#0f766e"}


def ladder_chart(overview: Any, max_rows: int = 14) -> dict[str, Any]:
    """The partnership ladder drawn on a time axis: one bar per partner, a segment per tier.

    Computed here (an SVG the template writes out, no script): x runs from the
    earliest step's year to this year; each segment starts at its step's date
    and runs to the next step or to today.
    """
    rows = list(overview.ladder)[:max_rows]
    dated = [dates.bounds(s.date) for r in rows for s in r.steps if dates.bounds(s.date)]
    this_year = int(dates.today_iso()[:4])
    first = min((b[0].year for b in dated if b), default=this_year - 1)
    first = min(first, this_year - 1)
    span = max(1, this_year + 1 - first)
    width, left, right, row_h = 640, 150, 20, 22
    bars = []
    for i, row in enumerate(rows):
        steps = [s for s in row.steps if dates.bounds(s.date)]
        steps.sort(key=lambda s: dates.sort_key(s.date))
        segments = []
        for j, step in enumerate(steps):
            start = _year_fraction(step.date)
            end = _year_fraction(steps[j + 1].date) if j + 1 < len(steps) else this_year + 1
            x0 = left + (start - first) / span * (width - left - right)
            x1 = left + (end - first) / span * (width - left - right)
            segments.append({"x": round(x0, 1), "w": round(max(2.0, x1 - x0), 1), "level": step.level,
                             "label": f"{step.level.replace('_', ' ')} from {step.date}"
                                      + (" (first reported)" if step.reported else ""),
                             "colour": LEVEL_COLOURS.get(step.level, "#6b7280"), "reported": step.reported})
        bars.append({"y": i * row_h + 4, "partner": display_name(row.partner), "url": entity_url(row.partner),
                     "segments": segments})
    ticks = []
    step_years = 1 if span <= 12 else 5 if span <= 60 else 10
    for year in range(first - first % step_years, this_year + 2, step_years):
        if year >= first:
            ticks.append({"x": round(left + (year - first) / span * (width - left - right), 1), "year": year})
    return {"width": width, "height": len(rows) * row_h + 26, "left": left, "bars": bars, "ticks": ticks,
            "axis_y": len(rows) * row_h + 6, "more": max(0, len(overview.ladder) - max_rows),
            "legend": [{"level": k.replace("_", " "), "colour": v} for k, v in LEVEL_COLOURS.items()]}


def _year_fraction(value: str | None) -> float:
    span = dates.bounds(value)
    if not span:
        return 0.0
    start = span[0]
    return start.year + (start.timetuple().tm_yday - 1) / 366


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": ("label", "latest", "as_of", "history"),
    "ladder": ("partner_name", "partner", "level", "since", "steps"),
    "seats": ("group", "body_name", "body", "role", "term", "status", "label"),
    "agreements": ("kind", "name", "parties", "signed", "channel", "reported"),
    "visits": ("direction", "date", "who", "where", "channel", "reported"),
    "offices": ("person", "title", "org", "first", "last", "successor", "end"),
}


def table_page(ctx: _Ctx, entity_id: str, table: str, limit: int, offset: int,
               filters: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    data = cached(ctx, "overview-model", overview_model, entity_id)
    rows = data["tables"][table]
    for key, value in (filters or {}).items():
        if value:
            rows = [r for r in rows if str(r.get(key) or "") == value]
    return {"entity": {"id": data["id"], "name": data["name"], "label": data["label"], "url": entity_url(data["id"])},
            "table": table, "columns": list(TABLE_COLUMNS[table]), "filters": dict(filters or {}),
            **paged(linked(ctx.store, rows[offset: offset + limit]), len(rows), limit, offset)}


def rows_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, "evidence", "article"])
    for row in rows:
        links = row.get("links") or {}
        writer.writerow([row.get(c, "") for c in columns] + [links.get("evidence") or "", links.get("article") or ""])
    return buffer.getvalue()


def entity_timeline_all(store: Any, entity_id: str, since: str | None, until: str | None,
                        channel: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """An entity's dated facts in order (query.timeline), each fact linked to its evidence."""
    _entity_or_404(store, entity_id)
    timeline = query.timeline(store, entity_id, since=since, until=until, channel=list(channel) or None)
    return [{"date": e.date, "what": e.what, "summary": e.summary, "fact": merged_json(e.fact)}
            for e in timeline.entries]


def entity_timeline_page(store: Any, entity_id: str, since: str | None, until: str | None,
                         channel: tuple[str, ...], limit: int, offset: int) -> dict[str, Any]:
    """A page of an entity's time line, read as a page from a store that keeps its facts merged."""
    _entity_or_404(store, entity_id)
    line = query.timeline(store, entity_id, since=since, until=until, channel=list(channel) or None, limit=limit,
                          offset=offset)
    items = [{"date": e.date, "what": e.what, "summary": e.summary, "fact": merged_json(e.fact)} for e in line.entries]
    return {"entity": entity_id, **paged(items, line.total or 0, limit, offset)}


def timeline_all(store: Any, actor: str | None, kind: str | None, since: str | None,
                 until: str | None, channel: tuple[str, ...] = ()) -> tuple[list[dict[str, Any]], list[str]]:
    """Events in date order (of one kind, if given), and every kind among the actor's events."""
    events = query.facts(store, type="event", entity=_optional_id(store, actor), since=since, until=until,
                         channel=list(channel) or None)
    kinds = sorted({str(f.get("kind")) for f in events if f.get("kind")})
    if kind:
        events = [f for f in events if f.get("kind") == kind]
    events.sort(key=lambda f: (f.date or "", f.id))
    return [merged_json(f) for f in events], kinds


# The global network shows this many of the strongest ties unless asked for all; every network
# draws at most EDGES_PER_TIE facts for each tie (``all=true``: everything).
STRONGEST_TIES = 80
EDGES_PER_TIE = 3


def network_data(store: Any, types: Sequence[str] | None, since: str | None, until: str | None,
                 limit: int, entity: str | None = None, channel: Sequence[str] = (),
                 everything: bool = False) -> dict[str, Any]:
    """The actor graph: nodes (countries, bodies, people) and one edge per fact and pair of actors.

    With ``entity``: that entity's neighbourhood (the links it takes part in). Without: the
    strongest ties only (pairs with the most facts and sources), unless ``everything``.
    """
    wanted = [t for t in (types or NETWORK_TYPES) if t in NETWORK_TYPES]
    centre = None
    if entity:
        centre = resolve_entity(store, entity)
    merged = query.facts(store, type=wanted, since=since, until=until, entity=centre.id if centre else None,
                         channel=list(channel) or None)
    merged.sort(key=lambda f: (-len(f.facts), f.id))
    edges: list[dict[str, Any]] = []
    own = set(query.api.expand_entity(centre.id)) if centre and is_id(centre.id) else (
        {centre.id} if centre else set())
    for fact in merged:
        for a, b, attrs in actor_edges(fact):
            if a == b:
                continue
            if centre is not None and not ({a, b} & own or (not is_id(centre.id) and (a == centre.id or b == centre.id))):
                continue
            edges.append({"from": a, "to": b, **{k: v for k, v in attrs.items() if v not in (None, "") and k != "docs"},
                          "channel": fact.get("channel"), "weight": len(fact.facts), "_fact": fact})
    pairs: dict[frozenset[str], int] = {}
    for e in edges:
        key = frozenset((e["from"], e["to"]))
        pairs[key] = pairs.get(key, 0) + e["weight"]
    shown_pairs = len(pairs)
    if not everything:
        # The strongest ties only (the whole graph), and a few facts per tie: the most cited first.
        strongest = set(pairs) if centre is not None or len(pairs) <= STRONGEST_TIES else set(
            sorted(pairs, key=lambda k: (-pairs[k], sorted(k)))[:STRONGEST_TIES])
        per_pair: dict[frozenset[str], int] = {}
        kept = []
        for e in edges:
            key = frozenset((e["from"], e["to"]))
            if key in strongest and per_pair.get(key, 0) < EDGES_PER_TIE:
                per_pair[key] = per_pair.get(key, 0) + 1
                kept.append(e)
        capped = len(kept) < len(edges)
        edges = kept
        shown_pairs = len(strongest)
    else:
        capped = False
    truncated = len(edges) > limit or shown_pairs < len(pairs) or capped
    edges = edges[:limit]
    for e in edges:
        fact = e.pop("_fact")
        e["sources"] = [evidence_url(f) for f in fact.facts[:5]]
        e["sources_total"] = len(fact.facts)
    nodes = []
    for node_id in dict.fromkeys(n for e in edges for n in (e["from"], e["to"])):
        known = store.entity(node_id)
        kind = known.kind if known else entity_kind(node_id)
        nodes.append({"id": node_id, "label": display_name(node_id) if kind != "person" else node_id, "kind": kind,
                      "url": entity_url(node_id), "centre": bool(centre and (node_id in own or node_id == centre.id))})
    return {"nodes": nodes, "edges": edges, "truncated": truncated, "pairs": len(pairs),
            "entity": {"id": centre.id, "name": labelled(centre.id), "url": entity_url(centre.id)} if centre else None,
            "filters": {"types": wanted, "since": since, "until": until, "channel": list(channel),
                        "all": everything, "entity": entity or ""}}


def contradictions_all(store: Any, subject: str | None) -> list[Any]:
    """Every contradiction (query objects: only the page shown is turned into JSON)."""
    return list(query.contradictions(store, subject=_optional_id(store, subject)))


def contradiction_json(c: Any) -> dict[str, Any]:
    item = c.to_json()
    item["facts"] = [merged_json(f) for f in c.facts]
    return item


def suggestion_link(text: str) -> str:
    """Where a suggestion leads: a question to /ask, a CLI call to the page that shows the same."""
    import shlex

    if not text.startswith("diplograph "):
        return "/ask?q=" + quote(text, safe="")
    try:
        words = shlex.split(text)[1:]
    except ValueError:
        return "/ask?q=" + quote(text, safe="")
    command, args = (words[0], words[1:]) if words else ("", [])
    positional = [a for a in args if not a.startswith("-")]
    options = dict(zip(args[::2], args[1::2])) if args and args[0].startswith("-") else {}
    if command == "entity" and positional:
        return entity_url(positional[0])
    if command == "timeline" and positional:
        return "/timeline?actor=" + quote(positional[0], safe="")
    if command == "facts":
        params = {"type": options.get("--type"), "entity": options.get("--entity"), "since": options.get("--since"),
                  "until": options.get("--until"), "q": options.get("--text")}
        return "/facts?" + urlencode({k: v for k, v in params.items() if v})
    if command == "contradictions":
        return "/contradictions" + ("?subject=" + quote(options["--subject"], safe="") if "--subject" in options else "")
    if command == "claims":
        return entity_url(options["--subject"]) if "--subject" in options else "/facts?type=statistic"
    return "/ask?q=" + quote(text, safe="")


# The facts and citations an answer carries at most (the rest are counted): "Who did X meet in 2022?" on the
# full bench store cites some 400 meetings, a megabyte of JSON.
ASK_ROWS = 50


def ask_data(store: Any, q: str) -> dict[str, Any]:
    answer = query.ask(store, q)
    out = answer.to_json()
    out["facts_total"] = len(answer.facts)
    out["facts"] = [merged_json(f) for f in answer.facts[:ASK_ROWS]]
    out["citations_total"] = len(out.get("citations") or [])
    out["citations"] = (out.get("citations") or [])[:ASK_ROWS]
    # A cited sentence links to the highlighted evidence of a fact read from it.
    evidence = {(src["doc"], src["sentence"]): src["url"] for f in out["facts"] for src in f["sources"]}
    for cite in out["citations"]:
        cite["url"] = evidence.get((cite["doc"], cite["sentence"]), document_url(cite["doc"]))
    out["suggestion_links"] = [{"text": s, "url": suggestion_link(s)} for s in answer.suggestions]
    with_articles(store, out["facts"])
    return out


def documents_data(store: Any, limit: int, offset: int) -> dict[str, Any]:
    docs = list(store.documents(limit=limit, offset=offset))
    counter = getattr(store, "count_documents", None)
    total = int(counter()) if callable(counter) else int(store.counts().get("documents", 0))
    return paged([{"id": d.id, "title": d.title, "published": d.published, "url": d.url,
                   "source": source_name(d.source), "chars": len(d.text), "page": document_url(d.id)} for d in docs],
                 total, limit, offset)


def document_data(store: Any, doc_id: str) -> dict[str, Any]:
    doc = _document_or_404(store, doc_id)
    facts = list(store.facts(doc_id=doc_id))
    facts.sort(key=lambda f: (f.evidence.start, FACT_TYPES.index(f.type) if f.type in FACT_TYPES else 99))
    pieces = highlight_pieces(doc.text, facts)
    return {
        "document": {"id": doc.id, "title": doc.title, "url": doc.url, "published": doc.published,
                     "published_source": doc.published_source, "source": source_name(doc.source),
                     "segments": [list(s) for s in doc.segments]},
        "text": doc.text,
        "facts": [raw_fact_json(f) for f in facts],
        "highlights": [p for p in pieces if p["facts"]],
        "_pieces": pieces,
    }


def stats_data(store: Any) -> dict[str, Any]:
    counts = store.counts()
    return {"counts": counts,
            "facts_per_type": {k.split(".", 1)[1]: v for k, v in counts.items() if k.startswith("facts.")}}


def home_data(store: Any) -> dict[str, Any]:
    stats = stats_data(store)
    actors = store.entities(order="facts", limit=15, min_facts=1)
    events = by_date_desc(query.facts(store, type="event"))[:10]  # merged over all events: cached by the caller
    docs = documents_data(store, limit=10, offset=0)["items"]
    return {**stats, "top_actors": [{**e.to_json(), "name": display_name(e.id) if e.kind != "person" else e.name,
                                     "url": entity_url(e.id)} for e in actors],
            "latest_events": [merged_json(f) for f in events], "documents": docs}


# ---------------------------------------------------------------- the same, cached and paged for views


def facts_page_data(ctx: _Ctx, type: Sequence[str] | None, entity: str | None, since: str | None,
                    until: str | None, q: str | None, limit: int, offset: int,
                    channel: Sequence[str] | None = None) -> dict[str, Any]:
    """A page of merged facts; ``merged`` says over what they were merged.

    Up to FULL_MERGE_MAX stored facts (or any entity's facts) are merged as a
    whole ("all") and cut into pages. Beyond that a merge per request would
    take seconds, so the store pages its rows, newest first, and only each
    page's rows are merged ("page"): ``total`` then counts stored facts.
    """
    store = ctx.store
    types = list(type) if type else None
    channels = tuple(channel or ())
    if not channels and query.api.stored_merge(store):
        # The store keeps its facts merged: a page is read as a page, whatever the store's size.
        def stored_page() -> dict[str, Any]:
            found = query.facts_page(store, type=types, entity=_optional_id(store, entity), since=since, until=until,
                                     text=q or None, limit=limit, offset=offset)
            return {**paged([merged_json(f) for f in found.items], found.total, limit, offset), "merged": "all"}

        data = ctx.cache.get(("facts-stored", tuple(type or ()), entity, since, until, q, limit, offset), stored_page)
        return {**data, "items": with_articles(store, copy_items(data["items"]))}
    if not entity and not channels:
        count = ctx.cache.get(("count", tuple(type or ()), since, until, q), lambda: store.count_facts(
            type=types, since=since, until=until, text=q or None))
        if count > FULL_MERGE_MAX:
            def merged_page() -> list[dict[str, Any]]:
                raw = store.facts(type=types, since=since, until=until, text=q or None, limit=limit,
                                  offset=offset, order="-date")
                merged = query.merge(raw, published_dates(store, raw), people=people_index(store))
                return [merged_json(f) for f in by_date_desc(merged)]

            items = ctx.cache.get(("facts-page", tuple(type or ()), since, until, q, limit, offset), merged_page)
            return {**paged(with_articles(store, copy_items(items)), count, limit, offset), "merged": "page"}
    key = ("facts", tuple(type or ()), entity, since, until, q, channels)
    items = ctx.cache.get(key, lambda: facts_all(store, type, entity, since, until, q, channels))
    return {**paged(with_articles(store, copy_items(items[offset: offset + limit])), len(items), limit, offset),
            "merged": "all"}


def copy_items(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cached items copied deep enough to add to their sources without touching the cache."""
    return [{**item, "sources": [dict(src) for src in item.get("sources", ())]} for item in items]


def timeline_page_data(ctx: _Ctx, actor: str | None, kind: str | None, since: str | None, until: str | None,
                       limit: int, offset: int, channel: Sequence[str] | None = None) -> dict[str, Any]:
    channels = tuple(channel or ())
    items, kinds = ctx.cache.get(("timeline", actor, kind, since, until, channels),
                                 lambda: timeline_all(ctx.store, actor, kind, since, until, channels))
    return {**paged(with_articles(ctx.store, copy_items(items[offset: offset + limit])), len(items), limit, offset),
            "kinds": kinds,
            "filters": {"actor": actor, "kind": kind, "since": since, "until": until, "channel": list(channels)}}


def contradictions_page_data(ctx: _Ctx, subject: str | None, limit: int, offset: int) -> dict[str, Any]:
    items = ctx.cache.get(("contradictions", subject), lambda: contradictions_all(ctx.store, subject))
    return paged([contradiction_json(c) for c in items[offset: offset + limit]], len(items), limit, offset)


def cached(ctx: _Ctx, name: str, compute: Callable[..., T], *args: Any) -> T:
    """``compute(store, *args)``, reused for a few seconds."""
    return ctx.cache.get((name, *args), lambda: compute(ctx.store, *args))


def _canonical_redirect(request: Request, store: Any, name: str, prefix: str = "/entities/",
                        suffix: str = "") -> tuple[str, Response | None]:
    """A page named by a name or alias redirects to the page of its id (one URL per entity)."""
    resolved = resolve_entity(store, name)
    if resolved.id == name:
        return name, None
    target = prefix + quote(resolved.id, safe="") + suffix
    if request.url.query:
        target += "?" + request.url.query
    return resolved.id, RedirectResponse(target, status_code=307)


# ---------------------------------------------------------------- pages

Channels = Annotated[list[Channel] | None, Query(description="Channel(s) of events and agreements: "
                                                             "party, state, parliament, people.")]
TableName = Literal["figures", "ladder", "seats", "agreements", "visits", "offices"]


def _register_data_views(app: FastAPI, ctx: _Ctx, page: Callable[..., Response]) -> None:

    @app.get("/", include_in_schema=False)
    def home(request: Request, format: Fmt = "html") -> Response:
        return page(request, "home.html", cached(ctx, "home", home_data), format)

    @app.get("/find", include_in_schema=False)
    def find(request: Request, q: Text = None) -> Response:
        """The search box: straight to the entity a name means, else the list with "did you mean"."""
        if q:
            try:
                resolved = resolve_entity(ctx.store, q)
                return RedirectResponse(entity_url(resolved.id), status_code=303)
            except (InputError, HTTPException):
                pass
        return RedirectResponse("/entities?" + urlencode({"q": q or ""}), status_code=303)

    @app.get("/entities", include_in_schema=False)
    def entities_page(request: Request, q: Text = None,
                      kind: EntityKind | None = None, limit: Limit = 50, offset: Offset = 0,
                      format: Fmt = "html") -> Response:
        return page(request, "entities.html", entities_data(ctx.store, kind, q, limit, offset), format,
                    q=q or "", kind=kind or "")

    @app.get("/entities/{entity_id:path}/tables/{table}", include_in_schema=False)
    def entity_table_page(request: Request, entity_id: str, table: TableName, limit: Limit = 50,
                          offset: Offset = 0, group: Annotated[str | None, Query(max_length=20)] = None,
                          direction: Annotated[str | None, Query(max_length=5)] = None,
                          channel: Channel | None = None,
                          format: Annotated[Literal["html", "json", "csv"], Query()] = "html") -> Response:
        entity_id, redirect = _canonical_redirect(request, ctx.store, entity_id, suffix=f"/tables/{table}")
        if redirect is not None:
            return redirect
        filters = {"group": group, "direction": direction, "channel": channel}
        if format == "csv":
            data = table_page(ctx, entity_id, table, 10**9, 0, filters)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{entity_id}-{table}.csv")
            return Response(rows_csv(data["items"], data["columns"]), media_type="text/csv; charset=utf-8",
                            headers={"content-disposition": f'attachment; filename="{name}"'})
        return page(request, "table.html", table_page(ctx, entity_id, table, limit, offset, filters), format)

    @app.get("/entities/{entity_id:path}", include_in_schema=False)
    def entity_page(request: Request, entity_id: str, as_of: IsoDate = None, limit: ProfileLimit = PROFILE_ROWS,
                    format: Fmt = "html") -> Response:
        entity_id, redirect = _canonical_redirect(request, ctx.store, entity_id)
        if redirect is not None:
            return redirect
        if format == "json":
            return JSONResponse(cached(ctx, "entity", entity_data, entity_id, as_of, limit))
        model = cached(ctx, "overview-model", overview_model, entity_id)  # shared with the table pages
        data, overview = ctx.cache.get(("entity-page", entity_id, as_of),
                                       lambda: entity_page_data(ctx.store, entity_id, as_of, model))
        return page(request, "entity.html", data, format, overview=overview, page_rows=PAGE_ROWS,
                    channels=CHANNELS)

    @app.get("/facts", include_in_schema=False)
    def facts_page(request: Request, type: Types = None, entity: Text = None,
                   since: IsoDate = None, until: IsoDate = None, channel: Channels = None,
                   q: Text = None, limit: Limit = 50,
                   offset: Offset = 0, format: Fmt = "html") -> Response:
        data = facts_page_data(ctx, type, entity, since, until, q, limit, offset, channel)
        return page(request, "facts.html", data, format, types=FACT_TYPES, channels=CHANNELS,
                    filters={"type": type or [], "entity": entity or "", "since": since or "",
                             "until": until or "", "q": q or "", "channel": channel or []})

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, type: Types = None,
                     since: IsoDate = None, until: IsoDate = None, entity: Text = None, channel: Channels = None,
                     all: Annotated[bool, Query(description="Every tie, not only the strongest.")] = False,
                     limit: Annotated[int, Query(ge=1, le=5000)] = 400, format: Fmt = "html") -> Response:
        data = cached(ctx, "network", network_data, tuple(type or ()), since, until, limit, entity or None,
                      tuple(channel or ()), all)
        return page(request, "network.html", data, format, all_types=NETWORK_TYPES, channels=CHANNELS)

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(request: Request, actor: Text = None,
                      kind: Annotated[str | None, Query(max_length=50)] = None, since: IsoDate = None,
                      until: IsoDate = None, channel: Channels = None, limit: Limit = 100, offset: Offset = 0,
                      format: Fmt = "html") -> Response:
        return page(request, "timeline.html",
                    timeline_page_data(ctx, actor, kind, since, until, limit, offset, channel), format,
                    channels=CHANNELS)

    @app.get("/documents", include_in_schema=False)
    def documents_page(request: Request, limit: Limit = 50, offset: Offset = 0,
                       format: Fmt = "html") -> Response:
        return page(request, "documents.html", documents_data(ctx.store, limit, offset), format)

    @app.get("/documents/{doc_id:path}", include_in_schema=False)
    def document_page(request: Request, doc_id: str, format: Fmt = "html") -> Response:
        data = document_data(ctx.store, doc_id)
        text = data["text"]
        # Every piece of the text, highlighted or not, escaped by the template on its own.
        pieces = [{**p, "text": text[p["start"]: p["end"]]} for p in data.pop("_pieces")]
        if format == "json":
            return JSONResponse(data)
        return page(request, "document.html", data, format, pieces=pieces)

    @app.get("/contradictions", include_in_schema=False)
    def contradictions_page(request: Request, subject: Text = None,
                            limit: Limit = 50, offset: Offset = 0,
                            format: Fmt = "html") -> Response:
        return page(request, "contradictions.html", contradictions_page_data(ctx, subject, limit, offset), format)

    @app.get("/ask", include_in_schema=False)
    def ask_page(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
                 format: Fmt = "html") -> Response:
        data = cached(ctx, "ask", ask_data, q) if q and q.strip() else {"question": "", "ok": None}
        return page(request, "ask.html", data, format, q=q or "")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        schema = app.openapi()
        html = ctx.env.get_template("api_docs.html").render(request=request, schema=schema)
        return HTMLResponse(html)


def entity_page_data(store: Any, entity_id: str, as_of: str | None,
                     model: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the entity page renders: the overview's tables and a light profile, from one merge.

    The page shows a few rows of each table (the rest are paged at
    ``/entities/ID/tables/NAME``), the latest events and the claim charts of
    series with two or more dated figures; the whole profile is the JSON twin.
    """
    entity = _entity_or_404(store, entity_id)
    if model is None:
        model = overview_model(store, entity_id)
    merged = model["_merged"]
    overview = overview_json(store, model, PAGE_ROWS)
    kind = entity.kind
    if as_of:
        profile = query.entity_profile(store, entity_id, as_of=as_of)
        relations, events = list(profile.relations), list(profile.events)
    else:
        relations = [f for f in merged if f.type == "diplomatic_relations"]
        events = [f for f in merged if f.type == "event"]
    charts = []
    for figure in _series_for_charts(model["_overview"], kind):
        charts.append({"index": len(charts), "label": figure.label or figure.metric.replace("_", " "),
                       "subject": figure.subject, "metric": figure.metric,
                       "points": [{"x": p.as_of, "y": p.value, "qualifier": p.qualifier, "unit": p.unit}
                                  for p in figure.points if isinstance(p.value, (int, float))]})
    data = {
        "id": entity.id, "kind": kind, "as_of": as_of,
        "name": display_name(entity.id) if kind != "person" else entity.id,
        "entity": {**entity.to_json(), "url": entity_url(entity.id)},
        "relations": with_articles(store, [merged_json(f) for f in relations[:12]]), "relations_total": len(relations),
        "latest_events": with_articles(store, [merged_json(f) for f in by_date_desc(events)[:8]]),
        "events_total": len(events),
        "claims_chart": charts,
    }
    return data, overview


def _series_for_charts(overview: Any, kind: str, most: int = 8) -> list[ClaimSeries]:
    """Claim series worth a chart: two or more numeric figures, in the overview's order."""
    if kind == "person":
        return []
    series = [f.series for f in overview.figures
              if sum(isinstance(p.value, (int, float)) for p in f.series.points) > 1]
    return series[:most]


# ---------------------------------------------------------------- JSON API


def _register_api(app: FastAPI, ctx: _Ctx) -> None:
    tag: list[str | Enum] = ["api"]

    @app.get("/api/facts", tags=tag)
    def api_facts(type: Types = None,
                  entity: Text = None,
                  since: IsoDate = None,
                  until: IsoDate = None,
                  channel: Channels = None,
                  q: Text = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Facts merged across documents, newest first, each with every source and a link to its evidence.

        `entity` is a name, alias, demonym or id in any case (Vietnam, vnm, "Viet Nam", Son)."""
        return facts_page_data(ctx, type, entity, since, until, q, limit, offset, channel)

    @app.get("/api/entities", tags=tag)
    def api_entities(q: Text = None,
                     kind: EntityKind | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> dict[str, Any]:
        """Countries, bodies and people that facts name, most-cited first; `match` is the entity `q` names."""
        return entities_data(ctx.store, kind, q, limit, offset)

    @app.get("/api/entities/{entity_id}/timeline", tags=tag)
    def api_timeline(entity_id: str, since: IsoDate = None, until: IsoDate = None, channel: Channels = None,
                     limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """An entity's dated facts in order (a term gives a start and an end entry)."""
        entity_id = resolve_entity(ctx.store, entity_id).id
        if query.api.stored_merge(ctx.store):  # a page read as a page
            return cached(ctx, "entity_timeline_page", entity_timeline_page, entity_id, since, until,
                          tuple(channel or ()), limit, offset)
        entries = cached(ctx, "entity_timeline", entity_timeline_all, entity_id, since, until, tuple(channel or ()))
        return {"entity": entity_id, **paged(entries[offset: offset + limit], len(entries), limit, offset)}

    @app.get("/api/entities/{entity_id}/overview", tags=tag)
    def api_overview(entity_id: str, limit: Limit = 50) -> dict[str, Any]:
        """The country at a glance: key figures, partnership ladder, seats, agreements, visits, offices,
        channels per year, contradictions (the first `limit` rows of each table and contradictions, `totals`
        counts them all, /api/entities/ID/tables/NAME pages through a table; each row links to its evidence)."""
        model = cached(ctx, "overview-model", overview_model, resolve_entity(ctx.store, entity_id).id)
        return overview_json(ctx.store, model, {name: limit for name in (*TABLES, "contradictions")})

    @app.get("/api/entities/{entity_id}/tables/{table}", tags=tag)
    def api_table(entity_id: str, table: TableName, limit: Limit = 50, offset: Offset = 0,
                  group: Annotated[str | None, Query(max_length=20)] = None,
                  direction: Annotated[str | None, Query(max_length=5)] = None,
                  channel: Channel | None = None) -> dict[str, Any]:
        """One table of an entity's overview, paged (`group` for seats: UN, regional, other; `direction`
        for visits: in, out; `channel`)."""
        return table_page(ctx, resolve_entity(ctx.store, entity_id).id, table, limit, offset,
                          {"group": group, "direction": direction, "channel": channel})

    @app.get("/api/entities/{entity_id}", tags=tag)
    def api_entity(entity_id: str, as_of: IsoDate = None, limit: ProfileLimit = PROFILE_ROWS) -> dict[str, Any]:
        """An entity's profile: offices, partnerships by level, relations, roles, events, agreements, claims.

        Each section holds its `limit` most recent merged facts; `totals` counts them all (page through
        a section with /api/facts?entity=ID&type=...)."""
        return cached(ctx, "entity", entity_data, resolve_entity(ctx.store, entity_id).id, as_of, limit)

    @app.get("/api/network", tags=tag)
    def api_network(type: Types = None, since: IsoDate = None, until: IsoDate = None, entity: Text = None,
                    channel: Channels = None,
                    all: Annotated[bool, Query(description="Every tie, not only the strongest.")] = False,
                    limit: Annotated[int, Query(ge=1, le=5000)] = 400) -> dict[str, Any]:
        """The actor network: an entity's neighbourhood, or the strongest ties of the whole graph."""
        return cached(ctx, "network", network_data, tuple(type or ()), since, until, limit, entity or None,
                      tuple(channel or ()), all)

    @app.get("/api/claims/{metric}", tags=tag)
    def api_claims(metric: Annotated[str, PathParam(pattern=r"^[a-z_]{1,60}$", description="A FACTS.md metric.")],
                   subject: Text = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Claim histories of a metric (per subject): every figure with its date and sources, oldest first."""
        store = ctx.store
        series = query.claims(store, metric=metric, subject=_optional_id(store, subject))
        items = [series_json(s) for s in series[offset: offset + limit]]
        return {"metric": metric, **paged(items, len(series), limit, offset)}

    @app.get("/api/contradictions", tags=tag)
    def api_contradictions(subject: Text = None, limit: Limit = 50,
                           offset: Offset = 0) -> dict[str, Any]:
        """Claims for the same time that cannot all be true, each explained, with every source."""
        return contradictions_page_data(ctx, subject, limit, offset)

    @app.get("/api/ask", tags=tag)
    def api_ask(q: Annotated[str, Query(min_length=1, max_length=500, description="A question in English.")]
                ) -> dict[str, Any]:
        """Answer a question from the graph, with the facts and sentences it rests on."""
        if not q.strip():
            raise HTTPException(422, "q: ask a question (it is empty)")
        return cached(ctx, "ask", ask_data, q)

    @app.get("/api/documents", tags=tag)
    def api_documents(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """The stored documents (id, title, date, file name they were read from)."""
        return documents_data(ctx.store, limit, offset)

    @app.get("/api/documents/{doc_id:path}", tags=tag)
    def api_document(doc_id: str) -> dict[str, Any]:
        """A document's text, its facts, and the spans of text each fact's evidence covers (ids may hold "/")."""
        data = document_data(ctx.store, doc_id)
        data.pop("_pieces")
        return data

    @app.get("/api/stats", tags=tag)
    def api_stats() -> dict[str, Any]:
        """How much the store holds: documents, sentences, mentions, entities, facts per type."""
        return stats_data(ctx.store)


__all__ = ["create_app", "highlight_pieces", "query_pairs"]
