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

Bad input never stops a run: each unreadable file or line is reported as an
:class:`IngestProblem` and reading goes on. Decoding: UTF-8 (a BOM is
allowed). A file with stray invalid bytes in otherwise UTF-8 text keeps UTF-8
(the bad bytes become U+FFFD); a file with no UTF-8 sequences at all is read as
Windows-1252, what most mis-encoded news files turn out to be. Both warn.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from diplograph.model import Document

# A document longer than this is refused: it is a dump, not an article.
MAX_DOCUMENT_BYTES = 5_000_000
# Raw HTML carries markup and scripts; allow more before extraction.
MAX_HTML_BYTES = 50_000_000

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")

ProblemKind = Literal["error", "warning", "duplicate"]


@dataclass(frozen=True)
class IngestProblem:
    """A file or line that could not be read (or was read with a caveat).

    ``kind`` is ``error`` (nothing was read from it), ``warning`` (a document
    was still read, e.g. after an encoding fallback) or ``duplicate`` (the same
    text was already read in this run and is skipped).
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
    """
    seen_text: dict[str, str] = {}  # sha1 -> doc id
    seen_id: dict[str, str] = {}  # doc id -> source
    for item in _read_all(paths, max_bytes):
        if isinstance(item, IngestProblem):
            yield item
            continue
        sha1 = item.sha1
        if sha1 in seen_text:
            yield IngestProblem(item.source, f"same text as document {seen_text[sha1]!r}; skipped",
                                kind="duplicate")
            continue
        if item.id in seen_id:
            yield IngestProblem(item.source, f"document id {item.id!r} was already used by "
                                f"{seen_id[item.id]}; rename one of them (ids must be unique)")
            continue
        seen_text[sha1] = item.id
        seen_id[item.id] = item.source
        yield item


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestProblem]:
    """Input files in order: each path as given; folders recursively, sorted, hidden entries skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if child.is_file() and _suffix(child):
                    found = True
                    yield child
            if not found:
                yield IngestProblem(str(path), "no .txt, .html, .htm, .jsonl or .jsonl.gz files in this folder")
        elif path.is_file():
            if _suffix(path):
                yield path
            else:
                yield IngestProblem(str(path), "unsupported file type; use .txt, .html, .htm, .jsonl or .jsonl.gz")
        elif path.exists():
            yield IngestProblem(str(path), "not a regular file or folder")
        else:
            yield IngestProblem(str(path), "no such file or folder")


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
    return path.name[: len(path.name) - len(suffix)]


def _read_all(paths: Iterable[str | Path], max_bytes: int) -> Iterator[Document | IngestProblem]:
    for entry in iter_files(paths):
        if isinstance(entry, IngestProblem):
            yield entry
            continue
        suffix = _suffix(entry)
        if suffix == ".txt":
            yield from _read_txt(entry, max_bytes)
        elif suffix in (".html", ".htm"):
            yield from _read_html(entry, max_bytes)
        else:
            yield from _read_jsonl(entry, max_bytes)


def _too_big(size: int, max_bytes: int) -> str:
    return (f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit per document; "
            "split it into smaller documents")


def _read_bytes(path: Path, limit: int) -> bytes | IngestProblem:
    try:
        size = path.stat().st_size
        if size > limit:
            return IngestProblem(str(path), _too_big(size, limit))
        return path.read_bytes()
    except OSError as exc:
        return IngestProblem(str(path), f"cannot read: {exc.strerror or exc}")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, warning) for a file's bytes; text is None when the bytes are not text at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "starts with a UTF-16 mark but is not valid UTF-16"
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
        yield IngestProblem(str(path), warning or "not text")
        return
    if warning:
        yield IngestProblem(str(path), warning, kind="warning")
    yield from _finish(make_document(_doc_id(path), text, source=str(path)))


def _read_html(path: Path, max_bytes: int) -> Iterator[Document | IngestProblem]:
    data = _read_bytes(path, MAX_HTML_BYTES)
    if isinstance(data, IngestProblem):
        yield data
        return
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield IngestProblem(str(path), "binary file (contains NUL bytes), not HTML")
        return
    import trafilatura  # slow to import; only HTML input needs it

    try:
        extracted = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            # Only the page's own metadata: dates in the text are timex's job.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure means this page is unreadable
        yield IngestProblem(str(path), f"cannot parse the HTML ({type(exc).__name__}: {exc})")
        return
    body = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not body:
        yield IngestProblem(str(path), "no article text found in the HTML (only markup, scripts or menus)")
        return
    title = _clean_title(getattr(extracted, "title", None))
    url = getattr(extracted, "url", None)
    published = _iso_date(getattr(extracted, "date", None))
    text = _with_title(title, body)
    if len(text) > max_bytes:
        yield IngestProblem(str(path), _too_big(len(text.encode("utf-8")), max_bytes))
        return
    yield from _finish(make_document(_doc_id(path), text, source=str(path), title=title, url=url,
                                     published=published))


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | IngestProblem]:
    stem = _doc_id(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                yield from _jsonl_record(path, lineno, raw, stem, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestProblem(str(path), f"cannot read the file ({exc}); is it a complete, valid "
                            f"{'gzip' if opener is gzip.open else 'text'} file?")


def _jsonl_record(path: Path, lineno: int, raw: bytes, stem: str,
                  max_bytes: int) -> Iterator[Document | IngestProblem]:
    where = str(path)
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
    doc_id = rec.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{stem}_{lineno}"
    title = _clean_title(_field(rec, _TITLE_FIELDS))
    published = _iso_date(_field(rec, _DATE_FIELDS))
    url = _field(rec, ("url", "link"))
    yield from _finish(make_document(doc_id, _with_title(title, body), source=f"{path}:{lineno}",
                                     title=title, url=url, published=published), lineno)


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
    where = document.source.rsplit(":", 1)[0] if lineno is not None else document.source
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
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


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
    return tuple(spans)


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
    "furniture_free_segments",
    "iter_files",
    "make_document",
    "read_paths",
]

