"""Ingest: every input kind, page furniture left out of segments, dates, duplicates, bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import SEEDS

from diplograph.ingest import IngestProblem, furniture_free_segments, make_document, read_paths
from diplograph.model import Document


def docs_and_problems(paths: list[Path]) -> tuple[list[Document], list[IngestProblem]]:
    items = list(read_paths(paths))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestProblem)])


def body(doc: Document) -> list[str]:
    return [doc.text[a:b] for a, b in doc.segments]


# --------------------------------------------------------------------------- input kinds


def test_txt_id_is_file_name_and_text_is_kept(write_files):
    root = write_files({"kenya_visit.txt": "Kenya and Japan held talks in Nairobi.\r\nThey signed an MoU.\n"})
    docs, problems = docs_and_problems([root])
    assert problems == []
    [doc] = docs
    assert doc.id == "kenya_visit"
    assert doc.text == "Kenya and Japan held talks in Nairobi.\nThey signed an MoU.\n"  # only CRLF normalised
    assert doc.source.endswith("kenya_visit.txt")


def test_folders_are_read_recursively_in_sorted_order_skipping_other_files(write_files):
    root = write_files({"b.txt": "Second text here.", "a/z.txt": "First text here.", "notes.md": "# not an article",
                        ".hidden/x.txt": "Hidden text."})
    docs, problems = docs_and_problems([root])
    assert [d.id for d in docs] == ["z", "b"]
    assert problems == []


def test_html_is_extracted_without_scripts_and_dated_from_metadata(write_files):
    html = """<html><head><title>Egypt and Turkey restore ties</title>
    <meta property="article:published_time" content="2023-07-04T09:00:00Z">
    <script>var tracking = "SECRET_TRACKER";</script></head>
    <body><nav>Home News World</nav><article><h1>Egypt and Turkey restore ties</h1>
    <p>Egypt and Turkey agreed to restore full diplomatic relations and exchange ambassadors, the two
    foreign ministries said in a joint statement on Tuesday.</p>
    <p>The decision follows a decade of strained relations.<script>alert("POPUP")</script></p>
    </article></body></html>"""
    root = write_files({"egypt_turkey.html": html})
    docs, problems = docs_and_problems([root])
    assert problems == []
    [doc] = docs
    assert doc.id == "egypt_turkey"
    assert doc.title == "Egypt and Turkey restore ties"
    assert doc.published == "2023-07-04" and doc.published_source == "metadata"
    assert "restore full diplomatic relations" in doc.text
    assert "SECRET_TRACKER" not in doc.text and "POPUP" not in doc.text
    assert doc.text.count("Egypt and Turkey restore ties") == 1  # the title is not doubled


def _record(doc_id: str, title: str, text: str, published: str = "2024-05-02") -> dict:
    return {"id": doc_id, "title": title, "url": f"https://example.org/{doc_id}", "published": published,
            "text": text}


def test_jsonl_text_is_title_blank_line_body_with_metadata_date(write_files):
    rec = _record("ke-1", "Kenya hosts summit", "Kenya hosted a regional summit in Nairobi on Monday.")
    root = write_files({"feed.jsonl": json.dumps(rec) + "\n"})
    docs, problems = docs_and_problems([root])
    assert problems == []
    [doc] = docs
    assert doc.id == "ke-1"
    assert doc.text == "Kenya hosts summit\n\nKenya hosted a regional summit in Nairobi on Monday."
    assert doc.title == "Kenya hosts summit"
    assert doc.url == "https://example.org/ke-1"
    assert (doc.published, doc.published_source) == ("2024-05-02", "metadata")
    assert doc.source.endswith("feed.jsonl:1")


def test_jsonl_timestamp_is_cut_to_a_date_and_title_not_doubled(write_files):
    rec = _record("x", "Somalia talks", "Somalia talks\n\nOfficials met in Mogadishu.", "2022-11-03T18:22:00-05:00")
    root = write_files({"f.jsonl": json.dumps(rec)})
    [doc], _ = docs_and_problems([root])
    assert doc.published == "2022-11-03"
    assert doc.text == "Somalia talks\n\nOfficials met in Mogadishu."


def test_jsonl_accepts_common_feed_field_names(write_files):
    rec = {"id": "so-1", "headline": "Somalia and Turkey sign defence deal",
           "body": "Somalia and Turkey signed a defence agreement in Ankara.", "pubDate": "2024-02-08T10:00:00Z"}
    [doc], problems = docs_and_problems([write_files({"feed.jsonl": json.dumps(rec)})])
    assert problems == []
    assert doc.text == "Somalia and Turkey sign defence deal\n\nSomalia and Turkey signed a defence agreement in Ankara."
    assert (doc.title, doc.published) == ("Somalia and Turkey sign defence deal", "2024-02-08")


def test_jsonl_gz_is_read_line_by_line(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps(_record(f"d{i}", f"Title {i}", f"Body number {i} of the feed.")) + "\n")
    docs, problems = docs_and_problems([path])
    assert problems == []
    assert [d.id for d in docs] == ["d0", "d1", "d2"]


def test_the_seed_corpus_reads_cleanly():
    docs, problems = docs_and_problems([SEEDS])
    assert problems == []
    assert len(docs) == 5
    for doc in docs:
        for start, end in doc.segments:
            assert 0 <= start < end <= len(doc.text)


# --------------------------------------------------------------------------- page furniture


def test_furniture_lines_are_outside_segments_and_offsets_are_exact():
    text = (
        "Rouge Bleu Vert Jaune\n"
        "Monday, 12 March 2024\n"
        "Japan and Kenya upgrade ties\n"
        "    |\n"
        " |\n"
        "|\n"
        "Ministers sign the accord in Tokyo on March 11. Photos: Kyodo |\n"
        "Japan and Kenya agreed on Monday to deepen maritime cooperation, their foreign ministers said.\n"
        "Source: Kyodo\n"
        "###\n"
    )
    segments = furniture_free_segments(text)
    kept = [text[a:b] for a, b in segments]
    joined = "\n".join(kept)
    assert "Rouge" not in joined
    assert "Monday, 12 March 2024" not in joined
    assert "|" not in joined and "Photos: Kyodo" not in joined
    assert "Source: Kyodo" not in joined and "###" not in joined
    assert "Ministers sign the accord in Tokyo on March 11." in joined  # the caption itself stays
    assert "Japan and Kenya upgrade ties" in joined
    assert "deepen maritime cooperation" in joined


def test_a_colour_picker_in_another_language_is_furniture():
    text = "Màu đỏ Màu xanh nước biển Màu vàng Màu xanh lá cây\nThứ 6 - 26/02/2016\nViet Nam and Laos held talks in Vientiane on Friday.\n"
    kept = [text[a:b] for a, b in furniture_free_segments(text)]
    assert kept == ["Viet Nam and Laos held talks in Vientiane on Friday."]


def test_footers_tags_share_bars_and_related_headlines_are_furniture():
    text = (
        "Kenya and Japan signed a maritime pact in Nairobi on 3 May 2023, officials said.\n"
        "Tags: Kenya, Japan, maritime\n"
        "Share this article\n"
        "Related news\n"
        "Japan pledges aid to Somalia (12/06/2024)\n"
        "Kenya hosts AU summit - 2024-07-01\n"
        "The pact covers joint patrols in the western Indian Ocean, the ministry added.\n"
        "© 2024 Example News Agency. All rights reserved.\n"
    )
    kept = [text[a:b] for a, b in furniture_free_segments(text)]
    assert kept == ["Kenya and Japan signed a maritime pact in Nairobi on 3 May 2023, officials said.",
                    "The pact covers joint patrols in the western Indian Ocean, the ministry added."]


def test_lettered_clauses_are_not_copyright_lines():
    text = "Sec. 2. Policy.\n(a) The Secretary shall report.\n(c) This order shall be implemented consistent with law.\n"
    kept = "\n".join(text[a:b] for a, b in furniture_free_segments(text))
    assert "(c) This order shall be implemented" in kept


def test_a_dateline_under_the_headline_is_article_text_not_furniture():
    text = "Kenya and Somalia reopen border\n12 March 2024\nKenya and Somalia agreed to reopen their border, officials said.\n"
    kept = "\n".join(text[a:b] for a, b in furniture_free_segments(text))
    assert "12 March 2024" in kept


def test_headlines_and_single_topic_headings_are_not_menus():
    text = "India Mauritius Strategic Partnership\nHealth\nThe two sides agreed to expand health cooperation.\n"
    kept = "\n".join(text[a:b] for a, b in furniture_free_segments(text))
    assert "India Mauritius Strategic Partnership" in kept
    assert "Health" in kept.split("\n")


def test_sentences_of_a_document_with_furniture_keep_exact_offsets(nlp):
    from diplograph.nlp import analyze

    doc = make_document("t", "Red Blue Green Yellow\n|\nEgypt and Turkey restored ties. Photo: AFP |\n"
                             "The two ministers met in Cairo.\n")
    [adoc] = list(analyze([doc], nlp=nlp))
    texts = [s.text for s in adoc.sentences]
    assert texts and all(doc.text[s.start:s.end] == s.text for s in adoc.sentences)
    assert not any("Red Blue" in t or "AFP" in t for t in texts)


# --------------------------------------------------------------------------- dates and duplicates


def test_txt_without_metadata_is_dated_from_its_text_not_from_the_site_header():
    doc = make_document("t", "Thứ 6 - 26/02/2016\nKenya and Japan signed the accord in Nairobi on 3 May 2023.\n")
    assert (doc.published, doc.published_source) == ("2023-05-03", "text")


def test_exact_duplicates_are_skipped_once_and_reported(write_files):
    text = "Japan and India held a maritime dialogue in Tokyo."
    root = write_files({"a.txt": text, "b.txt": text, "c.txt": text + " More."})
    docs, problems = docs_and_problems([root])
    assert [d.id for d in docs] == ["a", "c"]
    assert [(p.kind, Path(p.path).name) for p in problems] == [("duplicate", "b.txt")]


def test_the_same_id_with_different_text_is_an_error(write_files):
    root = write_files({"x/a.txt": "One text about Kenya.", "y/a.txt": "Another text about Japan."})
    docs, problems = docs_and_problems([root])
    assert len(docs) == 1
    assert problems[0].kind == "error" and "already used" in problems[0].message


# --------------------------------------------------------------------------- bad input


def test_every_bad_input_is_a_problem_naming_the_file_and_reading_goes_on(write_files, tmp_path):
    good = _record("ok", "Fine", "A fine article about the G7 summit.")
    root = write_files({
        "empty.txt": "",
        "blank.txt": "   \n\n  ",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1.txt": "Caf\u00e9 diplomacy in Ankara: Turkey and Egypt met.".encode("cp1252"),
        "broken.jsonl": "\n".join([json.dumps(good), "{not json", json.dumps([1, 2]),
                                   json.dumps({"id": "nt", "title": "No text"}), ""]),
        "scripts_only.html": "<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>",
        "furniture.txt": "|\n###\n",
        "picture.png": b"\x89PNG",
        "still_fine.txt": "Russia and India held talks in Moscow.",
    })
    missing = tmp_path / "does-not-exist"
    docs, problems = docs_and_problems([root, missing])
    assert sorted(d.id for d in docs) == ["latin1", "ok", "still_fine"]
    latin1 = next(d for d in docs if d.id == "latin1")
    assert "Café" in latin1.text
    by_file: dict[str, list[IngestProblem]] = {}
    for p in problems:
        by_file.setdefault(Path(p.path).name, []).append(p)
    assert "empty" in by_file["empty.txt"][0].message
    assert "empty" in by_file["blank.txt"][0].message
    assert "binary" in by_file["binary.txt"][0].message
    assert by_file["latin1.txt"][0].kind == "warning" and "UTF-8" in by_file["latin1.txt"][0].message
    jsonl = sorted((p.line, p.message) for p in by_file["broken.jsonl"])
    assert [line for line, _ in jsonl] == [2, 3, 4]
    assert "not valid JSON" in jsonl[0][1] and "object" in jsonl[1][1] and "text" in jsonl[2][1]
    assert "no article text" in by_file["scripts_only.html"][0].message
    assert "furniture" in by_file["furniture.txt"][0].message
    assert "no such file" in by_file["does-not-exist"][0].message
    assert "picture.png" not in by_file  # other file types in folders are ignored silently
    assert all(p.kind != "error" or str(p).startswith(p.path) for p in problems)


def test_mostly_utf8_with_a_stray_byte_keeps_its_accents(write_files):
    data = "Việt Nam and Lào signed the accord.".encode() + b" \x92 " + "Hà Nội hosted.".encode()
    [doc], [problem] = docs_and_problems([write_files({"stray.txt": data})])
    assert "Việt Nam" in doc.text and "Hà Nội" in doc.text and "\ufffd" in doc.text
    assert problem.kind == "warning" and "U+FFFD" in problem.message


def test_an_unsupported_file_named_explicitly_is_a_problem(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    _, problems = docs_and_problems([path])
    assert "unsupported file type" in problems[0].message


def test_huge_documents_are_refused_with_a_clear_message(write_files):
    root = write_files({"huge.txt": "Kenya. " * 2000, "feed.jsonl": json.dumps(_record("big", "Big", "word " * 2000))})
    docs, problems = [], []
    for item in read_paths([root], max_bytes=5000):
        (docs if isinstance(item, Document) else problems).append(item)
    assert docs == []
    assert len(problems) == 2
    assert all("limit per document" in p.message for p in problems)


def test_a_truncated_gzip_file_is_a_problem_after_its_good_lines(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps(_record(f"d{i}", f"T{i}", f"Body {i} " * 400)) + "\n" for i in range(20))
    data = gzip.compress(lines.encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    docs, problems = docs_and_problems([path])
    assert len(problems) == 1 and "gzip" in problems[0].message
    assert 0 < len(docs) < 20


@pytest.mark.parametrize("published, expected", [("2021", "2021"), ("2021-12", "2021-12"), ("nonsense", None)])
def test_metadata_dates_keep_their_precision(write_files, published, expected):
    root = write_files({"f.jsonl": json.dumps(_record("d", "T", "Some body text here.", published))})
    [doc], _ = docs_and_problems([root])
    if expected is None:
        assert doc.published_source != "metadata"
    else:
        assert (doc.published, doc.published_source) == (expected, "metadata")


def test_breadcrumbs_link_rows_and_reading_widgets_are_furniture() -> None:
    from diplograph.ingest import furniture_free_segments

    text = ("Home > News > Foreign Affairs\nHome | The Minister | Press Releases | Contact Us\n"
            "Font size: A- A A+ | High contrast\nThe minister met her counterpart in Lusaka on Monday.\n")
    body = [text[a:b] for a, b in furniture_free_segments(text)]
    assert "".join(body).strip() == "The minister met her counterpart in Lusaka on Monday."
