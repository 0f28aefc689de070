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

import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from diplograph import __version__, query
from diplograph.errors import DiplographError, InputError, StoreError
from diplograph.model import FACT_TYPES, Fact
from diplograph.query.api import entity_kind, fact_entities, published_dates
from diplograph.query.claims import ClaimSeries
from diplograph.query.exports import actor_edges
from diplograph.query.merge import MergedFact, describe, is_id
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
NETWORK_TYPES = ("partnership", "diplomatic_relations", "role", "position", "event", "agreement")

MAX_LIMIT = 500
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
    for source, raw in zip(out["sources"], fact.facts):
        source["fact"] = fact_anchor(raw)
        source["url"] = evidence_url(raw)
    out["entities"] = [{"id": e, "url": entity_url(e)} for e in dict.fromkeys(fact_entities(fact.fields))]
    return out


def raw_fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact_anchor(fact), "type": fact.type, "fields": dict(fact.fields), "summary": describe(fact),
        "extractor": fact.extractor, "confidence": round(fact.confidence, 3), "url": evidence_url(fact),
        "evidence": {"sentence": fact.evidence.sentence, "start": fact.evidence.start, "end": fact.evidence.end,
                     "text": fact.evidence.text},
        "entities": [{"id": e, "url": entity_url(e)} for e in dict.fromkeys(fact_entities(fact.fields))],
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


class JsonSuffix:
    """``/entities/VNM.json`` is ``/entities/VNM?format=json`` (pages only; not /api or /static).

    Also drops empty query parameters (``?since=&kind=``, what a filter form
    with blank fields sends), so that blank means "no filter", not a bad date.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        pairs = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                               keep_blank_values=True) if v != ""]
        if path.endswith(".json") and not path.startswith(("/api/", "/static/")) and path != "/openapi.json":
            path = path[: -len(".json")] or "/"
            if path.endswith("/") and path != "/":
                path = path[:-1]
            pairs.append(("format", "json"))
        scope = {**scope, "path": path, "raw_path": quote(path).encode(),
                 "query_string": urlencode(pairs, encoding="latin-1").encode("latin-1")}
        await self.app(scope, receive, send)


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
    store: Any
    env: Environment
    cache: ResultCache


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(entity_url=entity_url, document_url=document_url, evidence_url=evidence_url,
                       fact_anchor=fact_anchor, describe=describe, fact_entities=fact_entities,
                       version=__version__, is_id=is_id)
    env.filters["urlq"] = lambda value: quote(str(value), safe="")
    return env


def create_app(store_target: str | Path | Any, *, cache_seconds: float = 10.0) -> FastAPI:
    """The web app over a store: a SQLite path or ``postgresql://`` URL (opened read-only), or a store.

    A store passed in stays the caller's to close; one opened here is closed
    when the app shuts down. Merged results are reused for ``cache_seconds``.
    """
    from diplograph.store import open_store

    owned = isinstance(store_target, (str, Path))
    store: Any = open_store(store_target, read_only=True) if owned else store_target

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="diplograph", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="A time-aware, cited knowledge graph of foreign relations: read-only JSON API.")
    app.state.store = store
    app.add_middleware(JsonSuffix)
    ctx = _Ctx(store, _environment(), ResultCache(cache_seconds))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def error_response(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
        html = ctx.env.get_template("error.html").render(status=status, error=message, request=request)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see /docs for the API and / for the pages"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here: the API is read-only (GET)"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    @app.exception_handler(DiplographError)
    async def other_error(request: Request, exc: DiplographError) -> Response:
        return error_response(request, 500, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
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


def facts_all(store: Any, type: Sequence[str] | None, entity: str | None, since: str | None,
              until: str | None, q: str | None) -> list[dict[str, Any]]:
    """Every fact matching the filters, merged across documents, newest first (pages are cut from this)."""
    merged = query.facts(store, type=list(type) if type else None, entity=entity or None, since=since,
                         until=until, text=q or None)
    return [merged_json(f) for f in by_date_desc(merged)]


def entities_data(store: Any, kind: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    items = store.entities(kind=kind, q=q or None, limit=limit, offset=offset, order="facts", min_facts=1)
    total = store.count_entities(kind=kind, q=q or None, min_facts=1)
    return paged([{**e.to_json(), "url": entity_url(e.id)} for e in items], total, limit, offset)


def series_json(series: ClaimSeries) -> dict[str, Any]:
    """A claim series' JSON with every point's fact linked to its evidence."""
    out = series.to_json()
    for point, p in zip(out["points"], series.points):
        point["fact"] = merged_json(p.fact)
    if series.latest is not None:
        out["latest"]["fact"] = merged_json(series.latest.fact)
    return out


def entity_data(store: Any, entity_id: str, as_of: str | None) -> dict[str, Any]:
    entity = _entity_or_404(store, entity_id)
    profile = query.entity_profile(store, entity_id, as_of=as_of)
    out = profile.to_json()
    # Same shapes as the rest of the API: merged facts carry links to their evidence.
    for key in ("offices", "relations", "roles", "events", "agreements"):
        out[key] = [merged_json(f) for f in getattr(profile, key)]
    out["partnerships"] = {level: [merged_json(f) for f in fs] for level, fs in profile.partnerships.items()}
    out["claims"] = [series_json(s) for s in profile.claims]
    out["entity"] = {**entity.to_json(), "url": entity_url(entity.id)}
    out["claims_chart"] = [
        {"index": i, "label": s.label or s.metric.replace("_", " "), "subject": s.subject, "metric": s.metric,
         "points": [{"x": p.as_of, "y": p.value, "qualifier": p.qualifier, "unit": p.unit} for p in s.points
                    if isinstance(p.value, (int, float))]}
        for i, s in enumerate(profile.claims)
    ]
    return out


def entity_timeline_all(store: Any, entity_id: str, since: str | None, until: str | None) -> list[dict[str, Any]]:
    """An entity's dated facts in order (query.timeline), each fact linked to its evidence."""
    _entity_or_404(store, entity_id)
    timeline = query.timeline(store, entity_id, since=since, until=until)
    return [{"date": e.date, "what": e.what, "summary": e.summary, "fact": merged_json(e.fact)}
            for e in timeline.entries]


def timeline_all(store: Any, actor: str | None, kind: str | None, since: str | None,
                 until: str | None) -> tuple[list[dict[str, Any]], list[str]]:
    """Events in date order (of one kind, if given), and every kind among the actor's events."""
    events = query.facts(store, type="event", entity=actor or None, since=since, until=until)
    kinds = sorted({str(f.get("kind")) for f in events if f.get("kind")})
    if kind:
        events = [f for f in events if f.get("kind") == kind]
    events.sort(key=lambda f: (f.date or "", f.id))
    return [merged_json(f) for f in events], kinds


def network_data(store: Any, types: Sequence[str] | None, since: str | None, until: str | None,
                 limit: int) -> dict[str, Any]:
    """The actor graph: nodes (countries, bodies, people) and one edge per fact and pair of actors."""
    wanted = [t for t in (types or NETWORK_TYPES) if t in NETWORK_TYPES]
    merged = query.facts(store, type=wanted, since=since, until=until)
    merged.sort(key=lambda f: (-len(f.facts), f.id))
    edges: list[dict[str, Any]] = []
    for fact in merged:
        for a, b, attrs in actor_edges(fact):
            if a == b:
                continue
            edges.append({"from": a, "to": b, **{k: v for k, v in attrs.items() if v not in (None, "")},
                          "sources": [evidence_url(f) for f in fact.facts]})
    truncated = len(edges) > limit
    edges = edges[:limit]
    nodes = []
    for node_id in dict.fromkeys(n for e in edges for n in (e["from"], e["to"])):
        entity = store.entity(node_id)
        kind = entity.kind if entity else entity_kind(node_id)
        nodes.append({"id": node_id, "label": entity.name if entity else node_id, "kind": kind,
                      "url": entity_url(node_id)})
    return {"nodes": nodes, "edges": edges, "truncated": truncated,
            "filters": {"types": wanted, "since": since, "until": until}}


def contradictions_all(store: Any, subject: str | None) -> list[dict[str, Any]]:
    items = []
    for c in query.contradictions(store, subject=subject or None):
        item = c.to_json()
        item["facts"] = [merged_json(f) for f in c.facts]
        items.append(item)
    return items


def ask_data(store: Any, q: str) -> dict[str, Any]:
    answer = query.ask(store, q)
    out = answer.to_json()
    out["facts"] = [merged_json(f) for f in answer.facts]
    # A cited sentence links to the highlighted evidence of a fact read from it.
    evidence = {(src["doc"], src["sentence"]): src["url"] for f in out["facts"] for src in f["sources"]}
    for cite in out["citations"]:
        cite["url"] = evidence.get((cite["doc"], cite["sentence"]), document_url(cite["doc"]))
    return out


def documents_data(store: Any, limit: int, offset: int) -> dict[str, Any]:
    docs = list(store.documents(limit=limit, offset=offset))
    total = int(store.counts().get("documents", 0))
    return paged([{"id": d.id, "title": d.title, "published": d.published, "url": d.url,
                   "source": d.source, "chars": len(d.text), "page": document_url(d.id)} for d in docs],
                 total, limit, offset)


def document_data(store: Any, doc_id: str) -> dict[str, Any]:
    doc = _document_or_404(store, doc_id)
    facts = list(store.facts(doc_id=doc_id))
    facts.sort(key=lambda f: (f.evidence.start, FACT_TYPES.index(f.type) if f.type in FACT_TYPES else 99))
    pieces = highlight_pieces(doc.text, facts)
    return {
        "document": {"id": doc.id, "title": doc.title, "url": doc.url, "published": doc.published,
                     "published_source": doc.published_source, "source": doc.source,
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
    return {**stats, "top_actors": [{**e.to_json(), "url": entity_url(e.id)} for e in actors],
            "latest_events": [merged_json(f) for f in events], "documents": docs}


# ---------------------------------------------------------------- the same, cached and paged for views


def facts_page_data(ctx: _Ctx, type: Sequence[str] | None, entity: str | None, since: str | None,
                    until: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of merged facts; ``merged`` says over what they were merged.

    Up to FULL_MERGE_MAX stored facts (or any entity's facts) are merged as a
    whole ("all") and cut into pages. Beyond that a merge per request would
    take seconds, so the store pages its rows, newest first, and only each
    page's rows are merged ("page"): ``total`` then counts stored facts.
    """
    types = list(type) if type else None
    if not entity:
        count = ctx.cache.get(("count", tuple(type or ()), since, until, q), lambda: ctx.store.count_facts(
            type=types, since=since, until=until, text=q or None))
        if count > FULL_MERGE_MAX:
            def merged_page() -> list[dict[str, Any]]:
                raw = ctx.store.facts(type=types, since=since, until=until, text=q or None, limit=limit,
                                      offset=offset, order="-date")
                merged = query.merge(raw, published_dates(ctx.store, raw), people=people_index(ctx.store))
                return [merged_json(f) for f in by_date_desc(merged)]

            items = ctx.cache.get(("facts-page", tuple(type or ()), since, until, q, limit, offset), merged_page)
            return {**paged(items, count, limit, offset), "merged": "page"}
    key = ("facts", tuple(type or ()), entity, since, until, q)
    items = ctx.cache.get(key, lambda: facts_all(ctx.store, type, entity, since, until, q))
    return {**paged(items[offset: offset + limit], len(items), limit, offset), "merged": "all"}


def timeline_page_data(ctx: _Ctx, actor: str | None, kind: str | None, since: str | None, until: str | None,
                       limit: int, offset: int) -> dict[str, Any]:
    items, kinds = ctx.cache.get(("timeline", actor, kind, since, until),
                                 lambda: timeline_all(ctx.store, actor, kind, since, until))
    return {**paged(items[offset: offset + limit], len(items), limit, offset), "kinds": kinds,
            "filters": {"actor": actor, "kind": kind, "since": since, "until": until}}


def contradictions_page_data(ctx: _Ctx, subject: str | None, limit: int, offset: int) -> dict[str, Any]:
    items = ctx.cache.get(("contradictions", subject), lambda: contradictions_all(ctx.store, subject))
    return paged(items[offset: offset + limit], len(items), limit, offset)


def cached(ctx: _Ctx, name: str, compute: Callable[..., T], *args: Any) -> T:
    """``compute(store, *args)``, reused for a few seconds."""
    return ctx.cache.get((name, *args), lambda: compute(ctx.store, *args))


# ---------------------------------------------------------------- pages


def _register_data_views(app: FastAPI, ctx: _Ctx, page: Callable[..., Response]) -> None:
    store = ctx.store

    @app.get("/", include_in_schema=False)
    def home(request: Request, format: Fmt = "html") -> Response:
        return page(request, "home.html", cached(ctx, "home", home_data), format)

    @app.get("/entities", include_in_schema=False)
    def entities_page(request: Request, q: Text = None,
                      kind: EntityKind | None = None, limit: Limit = 50, offset: Offset = 0,
                      format: Fmt = "html") -> Response:
        return page(request, "entities.html", entities_data(store, kind, q, limit, offset), format,
                    q=q or "", kind=kind or "")

    @app.get("/entities/{entity_id:path}", include_in_schema=False)
    def entity_page(request: Request, entity_id: str, as_of: IsoDate = None,
                    format: Fmt = "html") -> Response:
        return page(request, "entity.html", cached(ctx, "entity", entity_data, entity_id, as_of), format)

    @app.get("/facts", include_in_schema=False)
    def facts_page(request: Request, type: Types = None, entity: str | None = None,
                   since: IsoDate = None, until: IsoDate = None,
                   q: Text = None, limit: Limit = 50,
                   offset: Offset = 0, format: Fmt = "html") -> Response:
        data = facts_page_data(ctx, type, entity, since, until, q, limit, offset)
        return page(request, "facts.html", data, format, types=FACT_TYPES,
                    filters={"type": type or [], "entity": entity or "", "since": since or "",
                             "until": until or "", "q": q or ""})

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, type: Types = None,
                     since: IsoDate = None, until: IsoDate = None,
                     limit: Annotated[int, Query(ge=1, le=5000)] = 400, format: Fmt = "html") -> Response:
        return page(request, "network.html", cached(ctx, "network", network_data, tuple(type or ()), since, until, limit),
                    format,
                    all_types=NETWORK_TYPES)

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(request: Request, actor: Text = None,
                      kind: Annotated[str | None, Query(max_length=50)] = None, since: IsoDate = None,
                      until: IsoDate = None, limit: Limit = 100, offset: Offset = 0,
                      format: Fmt = "html") -> Response:
        return page(request, "timeline.html", timeline_page_data(ctx, actor, kind, since, until, limit, offset),
                    format)

    @app.get("/documents", include_in_schema=False)
    def documents_page(request: Request, limit: Limit = 50, offset: Offset = 0,
                       format: Fmt = "html") -> Response:
        return page(request, "documents.html", documents_data(store, limit, offset), format)

    @app.get("/documents/{doc_id:path}", include_in_schema=False)
    def document_page(request: Request, doc_id: str, format: Fmt = "html") -> Response:
        data = document_data(store, doc_id)
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


# ---------------------------------------------------------------- JSON API


def _register_api(app: FastAPI, ctx: _Ctx) -> None:
    store = ctx.store
    tag: list[str | Enum] = ["api"]

    @app.get("/api/facts", tags=tag)
    def api_facts(type: Types = None,
                  entity: Text = None,
                  since: IsoDate = None,
                  until: IsoDate = None,
                  q: Text = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Facts merged across documents, newest first, each with every source and a link to its evidence."""
        return facts_page_data(ctx, type, entity, since, until, q, limit, offset)

    @app.get("/api/entities", tags=tag)
    def api_entities(q: Text = None,
                     kind: EntityKind | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> dict[str, Any]:
        """Countries, bodies and people that facts name, most-cited first."""
        return entities_data(store, kind, q, limit, offset)

    @app.get("/api/entities/{entity_id}/timeline", tags=tag)
    def api_timeline(entity_id: str, since: IsoDate = None, until: IsoDate = None,
                     limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """An entity's dated facts in order (a term gives a start and an end entry)."""
        entries = cached(ctx, "entity_timeline", entity_timeline_all, entity_id, since, until)
        return {"entity": entity_id, **paged(entries[offset: offset + limit], len(entries), limit, offset)}

    @app.get("/api/entities/{entity_id}", tags=tag)
    def api_entity(entity_id: str, as_of: IsoDate = None) -> dict[str, Any]:
        """An entity's profile: offices, partnerships by level, relations, roles, events, agreements, claims."""
        return cached(ctx, "entity", entity_data, entity_id, as_of)

    @app.get("/api/claims/{metric}", tags=tag)
    def api_claims(metric: Annotated[str, PathParam(pattern=r"^[a-z_]{1,60}$", description="A FACTS.md metric.")],
                   subject: Text = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Claim histories of a metric (per subject): every figure with its date and sources, oldest first."""
        series = query.claims(store, metric=metric, subject=subject or None)
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
        """The stored documents (id, title, date, source)."""
        return documents_data(store, limit, offset)

    @app.get("/api/documents/{doc_id}", tags=tag)
    def api_document(doc_id: str) -> dict[str, Any]:
        """A document's text, its facts, and the spans of text each fact's evidence covers."""
        data = document_data(store, doc_id)
        data.pop("_pieces")
        return data

    @app.get("/api/stats", tags=tag)
    def api_stats() -> dict[str, Any]:
        """How much the store holds: documents, sentences, mentions, entities, facts per type."""
        return stats_data(store)


__all__ = ["create_app", "highlight_pieces"]

