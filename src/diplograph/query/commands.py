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
import re
import shutil
import textwrap
from typing import Any, Callable, Iterable, Sequence

import click

from diplograph.errors import InputError
from diplograph.model import FACT_TYPES
from diplograph.query import dates
from diplograph.query.api import CHANNELS
from diplograph.query.merge import MergedFact, describe
from diplograph.query.names import labelled, resolve_name
from diplograph.query.overview import FIGURE_ORDER


def _fact_row(fact: MergedFact) -> dict[str, Any]:
    first = fact.facts[0].evidence if fact.facts else None
    return {
        "type": fact.type,
        "date": fact.date or "",
        "summary": describe(fact, name=labelled),
        "channel": fact.get("channel") or "",
        "sources": len(fact.facts),
        "docs": " ".join(fact.doc_ids),
        "evidence": first.text if first else "",
        "id": fact.id,
    }


class IsoDate(click.ParamType):
    """An ISO date of year, month or day precision that exists (2021, 2021-06, 2021-06-30)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) or dates.bounds(text) is None:
            self.fail(f"{value!r} is not a date: give an ISO date such as 2021, 2021-06 or 2021-06-30", param, ctx)
        return text


ISO_DATE = IsoDate()
FACT_TYPE = click.Choice(FACT_TYPES, case_sensitive=False)
CHANNEL = click.Choice(CHANNELS, case_sensitive=False)
METRICS = (*FIGURE_ORDER, "other")


def resolve_option(store: Any, text: str | None, param: str) -> str | None:
    """A name, alias or id the user typed as the entity it names; unknown or ambiguous: a usage error."""
    if not text:
        return None
    try:
        return resolve_name(store, text).id
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from exc


def paging_note(shown: int, total: int, offset: int, limit: int | None, what: str) -> str:
    """"Showing 1-200 of 534 facts (--offset 200 for the next page, --limit 0 for all)."""
    if not total:
        return ""
    if shown >= total and offset == 0:
        return f"{total} {what}."
    note = f"Showing {offset + 1 if shown else offset}–{offset + shown} of {total} {what}"
    hints = []
    if limit and offset + shown < total:
        hints.append(f"--offset {offset + shown} for the next page")
        hints.append("--limit 0 for all")
    return note + (f" ({', '.join(hints)})." if hints else ".")


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


FACT_COLUMNS = ("type", "date", "summary", "channel", "sources", "docs", "evidence", "id")


def register(group: click.Group, db_option: Callable[[Any], Any], open_db: Callable[..., Any]) -> None:
    """Add the query commands to ``group`` (the CLI passes its ``--db`` option and store opener)."""
    from diplograph import query
    from diplograph.query.overview import country_overview, format_value

    @group.command("facts")
    @db_option
    @click.option("--type", "-t", "types", multiple=True, type=FACT_TYPE,
                  help="Fact type (repeatable): " + ", ".join(FACT_TYPES) + ".")
    @click.option("--entity", "-e", default=None,
                  help="A country, body or person: name, alias, demonym or id in any case (Vietnam, vnm, Son).")
    @click.option("--channel", "-c", "channels", multiple=True, type=CHANNEL,
                  help="Events and agreements of this channel (repeatable): " + ", ".join(CHANNELS) + ".")
    @click.option("--since", default=None, type=ISO_DATE, help="Facts dated on or after (2021, 2021-12 ...).")
    @click.option("--until", default=None, type=ISO_DATE, help="Facts dated on or before.")
    @click.option("--text", default=None, help="Full-text search over the evidence sentences.")
    @click.option("--limit", default=200, show_default=True, type=click.IntRange(min=0),
                  help="Show at most N merged facts (0: all).")
    @click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0),
                  help="Skip the first N (the next page: --offset 200).")
    @_output_options
    def facts_cmd(db: str, types: tuple[str, ...], entity: str | None, channels: tuple[str, ...],
                  since: str | None, until: str | None, text: str | None, limit: int, offset: int,
                  as_json: bool, as_csv: bool) -> None:
        """List facts, merged across documents, newest first (one row per fact, every source kept).

        \b
        Examples:
          diplograph facts --type partnership --entity Vietnam
          diplograph facts --type event --channel party --since 2021-12 --until 2021-12 --csv
          diplograph facts --text "Security Council" --json
          diplograph facts --type event --limit 50 --offset 50
        """
        with open_db(db, read_only=True) as store:
            entity_id = resolve_option(store, entity, "'--entity'")
            page = query.facts_page(store, type=[t.lower() for t in types] or None, entity=entity_id,
                                    since=since, until=until, text=text, channel=list(channels) or None,
                                    limit=limit or None, offset=offset)
        found = list(page.items)
        rows = [_fact_row(f) for f in found]
        note = paging_note(len(found), page.total, offset, limit, "facts")
        if as_csv and note:
            click.echo(note, err=True)
        _emit(as_json, as_csv, page.to_json(), rows, FACT_COLUMNS,
              lambda: "\n".join(x for x in (table(rows, ("type", "date", "sources", "summary"), {"summary": 90}),
                                             note) if x))

    @group.command("entity")
    @click.argument("name")
    @db_option
    @click.option("--as-of", "as_of", default=None, type=ISO_DATE,
                  help="What held at this date (2023-06): latest claims, highest partnership level, terms.")
    @click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0),
                  help="Rows per section (0: all).")
    @_output_options
    def entity_cmd(name: str, db: str, as_of: str | None, limit: int, as_json: bool, as_csv: bool) -> None:
        """Profile of a country, body or person: key figures, partners, seats, visits, offices, events.

        NAME is a name, alias, demonym or id in any case: Vietnam, "Viet Nam", vnm,
        "the United States", "Bui Thanh Son", Son.

        \b
        Examples:
          diplograph entity Vietnam
          diplograph entity vnm --as-of 2022-01
          diplograph entity "Pham Minh Chinh" --json
        """
        with open_db(db, read_only=True) as store:
            entity_id = resolve_option(store, name, "'NAME'") or name
            profile = query.entity_profile(store, entity_id, as_of=as_of)
            overview = country_overview(store, entity_id) if profile.kind != "person" and not as_of else None
        sections: list[tuple[str, list[MergedFact]]] = [
            ("offices", list(profile.offices)),
            ("partnerships", [f for fs in profile.partnerships.values() for f in fs]),
            ("relations", list(profile.relations)),
            ("roles", list(profile.roles)),
            ("agreements", list(profile.agreements)),
            ("events", list(profile.events)),
            ("claims", [p.fact for s in profile.claims for p in s.points]),
        ]
        rows = [{"section": section, **_fact_row(f)} for section, fs in sections for f in fs]

        def text() -> str:
            head = f"{labelled(profile.id)} ({profile.kind}{', as of ' + as_of if as_of else ''})"
            parts = [head, "=" * len(head)]
            if overview is not None and overview.figures:
                parts.append("\nKEY FIGURES")
                parts.extend(f"  {f.label:<40} {f.latest:>24}  (as of {f.as_of or '?'})"
                             + (f"; before: {', '.join(v + ' (' + str(a) + ')' for a, v in f.history[:-1])}"
                                if len(f.history) > 1 else "")
                             for f in overview.figures[: limit or None])
            if overview is not None and overview.ladder:
                parts.append("\nPARTNERS BY TIER")
                parts.extend(f"  {labelled(r.partner):<32} " + " -> ".join(
                    f"{s.level.replace('_', ' ')} ({s.date or '?'}{', reported' if s.reported else ''})"
                    for s in r.steps) for r in overview.ladder[: limit or None])
            if overview is not None and overview.seats:
                parts.append("\nSEATS AND TERMS")
                parts.extend(f"  [{s.group}] {labelled(s.actor if s.group == 'members' else s.body)}: "
                             f"{s.role.replace('_', ' ')} "
                             f"{_term_text(s.start, s.end)} — {s.status}" for s in overview.seats[: limit or None])
            for section, fs in sections:
                shown_above = overview is not None and (section == "partnerships" and overview.ladder
                                                        or section == "roles" and overview.seats)
                if fs and not shown_above:
                    parts.append(f"\n{section.upper()} ({len(fs)})")
                    parts.extend(f"  {describe(f, name=labelled)}  [{len(f.facts)} source(s)]"
                                 for f in fs[: limit or None])
                    if limit and len(fs) > limit:
                        parts.append(f"  ... and {len(fs) - limit} more (--limit 0 for all)")
            if len(parts) == 2:
                parts.append("Nothing in the store about this entity. Try: diplograph facts --text "
                             f"\"{name}\"")
            return "\n".join(parts)

        payload = profile.to_json()
        if overview is not None:
            payload["overview"] = overview.to_json()
        _emit(as_json, as_csv, payload, rows, ("section", *FACT_COLUMNS), text)

    @group.command("timeline")
    @click.argument("name")
    @db_option
    @click.option("--since", default=None, type=ISO_DATE, help="Entries dated on or after.")
    @click.option("--until", default=None, type=ISO_DATE, help="Entries dated on or before.")
    @click.option("--channel", "-c", "channels", multiple=True, type=CHANNEL,
                  help="Only events and agreements of this channel (repeatable).")
    @click.option("--limit", default=200, show_default=True, type=click.IntRange(min=0),
                  help="Show at most N entries (0: all).")
    @click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip the first N.")
    @_output_options
    def timeline_cmd(name: str, db: str, since: str | None, until: str | None, channels: tuple[str, ...],
                     limit: int, offset: int, as_json: bool, as_csv: bool) -> None:
        """The dated facts about an entity in order (terms give a start and an end line).

        \b
        Examples:
          diplograph timeline Vietnam --since 2020
          diplograph timeline "Vo Van Thuong" --channel state
        """
        with open_db(db, read_only=True) as store:
            entity_id = resolve_option(store, name, "'NAME'") or name
            line = query.timeline(store, entity_id, since=since, until=until, channel=list(channels) or None)
        entries = list(line.entries)
        shown = entries[offset: offset + limit if limit else None]
        rows = [{"date": e.date, "what": e.what, **{k: v for k, v in _fact_row(e.fact).items() if k != "date"}}
                for e in shown]
        note = paging_note(len(shown), len(entries), offset, limit, "entries")
        payload = {"entity": line.entity, "name": labelled(line.entity), "total": len(entries), "limit": limit or None,
                   "offset": offset, "entries": [e.to_json() for e in shown]}
        _emit(as_json, as_csv, payload, rows, ("date", "what", *FACT_COLUMNS[2:]),
              lambda: "\n".join(x for x in (table(rows, ("date", "what", "sources", "summary"), {"summary": 90}),
                                             note) if x))

    @group.command("claims")
    @click.argument("metric", required=False, type=click.Choice(METRICS), metavar="[METRIC]")
    @db_option
    @click.option("--subject", "-s", default=None, help="Country or body: name or id (Vietnam, VNM; CPV counts as VNM).")
    @_output_options
    def claims_cmd(metric: str | None, db: str, subject: str | None, as_json: bool, as_csv: bool) -> None:
        """The history of a counted claim: every figure with its date and sources.

        \b
        Examples:
          diplograph claims diplomatic_relations --subject Vietnam
          diplograph claims --subject VNM --csv
        """
        with open_db(db, read_only=True) as store:
            subject_id = resolve_option(store, subject, "'--subject'")
            series = query.claims(store, metric, subject_id)
        rows = []
        for s in series:
            for p in s.points:
                rows.append({"subject": s.subject, "metric": s.label or s.metric, "as_of": p.as_of,
                             "value": p.value, "qualifier": p.qualifier or "", "unit": p.unit or "",
                             "shown": format_value(p.value, p.qualifier, p.unit),
                             "sources": len(p.fact.facts), "docs": " ".join(p.fact.doc_ids),
                             "evidence": p.fact.facts[0].evidence.text if p.fact.facts else ""})

        def text() -> str:
            if not series:
                return "No claims" + (f" of {metric}" if metric else "") + (f" about {subject}" if subject else "") + \
                    ". List what there is: diplograph claims" + (f" --subject {subject_id}" if subject else "")
            out = []
            for s in series:
                out.append(f"{labelled(s.subject)}: {s.label or s.metric.replace('_', ' ')}")
                for p in s.points:
                    out.append(f"  {p.as_of or '?':<12} {format_value(p.value, p.qualifier, p.unit):>24}   "
                               f"{len(p.fact.facts)} source(s): {', '.join(p.fact.doc_ids)}")
                    for f in p.fact.facts[:3]:
                        out.append("      " + textwrap.shorten(f"“{f.evidence.text}”", 110))
            return "\n".join(out)

        _emit(as_json, as_csv, [s.to_json() for s in series], rows,
              ("subject", "metric", "as_of", "value", "qualifier", "unit", "shown", "sources", "docs", "evidence"),
              text)

    @group.command("contradictions")
    @db_option
    @click.option("--subject", "-s", default=None, help="Only claims about this country or body (name or id).")
    @_output_options
    def contradictions_cmd(db: str, subject: str | None, as_json: bool, as_csv: bool) -> None:
        """Claims for the same time that cannot both be true, each explained, with its sources.

        \b
        Example:
          diplograph contradictions --subject Vietnam
        """
        with open_db(db, read_only=True) as store:
            subject_id = resolve_option(store, subject, "'--subject'")
            found = query.contradictions(store, subject_id)
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
                if len(answer.rows) > 40:
                    out.append(f"  ... and {len(answer.rows) - 40} more (--json for all)")
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


def _term_text(start: Any, end: Any) -> str:
    if start and end and start != end:
        return f"{start}–{end}"
    if start:
        return str(start) if end else f"from {start}"
    if end:
        return f"until {end}"
    return "(term not stated)"


def _value(value: Any, qualifier: str | None) -> str:
    prefix = {"over": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least ",
              "up_to": "up to "}.get(qualifier or "", "")
    try:
        number = float(value)
        return prefix + (f"{int(number):,}" if number.is_integer() else f"{number:,}")
    except (TypeError, ValueError):
        return prefix + str(value)


__all__ = ["register", "table", "to_csv"]
