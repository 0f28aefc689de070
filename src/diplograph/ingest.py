"""Read articles from disk into :class:`~diplograph.model.Document` s.

Accepted inputs (files, or folders searched recursively in sorted order):

- ``.txt``: one article; its id is the file name without the extension.
- ``.html`` / ``.htm``: one web page; trafilatura extracts the article text, the
  title and a publication date from the page metadata.
- ``.jsonl`` / ``.jsonl.gz``: one article per line with ``id``, ``title``, ``url``,
  ``published`` and ``text``; ``Document.text`` is ``title + "\\n\\n" + text`` so the
  title is analysed too and offsets stay exact.

The text is never rewritten (only line endings are normalised to ``\\n``).
Page furniture (menus, theme pickers, a site's date header, lone ``|`` lines,
photo credits, ``Source:`` lines, ``###`` end markers) is left out of
``Document.segments`` instead, so every offset still points into the text as read.

Bad input never stops a run: each unreadable file, folder or line is reported
as an :class:`IngestProblem` and reading goes on (any exception while reading
one file or one JSONL record becomes a problem naming it). Decoding: UTF-8 (a
BOM is allowed). A file with stray invalid bytes in otherwise UTF-8 text keeps
UTF-8 (the bad bytes become U+FFFD); a file with no UTF-8 sequences at all is
read as Windows-1252, what most mis-encoded news files turn out to be. Both
warn. The same goes for names: a file name that is not UTF-8, or a JSONL text
with a lone surrogate escape (``"\\ud800"``), is read with U+FFFD in its place
and a warning; a JSONL id that is not a string or an integer, or that holds a
lone surrogate, is an error for that line. A ``published`` value that is no
calendar date (``2021-02-30``) keeps only its valid part (``2021-02``), with a
warning.

A body line longer than :data:`LONG_LINE_CHARS` (a feed that lost its line
breaks) is cut into segments of at most :data:`PIECE_CHARS` at sentence ends, so
no piece of text handed to the NLP stage is over spaCy's length limit and the
analysis stays linear in the length of the line.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from diplograph.model import Document

# A document longer than this is refused: it is a dump, not an article.
MAX_DOCUMENT_BYTES = 5_000_000
# Raw HTML carries markup and scripts; allow more before extraction.
MAX_HTML_BYTES = 50_000_000
# A body line longer than this is cut into pieces of at most PIECE_CHARS at sentence ends (each
# piece is one spaCy doc: spaCy refuses texts over 1,000,000 characters, and its per-sentence
# entity lookups make one huge doc quadratic). Real paragraphs stay whole: the longest line of
# the project's corpora is about 7,000 characters.
LONG_LINE_CHARS = 10_000
PIECE_CHARS = 5_000

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")

ProblemKind = Literal["error", "warning", "duplicate"]


@dataclass(frozen=True)
class IngestProblem:
    """A file or line that could not be read (or was read with a caveat).

    ``kind`` is ``error`` (nothing was read from it), ``warning`` (a document
    was still read, e.g. after an encoding fallback) or ``duplicate`` (the same
    text was already read in this run and is skipped). ``path`` is always
    printable: bytes of a file name that are not UTF-8 show as U+FFFD.
    """

    path: str
    message: str
    line: int | None = None
    kind: ProblemKind = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | IngestProblem]:
    """Every document under ``paths``, in a stable order, with problems interleaved.

    Exact duplicates (same text) are reported once as a ``duplicate`` problem
    and not yielded again; a second document with an id already used for a
    different text is an error (ids must be unique: they key the store).
    Never raises for bad input: whatever goes wrong with one file or record is
    a problem naming it, and reading goes on.
    """
    seen_text: dict[str, str] = {}  # sha1 -> doc id
    seen_id: dict[str, str] = {}  # doc id -> source
    for item in _read_all(paths, max_bytes):
        if isinstance(item, IngestProblem):
            yield item
            continue
        where, line = split_source(item.source)
        try:
            sha1 = item.sha1
        except UnicodeError as exc:  # a reader let a lone surrogate through: never store it
            yield IngestProblem(where, f"text is not valid Unicode ({exc.reason}); skipped", line)
            continue
        if sha1 in seen_text:
            yield IngestProblem(where, f"same text as document {seen_text[sha1]!r}; skipped",
                                line, kind="duplicate")
            continue
        if item.id in seen_id:
            yield IngestProblem(where, f"document id {item.id!r} was already used by "
                                f"{seen_id[item.id]}; rename one of them (ids must be unique)", line)
            continue
        seen_text[sha1] = item.id
        seen_id[item.id] = item.source
        yield item


def split_source(source: str) -> tuple[str, int | None]:
    """``("feed.jsonl", 12)`` for a document read from line 12 of a feed, ``(path, None)`` for a file."""
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit() and path.lower().endswith((".jsonl", ".jsonl.gz")):
        return path, int(line)
    return source, None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestProblem]:
    """Input files in order: each path as given; folders recursively, sorted, hidden entries skipped.

    A folder or file that cannot be listed or inspected is a problem, never a
    silent skip; symbolic links to folders are followed once (no loops).
    """
    for raw in paths:
        path = Path(raw)
        shown = printable(str(path))
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield IngestProblem(shown, "no such file or folder")
            continue
        except OSError as exc:
            yield IngestProblem(shown, f"cannot read it ({_reason(exc)}); check the path and its permissions")
            continue
        if stat.S_ISDIR(mode):
            found = False
            for entry in _walk(path, set()):
                if isinstance(entry, Path):
                    found = True
                yield entry
            if not found:
                yield IngestProblem(shown, "no .txt, .html, .htm, .jsonl or .jsonl.gz files in this folder")
        elif stat.S_ISREG(mode):
            if _suffix(path):
                yield path
            else:
                yield IngestProblem(shown, "unsupported file type; use .txt, .html, .htm, .jsonl or .jsonl.gz")
        else:
            yield IngestProblem(shown, "not a regular file or folder")


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | IngestProblem]:
    """Files with a known suffix under ``folder``, depth first, entries sorted by name
    (the order ``sorted(folder.rglob("*"))`` gives), and a problem for each unreadable folder."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return  # a link back up the tree
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield IngestProblem(printable(str(folder)), f"cannot read this folder ({_reason(exc)}); "
                            "its files were skipped - check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield IngestProblem(printable(entry.path), f"cannot inspect it ({_reason(exc)}); skipped")
            continue
        if is_dir:
            yield from _walk(path, seen)
        elif _suffix(path):
            if is_file:
                yield path
            elif entry.is_symlink():
                yield IngestProblem(printable(entry.path), "a link to a file that does not exist; skipped")


def printable(text: str) -> str:
    """``text`` with lone surrogates (file-name bytes that are not UTF-8, bad JSON escapes) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def make_document(
    doc_id: str,
    text: str,
    *,
    source: str = "",
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Document:
    """A Document with furniture segments and a date (metadata first, else from the text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    segments = furniture_free_segments(text)
    published_source = "metadata" if published else "none"
    if not published:
        published = date_from_text(text, segments)
        published_source = "text" if published else "none"
    return Document(id=doc_id, text=text, source=source, title=title, url=url, published=published,
                    published_source=published_source, segments=segments)


def date_from_text(text: str, segments: tuple[tuple[int, int], ...]) -> str | None:
    """The date the text shows for itself (``timex.date_document``), if timex is available."""
    try:
        from diplograph import timex
    except ImportError:
        return None
    date_document = getattr(timex, "date_document", None)
    if date_document is None:
        return None
    value = date_document(text, segments)
    return value.value if value is not None else None


# --------------------------------------------------------------------------- readers


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def _doc_id(path: Path) -> str:
    suffix = _suffix(path) or path.suffix
    return printable(path.name[: len(path.name) - len(suffix)])


def _read_all(paths: Iterable[str | Path], max_bytes: int) -> Iterator[Document | IngestProblem]:
    for entry in iter_files(paths):
        if isinstance(entry, IngestProblem):
            yield entry
            continue
        suffix = _suffix(entry)
        shown = printable(str(entry))
        if shown != str(entry):
            yield IngestProblem(shown, f"the file name is not valid UTF-8; its id is {_doc_id(entry)!r} "
                                "(rename the file to keep the name as it was meant)", kind="warning")
        reader = _read_txt if suffix == ".txt" else _read_html if suffix in (".html", ".htm") else _read_jsonl
        try:
            yield from reader(entry, max_bytes)
        except Exception as exc:  # noqa: BLE001 - one unreadable file never stops the others
            yield IngestProblem(shown, f"cannot read it ({describe_error(exc)}); skipped")


def describe_error(exc: BaseException) -> str:
    """``TypeName: message`` on one line, printable, cut to a readable length (for problem messages)."""
    text = " ".join(printable(str(exc)).split())
    text = text if len(text) <= 200 else text[:200] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _too_big(size: int, max_bytes: int) -> str:
    return (f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit per document; "
            "split it into smaller documents")


def _read_bytes(path: Path, limit: int) -> bytes | IngestProblem:
    try:
        size = path.stat().st_size
        if size > limit:
            return IngestProblem(printable(str(path)), _too_big(size, limit))
        return path.read_bytes()
    except OSError as exc:
        return IngestProblem(printable(str(path)), f"cannot read: {_reason(exc)}")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, warning) for a file's bytes; text is None when the bytes are not text at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, "starts with a UTF-16 mark but is not valid UTF-16"
        if _SURROGATE.search(text):  # an unpaired surrogate code unit: decodable, not text
            return printable(text), "not valid UTF-16 (an unpaired surrogate); replaced with U+FFFD"
        return text, None
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        if _UTF8_MULTIBYTE.search(data):
            # Mostly UTF-8 with a few stray bytes: decoding it all as cp1252 would garble every accent.
            return data.decode("utf-8-sig", errors="replace"), (
                f"not valid UTF-8 ({where}); invalid bytes replaced with U+FFFD")
        text = data.decode("cp1252", errors="replace")
        return text, (f"not valid UTF-8 ({where}); read as Windows-1252 - re-save the file as UTF-8 "
                      "if characters look wrong")


def _read_txt(path: Path, max_bytes: int) -> Iterator[Document | IngestProblem]:
    data = _read_bytes(path, max_bytes)
    if isinstance(data, IngestProblem):
        yield data
        return
    text, warning = decode(data)
    if text is None:
        yield IngestProblem(printable(str(path)), warning or "not text")
        return
    if warning:
        yield IngestProblem(printable(str(path)), warning, kind="warning")
    yield from _finish(make_document(_doc_id(path), text, source=printable(str(path))))


def _read_html(path: Path, max_bytes: int) -> Iterator[Document | IngestProblem]:
    shown = printable(str(path))
    data = _read_bytes(path, MAX_HTML_BYTES)
    if isinstance(data, IngestProblem):
        yield data
        return
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield IngestProblem(shown, "binary file (contains NUL bytes), not HTML")
        return
    import trafilatura  # slow to import; only HTML input needs it

    try:
        extracted = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            # Only the page's own metadata: dates in the text are timex's job.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure means this page is unreadable
        yield IngestProblem(shown, f"cannot parse the HTML ({describe_error(exc)})")
        return
    body = printable((getattr(extracted, "text", None) or "").strip()) if extracted is not None else ""
    if not body:
        yield IngestProblem(shown, "no article text found in the HTML (only markup, scripts or menus)")
        return
    if not _has_sentence(body):
        yield IngestProblem(shown, "no article text found in the HTML: only short link-like lines "
                            "(a navigation bar or menu), no sentence")
        return
    title = _clean_title(printable(getattr(extracted, "title", None) or ""))
    url = getattr(extracted, "url", None)
    published, date_warning = _metadata_date(getattr(extracted, "date", None))
    if date_warning:
        yield IngestProblem(shown, date_warning, kind="warning")
    text = _with_title(title, body)
    if len(text) > max_bytes:
        yield IngestProblem(shown, _too_big(len(text.encode("utf-8")), max_bytes))
        return
    yield from _finish(make_document(_doc_id(path), text, source=shown, title=title,
                                     url=printable(url) if isinstance(url, str) else None,
                                     published=published))


def _has_sentence(body: str) -> bool:
    """Some line of the extracted text reads as prose: a navigation bar is only short labels."""
    for line in body.split("\n"):
        words = line.split()
        if len(words) >= 12 or len(words) >= 3 and line.rstrip()[-1:] in ".!?\"”’)":
            return True
    return False


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | IngestProblem]:
    stem = _doc_id(path)
    shown = printable(str(path))
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    yield from _jsonl_record(path, lineno, raw, stem, max_bytes)
                except Exception as exc:  # noqa: BLE001 - one bad record never stops the feed
                    yield IngestProblem(shown, f"cannot read this record ({describe_error(exc)}); line skipped", lineno)
    except PermissionError as exc:
        yield IngestProblem(shown, f"cannot read: {_reason(exc)}")
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestProblem(shown, f"cannot read the file ({exc}); is it a complete, valid "
                            f"{'gzip' if opener is gzip.open else 'text'} file?")


def _jsonl_record(path: Path, lineno: int, raw: bytes, stem: str,
                  max_bytes: int) -> Iterator[Document | IngestProblem]:
    where = printable(str(path))
    if len(raw) > max_bytes * 2:
        yield IngestProblem(where, _too_big(len(raw), max_bytes), lineno)
        return
    try:
        rec = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield IngestProblem(where, f"not valid UTF-8 at byte {exc.start}; line skipped", lineno)
        return
    except json.JSONDecodeError as exc:
        yield IngestProblem(where, f"not valid JSON ({exc.msg} at column {exc.colno}); line skipped", lineno)
        return
    except RecursionError:
        yield IngestProblem(where, "JSON nested too deeply to read (hundreds of levels); line skipped", lineno)
        return
    if not isinstance(rec, dict):
        yield IngestProblem(where, "expected a JSON object with at least a \"text\" field; line skipped", lineno)
        return
    body = _field(rec, _TEXT_FIELDS)
    if body is None or not body.strip():
        yield IngestProblem(where, "no \"text\" (a non-empty string); line skipped", lineno)
        return
    if len(body) > max_bytes:
        yield IngestProblem(where, _too_big(len(body.encode("utf-8")), max_bytes), lineno)
        return
    doc_id, id_error = _record_id(rec.get("id"))
    if id_error:
        yield IngestProblem(where, f"{id_error}; line skipped", lineno)
        return
    doc_id = doc_id or f"{stem}_{lineno}"
    title = _clean_title(_field(rec, _TITLE_FIELDS))
    url = _field(rec, ("url", "link"))
    broken = [name for name, value in (("text", body), ("title", title), ("url", url))
              if value is not None and _SURROGATE.search(value)]
    if broken:
        verb = "holds" if len(broken) == 1 else "hold"
        yield IngestProblem(where, f"{' and '.join(broken)} {verb} a lone surrogate escape (such as "
                            "\"\\ud800\"), which is no character; replaced with U+FFFD", lineno, "warning")
        body, title, url = printable(body), title and printable(title), url and printable(url)
    published, date_warning = _metadata_date(_field(rec, _DATE_FIELDS))
    if date_warning:
        yield IngestProblem(where, date_warning, lineno, "warning")
    yield from _finish(make_document(doc_id, _with_title(title, body), source=f"{where}:{lineno}",
                                     title=title, url=url, published=published), lineno)


def _record_id(value: object) -> tuple[str | None, str | None]:
    """(id, error) for a record's ``id``: a string or an integer; missing, null or "" means none."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        kind = {bool: "a boolean", float: "a number with a fraction", dict: "an object", list: "an array"}
        return None, (f"\"id\" must be a string or an integer, not {kind.get(type(value), type(value).__name__)} "
                      f"({json.dumps(value)[:40]})")
    doc_id = str(value)
    if _SURROGATE.search(doc_id):
        return None, "\"id\" holds a lone surrogate escape (such as \"\\ud800\"), which is no character"
    if not doc_id.strip():
        return None, "\"id\" is blank"
    return doc_id, None


# Feeds name their fields differently; the FACTS.md names come first.
_TEXT_FIELDS = ("text", "body", "content", "article")
_TITLE_FIELDS = ("title", "headline")
_DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "pubDate", "datePublished")


def _field(rec: dict, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that holds a non-empty string."""
    for name in names:
        value = rec.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _finish(document: Document, lineno: int | None = None) -> Iterator[Document | IngestProblem]:
    """Yield the document unless nothing of it is article text."""
    where = split_source(document.source)[0]
    if not document.text.strip():
        yield IngestProblem(where, "empty document (no text)", lineno)
    elif not document.segments:
        yield IngestProblem(where, "only page furniture (menus, markers, credits), no article text", lineno)
    else:
        yield document


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    return title or None


def _with_title(title: str | None, body: str) -> str:
    """``title + "\\n\\n" + body``, unless the body already starts with its title."""
    if not title:
        return body
    if " ".join(body.lstrip()[: len(title) + 40].split()).startswith(title):
        return body
    return f"{title}\n\n{body}"


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_date(value: object) -> str | None:
    """``2024``, ``2024-03`` or ``2024-03-12`` from metadata (a timestamp is cut to its date)."""
    return _metadata_date(value)[0]


def _metadata_date(value: object) -> tuple[str | None, str | None]:
    """(date, warning): the ISO date of a metadata value, cut to its part that is a calendar date.

    ``2021-02-30`` gives ``2021-02`` and ``2021-13-45`` gives ``2021``, each with a warning.
    """
    if not isinstance(value, str):
        return None, None
    match = _ISO.match(value.strip())
    if not match:
        return None, None
    year, month, day = (int(part) if part else None for part in match.groups())
    kept = match.group(0)
    if year is None or year < 1:
        return None, f"published {printable(match.group(0))!r} is no calendar date; ignored"
    if month is not None and not 1 <= month <= 12:
        kept = f"{year:04d}"
    elif day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            kept = f"{year:04d}-{month:02d}"
    if kept != match.group(0):
        return kept, f"published {match.group(0)!r} is no calendar date; kept {kept}"
    return kept, None


# --------------------------------------------------------------------------- page furniture

_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ\s*nhật|cn"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_TIME = r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:gmt|utc|ict|est|edt)\s*(?:[+-]\s*\d{1,2})?\)?)?)"
_SEP = r"\s*[,|\-–—/]?\s*"
_DATE_LINE = re.compile(
    rf"(?:(?:updated|published|posted|last updated|cập nhật)\s*:?\s*)?(?:{_TIME}{_SEP})?"
    rf"(?:(?P<weekday>{_WEEKDAY}){_SEP})?{_DATE}(?:{_SEP}{_TIME})?(?:{_SEP}{_TIME})?",
    re.IGNORECASE,
)
_PIPES_ONLY = re.compile(r"[\s|¦│]*[|¦│][\s|¦│]*")
_END_MARKER = re.compile(r"[#*=~_\-–—\s]{3,}|[\-–—\s]*(?:ends?|hết)[\-–—\s]*", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"(?:sources?|nguồn|photos?|photo credits?|credits?|ảnh|images?)\s*:\s*[^.!?]{0,80}\.?", re.IGNORECASE
)
# Footers and share bars: dates in them (a copyright year) are the site's, not the article's.
# "(c)" alone is also a list item, so it counts only before a year.
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s*(?:19|20)\d\d|copyright\b\s*(?:©|\(c\))?\s*(?:19|20)\d\d).*"
                        r"|.*\ball rights reserved\.?", re.IGNORECASE)
_SHARE_LINE = re.compile(
    r"(?:follow us|share (?:this|on)|subscribe (?:to|now)|sign up (?:for|to)|click here|download (?:our|the) app"
    r"|print this|email this)\b[^.!?]{0,80}[.!]?",
    re.IGNORECASE,
)
_TAGS_LINE = re.compile(r"(?:tags?|keywords?|topics?|từ khóa|chủ đề)\s*:[^.!?]*", re.IGNORECASE)
# A heading over links to other articles: the headline lines under it (up to the next prose) are furniture.
_RELATED_HEADING = re.compile(
    r"(?:related(?: news| articles?| stories| posts| coverage| content)?|read (?:more|also|next)|see also"
    r"|more (?:on this(?: topic)?|news|stories)|you may also (?:like|be interested in)|recommended(?: for you)?"
    r"|most (?:read|popular|viewed)|latest (?:news|stories)|other news|tin liên quan|tin khác|bài liên quan"
    r"|xem thêm|tin cùng chuyên mục)\s*:?",
    re.IGNORECASE,
)
# A trailing photo credit and/or the " |" that caption stubs end with: "... on Dec 14. Photos: MOFA |".
_TRAILING_CREDIT = re.compile(
    r"(?:\s*[(\[]?\s*(?:photos?|photo credits?|credits?|sources?|ảnh|nguồn|images?|foto)\s*(?::|by)\s*"
    r"[^.!?|()\[\]]{1,60}[)\]]?)?\s*[|¦│]\s*$"
    r"|\s*[(\[]\s*(?:photos?|photo credits?|credits?|sources?|ảnh|nguồn|images?|foto)\s*:\s*[^()\[\]]{1,60}[)\]]\s*$",
    re.IGNORECASE,
)
# Words of navigation menus, share bars, language and colour/theme pickers (several languages).
_FURNITURE_WORDS = frozenset(
    """
    home menu search login log logout sign register subscribe share print email e-mail tweet
    facebook twitter linkedin whatsapp telegram zalo instagram youtube tiktok rss feed contact
    about sitemap english français español deutsch русский 中文 日本語 한국어 العربية tiếng việt
    top back next previous more related news tin tức trang chủ tìm kiếm liên hệ đăng nhập
    world politics business economy society culture sports sport video videos photos opinion
    travel tech science health entertainment lifestyle multimedia podcast podcasts
    red blue green yellow orange purple pink black white grey gray dark light auto default theme
    màu đỏ xanh vàng lá cây nước biển tím cam hồng đen trắng
    rouge bleu vert jaune noir blanc sombre clair
    rojo azul verde amarillo negro blanco oscuro claro
    rot blau grün gelb schwarz weiß dunkel hell
    vermelho amarelo preto branco
    красный синий зелёный зеленый жёлтый желтый чёрный белый
    a+ a- aa
    """.split()
)
# Section names are menus only in a row; alone they are often a fact sheet's heading.
_SECTION_WORDS = frozenset(
    "world politics business economy society culture sports sport opinion travel tech science health "
    "entertainment lifestyle news".split()
)
_SENTENCE_PUNCT = re.compile(r"[.!?;:,\"“”()\[\]]")


def furniture_free_segments(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) spans of ``text`` that are article body, in order.

    Works line by line; neighbouring body lines (blank lines between them
    allowed) form one segment. A caption line keeps its sentence but loses a
    trailing credit ("Photos: MOFA |").
    """
    spans: list[tuple[int, int]] = []
    in_header = True  # before the first line of prose: where site headers live
    seen_content = False
    in_related = False  # inside a list of links to other articles (their headlines and dates)
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start += lead
        end = start + len(stripped)
        if in_related:
            if _is_prose(stripped):
                in_related = False
            else:
                continue  # another article's headline in a "Related news" list
        kind = _line_kind(stripped, in_header=in_header, first=not seen_content)
        if kind == "related":
            in_related = True
        if kind != "body":
            continue
        # Only lines ending like a caption stub or a credit can have one (and the search is costly).
        trailing = _TRAILING_CREDIT.search(stripped) if stripped[-1] in "|¦│)]" else None
        if trailing:
            end = start + trailing.start()
            if not text[start:end].strip():
                continue
        seen_content = True
        if in_header and _is_prose(stripped):
            in_header = False
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return _cut_long_lines(text, spans)


# Where a sentence may end inside a long line: closing punctuation (and quotes), space, no lower-case word.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*(\s+)(?![a-z])")
_SPACE = re.compile(r"\s+")


def _cut_long_lines(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` with every line longer than LONG_LINE_CHARS cut into pieces of at most PIECE_CHARS:
    at the last sentence end in the second half of each piece, else at a space, else anywhere."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = start
        line = start
        while line < end:
            newline = text.find("\n", line, end)
            line_end = end if newline < 0 else newline
            if line_end - line > LONG_LINE_CHARS:
                while line_end - piece > PIECE_CHARS:
                    cut, resume = _cut(text, piece, piece + PIECE_CHARS)
                    out.append((piece, cut))
                    piece = resume
            line = line_end + 1
        out.append((piece, end))
    return tuple(out)


def _cut(text: str, start: int, limit: int) -> tuple[int, int]:
    """(end of this piece, start of the next) for a piece of ``text`` from ``start`` cut before ``limit``."""
    low = start + (limit - start) // 2
    last = None
    for last in _SENTENCE_BREAK.finditer(text, low, limit):
        pass
    if last is not None:
        return last.start(1), last.end(1)
    for last in _SPACE.finditer(text, low, limit):
        pass
    if last is not None:
        return last.start(), last.end()
    return limit, limit


# "Home > News > Foreign Affairs": a breadcrumb trail.
_BREADCRUMB = re.compile(r"[^.!?>»›]{1,60}(?:\s[>»›]\s[^.!?>»›]{1,60}){2,}")
# Accessibility and reading widgets: "Font size: A- A A+ | High contrast", "Print | Listen".
_WIDGET = re.compile(r"(?i)(?:font size|text size|high contrast|print this page|listen to this article|"
                     r"a-\s+a\s+a\+)\b.*")


def _is_nav_row(line: str) -> bool:
    """A row of three or more short links joined by "|": "Home | The Minister | Contact Us"."""
    cells = [c.strip() for c in line.split("|")]
    return (len(cells) >= 3 and all(cells) and all(len(c.split()) <= 4 for c in cells)
            and not _SENTENCE_PUNCT.search(line.replace("|", "")))


def _line_kind(line: str, *, in_header: bool, first: bool) -> str:
    if _PIPES_ONLY.fullmatch(line) or _END_MARKER.fullmatch(line):
        return "furniture"
    if _is_menu(line) or _is_nav_row(line):
        return "furniture"
    if len(line) <= 200 and (_BREADCRUMB.fullmatch(line) or _WIDGET.fullmatch(line)):
        return "furniture"
    if len(line) <= 100 and _CREDIT_LINE.fullmatch(line) and len(line.split()) <= 12:
        return "furniture"
    if len(line) <= 60 and _RELATED_HEADING.fullmatch(line):
        return "related"
    if len(line) <= 200 and (_COPYRIGHT.fullmatch(line) or _SHARE_LINE.fullmatch(line)):
        return "furniture"
    if len(line) <= 300 and _TAGS_LINE.fullmatch(line):
        return "furniture"
    if in_header:
        date = _DATE_LINE.fullmatch(line)
        # A site's "today" widget shows the weekday, or sits above everything else; a plain
        # dateline under the headline is the article's own date and stays.
        if date and (date.group("weekday") or first):
            return "furniture"
    return "body"


def _is_menu(line: str) -> bool:
    """A row of short menu/picker words: no sentence punctuation, no digits, furniture vocabulary."""
    if _SENTENCE_PUNCT.search(line) or any(ch.isdigit() for ch in line):
        return False
    words = [w for w in re.split(r"[\s|·•/]+", line) if w]
    if not words:
        return False
    folded = [w.casefold() for w in words]
    known = sum(1 for w in folded if w in _FURNITURE_WORDS)
    if len(words) <= 2:
        return all(w in _FURNITURE_WORDS and w not in _SECTION_WORDS for w in folded)
    if known / len(words) >= 0.8:
        return True
    # A picker repeats its label: "Màu đỏ Màu xanh Màu vàng ..." / "Theme Light Theme Dark ...".
    capitalised = Counter(f for w, f in zip(words, folded) if w[0].isupper())
    return bool(capitalised) and max(capitalised.values()) >= 3 and len(words) <= 30 and known >= 1


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 8 and line[-1] in ".!?\"”’'" or len(words) >= 25


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "IngestProblem",
    "decode",
    "describe_error",
    "furniture_free_segments",
    "iter_files",
    "make_document",
    "printable",
    "read_paths",
    "split_source",
]

