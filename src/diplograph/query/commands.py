"""The query commands of the ``diplograph`` CLI: facts, entity, timeline, claims, contradictions, ask.

Thin wrappers over :mod:`diplograph.query`: each opens the store read-only,
calls one API function and prints its result as a readable table (default),
one JSON document (``--json``, the result's ``to_json()``) or CSV (``--csv``).
``cli.py`` calls :func:`register` once to add them to the command group.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any, Callable, Iterable, Sequence

import click

from diplograph.query.merge import MergedFact, describe


def _fact_row(fact: MergedFact) -> dict[str, Any]:
    first = fact.facts[0].evidence if fact.facts else None
    return {
        "type": fact.type,
        "date": fact.date or "",
        "summary": describe(fact),
        "sources": len(fact.facts),
        "docs": " ".join(fact.doc_ids),
        "evidence": first.text if first else "",
        "id": fact.id,
    }


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None) -> str:
    """Rows as an aligned text table; long cells are cut to fit the terminal."""
    if not rows:
        return "(nothing)"
    total = shutil.get_terminal_size((120, 20)).columns
    widths = dict(widths or {})
    for col in columns:
        natural = max(len(col), *(len(str(r.get(col, ""))) for r in rows))
        widths[col] = min(widths.get(col, natural), natural)
    fixed = sum(widths[c] for c in columns[:-1]) + 2 * (len(columns) - 1)
    widths[columns[-1]] = max(20, min(widths[columns[-1]], total - fixed))

    def cell(value: Any, width: int) -> str:
        text = " ".join(str(value).split())
        return text if len(text) <= width else text[: max(width - 1, 0)] + "…"

    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip()]
    for row in rows:
        lines.append("  ".join(cell(row.get(c, ""), widths[c]).ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(lines)


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in row.items()})
    return buffer.getvalue().rstrip("\n")


def _emit(as_json: bool, as_csv: bool, payload: Any, rows: list[dict[str, Any]], columns: Sequence[str],
          text: Callable[[], str]) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif as_csv:
        click.echo(to_csv(rows, columns))
    else:
        click.echo(text())


def _output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one row per fact).")(fn)
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(fn)


FACT_COLUMNS = ("type", "date", "summary", "sources", "docs", "evidence", "id")


def register(group: click.Group, db_option: Callable[[Any], Any], open_db: Callable[..., Any]) -> None:
    """Add the query commands to ``group`` (the CLI passes its ``--db`` option and store opener)."""
    from diplograph import query

    @group.command("facts")
    @db_option
    @click.option("--type", "-t", "types", multiple=True, help="Fact type (repeatable): partnership, event ...")
    @click.option("--entity", "-e", default=None, help="A country or body id (VNM, UNSC) or a person's name.")
    @click.option("--since", default=None, metavar="DATE", help="Facts dated on or after (2021, 2021-12 ...).")
    @click.option("--until", default=None, metavar="DATE", help="Facts dated on or before.")
    @click.option("--text", default=None, help="Full-text search over the evidence sentences.")
    @click.option("--limit", default=200, show_default=True, type=int,
                  help="Show at most N merged facts (0: all; without --entity a page is merged on its own).")
    @_output_options
    def facts_cmd(db: str, types: tuple[str, ...], entity: str | None, since: str | None, until: str | None,
                  text: str | None, limit: int | None, as_json: bool, as_csv: bool) -> None:
        """List facts, merged across documents (one row per fact, every source kept).

        \b
        Examples:
          diplograph facts --type partnership --entity VNM
          diplograph facts --type event --since 2021-12 --until 2021-12 --csv
          diplograph facts --text "Security Council" --json
        """
        with open_db(db, read_only=True) as store:
            found = query.facts(store, type=list(types) or None, entity=entity, since=since, until=until,
                                text=text, limit=limit or None)
        rows = [_fact_row(f) for f in found]
        _emit(as_json, as_csv, [f.to_json() for f in found], rows, FACT_COLUMNS,
              lambda: table(rows, ("type", "date", "sources", "summary"), {"summary": 90}))

    @group.command("entity")
    @click.argument("entity_id")
    @db_option
    @click.option("--as-of", "as_of", default=None, metavar="DATE",
                  help="What held at this date (2023-06): latest claims, highest partnership level, terms.")
    @_output_options
    def entity_cmd(entity_id: str, db: str, as_of: str | None, as_json: bool, as_csv: bool) -> None:
        """Profile of a country, body or person: offices, partnerships, roles, events, claims.

        \b
        Examples:
          diplograph entity VNM
          diplograph entity VNM --as-of 2022-01
          diplograph entity "Pham Minh Chinh" --json
        """
        with open_db(db, read_only=True) as store:
            profile = query.entity_profile(store, entity_id, as_of=as_of)
        sections: list[tuple[str, list[MergedFact]]] = [
            ("offices", list(profile.offices)),
            ("partnerships", [f for fs in profile.partnerships.values() for f in fs]),
            ("relations", list(profile.relations)),
            ("roles", list(profile.roles)),
            ("agreements", list(profile.agreements)),
            ("events", list(profile.events)),
            ("claims", [p.fact for s in profile.claims for p in s.points]),
        ]
        rows = [{"section": name, **_fact_row(f)} for name, fs in sections for f in fs]

        def text() -> str:
            head = f"{profile.name} ({profile.kind}{', as of ' + as_of if as_of else ''})"
            parts = [head, "=" * len(head)]
            for name, fs in sections:
                if fs:
                    parts.append(f"\n{name.upper()} ({len(fs)})")
                    parts.extend(f"  {describe(f)}  [{len(f.facts)} source(s)]" for f in fs)
            if len(parts) == 2:
                parts.append("Nothing in the store about this entity. Try: diplograph facts --text "
                             f"\"{entity_id}\"")
            return "\n".join(parts)

        _emit(as_json, as_csv, profile.to_json(), rows, ("section", *FACT_COLUMNS), text)

    @group.command("timeline")
    @click.argument("entity_id")
    @db_option
    @click.option("--since", default=None, metavar="DATE")
    @click.option("--until", default=None, metavar="DATE")
    @_output_options
    def timeline_cmd(entity_id: str, db: str, since: str | None, until: str | None, as_json: bool,
                     as_csv: bool) -> None:
        """The dated facts about an entity in order (terms give a start and an end line).

        \b
        Example:
          diplograph timeline VNM --since 2020
        """
        with open_db(db, read_only=True) as store:
            line = query.timeline(store, entity_id, since=since, until=until)
        rows = [{"date": e.date, "what": e.what, **{k: v for k, v in _fact_row(e.fact).items() if k != "date"}}
                for e in line.entries]
        _emit(as_json, as_csv, line.to_json(), rows, ("date", "what", *FACT_COLUMNS[2:]),
              lambda: table(rows, ("date", "what", "sources", "summary"), {"summary": 90}))

    @group.command("claims")
    @click.argument("metric", required=False)
    @db_option
    @click.option("--subject", "-s", default=None, help="Country or body id (VNM; CPV counts as VNM).")
    @_output_options
    def claims_cmd(metric: str | None, db: str, subject: str | None, as_json: bool, as_csv: bool) -> None:
        """The history of a counted claim: every figure with its date and sources.

        \b
        Examples:
          diplograph claims diplomatic_relations --subject VNM
          diplograph claims --subject VNM --csv
        """
        with open_db(db, read_only=True) as store:
            series = query.claims(store, metric, subject)
        rows = []
        for s in series:
            for p in s.points:
                rows.append({"subject": s.subject, "metric": s.label or s.metric, "as_of": p.as_of,
                             "value": p.value, "qualifier": p.qualifier or "", "unit": p.unit or "",
                             "sources": len(p.fact.facts), "docs": " ".join(p.fact.doc_ids),
                             "evidence": p.fact.facts[0].evidence.text if p.fact.facts else ""})

        def text() -> str:
            if not series:
                return "No claims" + (f" of {metric}" if metric else "") + (f" about {subject}" if subject else "") + \
                    ". List what there is: diplograph claims" + (f" --subject {subject}" if subject else "")
            out = []
            for s in series:
                out.append(f"{s.subject} {s.label or s.metric}")
                for p in s.points:
                    out.append(f"  {p.as_of or '?':<12} {_value(p.value, p.qualifier):>20}   "
                               f"{len(p.fact.facts)} source(s): {', '.join(p.fact.doc_ids)}")
                    for f in p.fact.facts[:3]:
                        out.append("      " + textwrap.shorten(f"“{f.evidence.text}”", 110))
            return "\n".join(out)

        _emit(as_json, as_csv, [s.to_json() for s in series], rows,
              ("subject", "metric", "as_of", "value", "qualifier", "unit", "sources", "docs", "evidence"), text)

    @group.command("contradictions")
    @db_option
    @click.option("--subject", "-s", default=None, help="Only claims about this country or body.")
    @_output_options
    def contradictions_cmd(db: str, subject: str | None, as_json: bool, as_csv: bool) -> None:
        """Claims for the same time that cannot both be true, each explained, with its sources.

        \b
        Example:
          diplograph contradictions --subject VNM
        """
        with open_db(db, read_only=True) as store:
            found = query.contradictions(store, subject)
        rows = [{"kind": c.kind, "subject": c.subject, "metric": c.metric, "explanation": c.explanation,
                 "same_document": c.same_document, "docs": " ".join(d for f in c.facts for d in f.doc_ids)}
                for c in found]

        def text() -> str:
            if not found:
                return "No contradictions: no two claims for the same time disagree."
            out = []
            for c in found:
                out.append(f"* {c.explanation}")
                for f in c.facts:
                    for ev in f.evidence[:2]:
                        out.append(f"    {ev.doc_id}#{ev.sentence}: " + textwrap.shorten(ev.text, 100))
            return "\n".join(out)

        _emit(as_json, as_csv, [c.to_json() for c in found], rows,
              ("kind", "subject", "metric", "explanation", "same_document", "docs"), text)

    @group.command("ask")
    @click.argument("question")
    @db_option
    @_output_options
    def ask_cmd(question: str, db: str, as_json: bool, as_csv: bool) -> None:
        """Answer a question in plain English, citing the sentences it rests on.

        \b
        Examples:
          diplograph ask "How many countries does Vietnam have diplomatic relations with?"
          diplograph ask "Who did Vuong Dinh Hue meet in December 2021?" --json
        """
        with open_db(db, read_only=True) as store:
            answer = query.ask(store, question)
        rows = [_fact_row(f) for f in answer.facts]

        def text() -> str:
            out = [answer.text]
            if answer.rows:
                out += [""] + [f"  - {r}" for r in answer.rows[:40]]
            cites = answer.citations()
            if cites:
                out += ["", "Sources:"] + [f"  [{c['doc']}#{c['sentence']}] " + textwrap.shorten(c["text"], 110)
                                           for c in cites[:20]]
                if len(cites) > 20:
                    out.append(f"  ... and {len(cites) - 20} more (--json for all)")
            if answer.suggestions:
                out += ["", "Try:"] + [f"  {s}" for s in answer.suggestions]
            if answer.query:
                out += ["", f"Same as: {answer.query}"]
            return "\n".join(out)

        _emit(as_json, as_csv, answer.to_json(), rows, FACT_COLUMNS, text)


def _value(value: Any, qualifier: str | None) -> str:
    prefix = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
              "up_to": "up to "}.get(qualifier or "", "")
    try:
        number = float(value)
        return prefix + (f"{int(number):,}" if number.is_integer() else f"{number:,}")
    except (TypeError, ValueError):
        return prefix + str(value)


__all__ = ["register", "table", "to_csv"]
