"""The ``diplograph`` command: thin wrappers over pipeline, export, evaluate and the store.

Every command takes ``--db`` (a SQLite file, default ``diplograph.sqlite``, or
a ``postgresql://`` URL; also read from ``$DIPLOGRAPH_DB``). To add a command,
decorate a function with ``@cli.command()`` and ``@db_option``, open the store
with :func:`open_db`, and raise :class:`~diplograph.errors.DiplographError`
for anything the user must fix: the group turns it into ``Error: ...`` and
exit status 1. Click's usage errors exit with status 2.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

import click

from diplograph import __version__
from diplograph.errors import DiplographError, InputError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "diplograph.sqlite"


class _Group(click.Group):
    """A click group that reports DiplographError as a one-line error (exit status 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplographError as exc:
            raise click.ClickException(str(exc)) from exc


def db_option(fn: F) -> F:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db",
        default=DEFAULT_DB,
        envvar="DIPLOGRAPH_DB",
        show_default=True,
        metavar="PATH|URL",
        help="The store: a SQLite file, or a postgresql:// URL (also $DIPLOGRAPH_DB).",
    )(fn)


def open_db(db: str, *, read_only: bool = False) -> Any:
    """Open the store; a reading command on a SQLite file that does not exist is an error."""
    from diplograph.store import open_store

    if read_only and "://" not in db and not Path(db).exists():
        raise InputError(f"no store at {db}; build one first: diplograph build PATH... --db {db}")
    return open_store(db, read_only=read_only)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="diplograph")
def cli() -> None:
    """Turn foreign-affairs news into a time-aware, cited knowledge graph.

    \b
    Build a store from articles, then export or score what was found:
      diplograph build ../shared/corpus/seeds --db vn.sqlite
      diplograph stats --db vn.sqlite
      diplograph export --format facts-jsonl --db vn.sqlite -o facts.jsonl
      diplograph evaluate --gold ../shared/gold/seeds.jsonl --docs-tsv ../shared/gold/docs.tsv --db vn.sqlite
    """


# --------------------------------------------------------------------------- build


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))
@db_option
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(min=1),
              help="Analyse on a local Dask cluster of N processes, one per core (needs the 'scale' extra).")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Analyse on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (workers with one thread).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems, no progress or summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def build(paths: tuple[str, ...], db: str, workers: int, scheduler: str | None, quiet: bool,
          as_json: bool) -> None:
    """Read articles from PATHS into the store, with the facts they state.

    PATHS are files or folders (searched recursively) of .txt, .html/.htm,
    .jsonl or .jsonl.gz (one article per line: id, title, url, published, text).
    Documents already stored with the same text are skipped, so running the same
    build again is cheap and an interrupted build resumes where it stopped.

    One bad record never stops a build: a file, folder, JSONL line or document
    that cannot be read, analysed or stored is reported on stderr as
    FILE[:LINE]: reason, skipped, and the build goes on.

    Progress goes to stderr: a bar with the total, the rate and the time left
    on a terminal ("loading model" while spaCy loads), a line every 500
    documents otherwise, nothing with -q or --json. With --workers N each
    worker process loads the model once and the store is written by this
    process alone, in input order.

    \b
    Exit status:
      0  every document read is stored (or was already stored)
      1  nothing could be read or built, or the store kept failing
      2  usage error (unknown option, missing PATHS)
      3  done, but some files, lines or documents were skipped (errors above)

    \b
    Examples:
      diplograph build examples
      diplograph build ../shared/corpus/seeds ../shared/corpus/dev --db vn.sqlite
      diplograph build feed.jsonl.gz --workers 2 --db postgresql://localhost/diplograph
    """
    from diplograph.pipeline import EXIT_NOTHING, EXIT_PARTIAL
    from diplograph.pipeline import build as run_build

    def on_problem(problem: Any) -> None:
        click.echo(f"{problem.kind}: {problem}", err=True)

    with open_db(db) as store:
        report = run_build(list(paths), store, progress=not quiet and not as_json, workers=workers,
                           scheduler=scheduler, on_problem=on_problem)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    elif not quiet:
        click.echo(_build_summary(report, db))
    status = report.exit_status
    if not quiet and not as_json:
        if status == EXIT_NOTHING:
            click.echo("Nothing could be read; check the paths and file types above.", err=True)
        elif status == EXIT_PARTIAL:
            click.echo(f"{len(report.errors)} inputs were skipped (errors above); the rest is stored. Fix "
                       "them and run the same build again: only what is missing is analysed.", err=True)
    if status:
        sys.exit(status)


def _build_summary(report: Any, db: str) -> str:
    failed = f", {report.documents_failed} failed" if report.documents_failed else ""
    lines = [
        (f"Read {report.documents_read} documents: {report.documents_stored} stored, "
         f"{report.documents_skipped} skipped (already stored or duplicate){failed}."),
        f"Facts: {report.facts}",
    ]
    for fact_type, count in sorted(report.facts_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {fact_type:22} {count:6d}")
    errors, warnings = len(report.errors), len(report.warnings)
    duplicates = f", {report.duplicates} duplicates" if report.duplicates else ""
    lines.append(f"Problems: {errors} errors, {warnings} warnings{duplicates}" if report.problems
                 else "Problems: none")
    speed = f", {report.words_per_second:,.0f} words/s" if report.words else ""
    lines.append(f"Took {report.seconds:.1f} s ({report.words:,} words{speed}). Store: {db}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- export


def _format_names() -> list[str]:
    from diplograph.export import exporters, path_exporters

    return sorted(exporters()) + sorted(path_exporters())


@cli.command()
@db_option
@click.option("--format", "-f", "fmt", default="facts-jsonl", show_default=True,
              type=click.Choice(_format_names()), help="Export format.")
@click.option("--output", "-o", default="-", metavar="FILE", help="Write here instead of standard output.")
def export(db: str, fmt: str, output: str) -> None:
    """Export the store's facts.

    facts-jsonl is the FACTS.md JSON Lines format the scorer reads: one line
    per fact, with its evidence sentence and offsets, and exactly one
    `document` line per document.

    Merged formats (one record per fact however many articles state it, every
    source kept): csv (one table), csv-tables (one CSV per fact type into
    -o FOLDER or -o FILE.zip), graphml (the actor network, for Gephi or
    networkx) and jsonld (statements with start/end/point-in-time qualifiers
    and references to document, sentence and offsets).

    \b
    Examples:
      diplograph export --format facts-jsonl --db vn.sqlite -o facts.jsonl
      diplograph export --db vn.sqlite | grep '"type": "partnership"'
      diplograph export --format csv-tables --db vn.sqlite -o tables.zip
      diplograph export --format graphml --db vn.sqlite -o network.graphml
    """
    from diplograph.export import exporters, path_exporters

    if fmt in path_exporters():
        if output == "-":
            raise InputError(f"--format {fmt} writes one CSV per fact type: give -o FOLDER or -o FILE.zip")
        with open_db(db, read_only=True) as store:
            written = path_exporters()[fmt](store, output)
        click.echo(f"Wrote {written} facts to {output}", err=True)
        return
    with open_db(db, read_only=True) as store, \
            click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as fh:
        written = exporters()[fmt](store, cast(TextIO, fh))
    if output != "-":
        click.echo(f"Wrote {written} records to {output}", err=True)


# --------------------------------------------------------------------------- evaluate


@cli.command()
@db_option
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold facts, FACTS.md JSON Lines.")
@click.option("--docs-tsv", type=click.Path(exists=True, dir_okay=False),
              help="Gold document dates (doc<TAB>published); adds the 'document' type.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False),
              help="Score this facts-jsonl file instead of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--show-errors", is_flag=True, help="List missed gold facts and unmatched predictions.")
def evaluate(db: str, gold: str, docs_tsv: str | None, pred: str | None, as_json: bool,
             show_errors: bool) -> None:
    """Score the store's facts against gold facts (as shared/tools/score_facts.py does).

    Prints precision, recall and F1 per fact type and overall; the last line is
    'overall F1 x.xxx'. Only documents that have gold facts are scored.

    \b
    Example:
      diplograph evaluate --db vn.sqlite --gold ../shared/gold/seeds.jsonl \\
          --docs-tsv ../shared/gold/docs.tsv --show-errors
    """
    from diplograph import evaluate as ev
    from diplograph.export import export_facts_jsonl

    gold_records = ev.load_jsonl(gold, gold=True)
    if docs_tsv:
        gold_records += ev.load_docs_tsv(docs_tsv)
    if pred:
        predictions = ev.load_jsonl(pred)
    else:
        buffer = io.StringIO()
        with open_db(db, read_only=True) as store:
            export_facts_jsonl(store, buffer)
        predictions = [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    scores = ev.score(gold_records, predictions)
    if as_json:
        click.echo(json.dumps(scores.to_json()))
        return
    if show_errors:
        click.echo(scores.errors())
        click.echo()
    click.echo(scores.table())


# --------------------------------------------------------------------------- stats


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def stats(db: str, as_json: bool) -> None:
    """Count what the store holds: documents, sentences, mentions, facts by type.

    \b
    Example:
      diplograph stats --db vn.sqlite
    """
    with open_db(db, read_only=True) as store:
        counts = store.counts()
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    width = max((len(k) for k in counts), default=0)
    for key, value in counts.items():
        click.echo(f"{key:{width}}  {value:>8,}")


@cli.command()
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def reindex(db: str, quiet: bool, as_json: bool) -> None:
    """Rebuild the merged facts and people identities from the stored facts.

    A build keeps them up to date as it writes (each document in its own
    transaction); reindex gives the same tables from scratch, in one
    transaction. Run it once on a store built before schema version 3, whose
    queries merge at read time (slowly) until then.

    \b
    Example:
      diplograph reindex --db vn.sqlite
    """
    import time

    started = time.perf_counter()
    bar: Any = None
    if not quiet and not as_json:
        from tqdm import tqdm

        bar = tqdm(total=0, unit="partition", desc="reindex", file=sys.stderr, leave=False)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.update(done - bar.n)

    with open_db(db) as store:
        counts = store.reindex(progress=progress)
    if bar is not None:
        bar.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
    elif not quiet:
        click.echo(f"{counts['facts']:,} facts -> {counts['merged']:,} merged facts, {counts['people']:,} people"
                   f" in {counts['seconds']:.1f} s ({db})")


# Query commands (facts, entity, timeline, claims, contradictions, ask, serve) go below.


def _register_query_commands() -> None:
    """facts, entity, timeline, claims, contradictions, ask: defined in diplograph.query.commands."""
    from diplograph.query.commands import register

    register(cli, db_option, open_db)


_register_query_commands()


# --------------------------------------------------------------------------- serve


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--cache-seconds", default=10.0, show_default=True, type=click.FloatRange(min=0),
              help="Reuse merged results this long (0: recompute on every request).")
def serve(db: str, host: str, port: int, cache_seconds: float) -> None:
    """Serve the web app and the JSON API over the store, read-only.

    Pages: / (overview), /entities/ID, /network, /timeline, /documents/ID,
    /contradictions, /ask; each is also JSON with a .json suffix. The JSON API
    is under /api/ (schema at /openapi.json, reference at /docs). Needs the
    'server' extra.

    \b
    Example:
      diplograph serve --db vn.sqlite --port 8000
    """
    try:
        import uvicorn

        from diplograph.web.app import create_app
    except ImportError as exc:
        from diplograph.errors import MissingDependencyError

        raise MissingDependencyError(exc.name or "fastapi", "server") from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this address can read the store", err=True)
    from diplograph.web.app import MAX_HEAD

    with open_db(db, read_only=True):
        pass  # a missing or out-of-date store is reported here, before anything is bound
    sock = _listen(host, port)
    try:
        # A SQLite file is opened by the app itself, which reopens it when a build replaces it.
        store = open_db(db, read_only=True) if "://" in db else None
        app = create_app(store if store is not None else db, cache_seconds=cache_seconds)
        click.echo(f"Serving {db} at http://{host}:{sock.getsockname()[1]}/ (Ctrl+C to stop)", err=True)
        config = uvicorn.Config(app, log_level="warning", http="h11", h11_max_incomplete_event_size=MAX_HEAD)
        uvicorn.Server(config).run(sockets=[sock])
        if store is not None:
            store.close()
    finally:
        sock.close()


def _listen(host: str, port: int) -> Any:
    """A socket bound to host:port, or an error that says why (a port in use) before anything is announced."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot serve on {host}: {exc.strerror}; give an address of this machine "
                         "with --host") from exc
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it: without it, a response written in two parts waits ~40 ms for the
    # client's delayed ACK (Nagle), which capped the API at about 90 requests/second per client thread
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot serve on {host}:{port}: {exc.strerror or exc} (is another server using "
                         f"the port?); pick another with --port") from exc
    sock.set_inheritable(True)
    return sock


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="diplograph")


__all__ = ["cli", "db_option", "main", "open_db"]


if __name__ == "__main__":
    main()
