"""Write gold.jsonl for the held-out set from the annotations below.

Each fact names its evidence by a short unique snippet; the full verbatim sentence that
contains the snippet is looked up in the document, so evidence always matches the text.
Run: python3 eval/heldout/make_gold.py (from the repo root or anywhere).
"""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ABBREV = ("Col.", "Gen.", "Capt.", "Dr.", "Ms.", "Mr.", "H.E.", "St.")


def load_texts() -> dict:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    with open(CORPUS / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    return texts


def sentences(text: str) -> list:
    out = []
    for para in text.split("\n"):
        pieces = re.split(r'(?<=[a-z0-9)"%][.!?])\s+(?=[A-Z"(])', para.strip())
        merged = []
        for p in pieces:
            if merged and merged[-1].endswith(ABBREV):
                merged[-1] += " " + p
            else:
                merged.append(p)
        out.extend(s for s in merged if s)
    return out


TEXTS = load_texts()
FACTS = []


def F(doc, type_, snippet, **fields):
    hits = [s for s in sentences(TEXTS[doc]) if snippet in s]
    if len(hits) != 1:
        raise SystemExit(f"{doc}: snippet {snippet!r} found in {len(hits)} sentences")
    FACTS.append({"doc": doc, "type": type_, **fields, "evidence": hits[0]})


def ev(doc, snippet, **f):
    F(doc, "event", snippet, **f)


def pos(doc, snippet, person, title, org, as_of):
    F(doc, "position", snippet, person=person, title=title, org=org, as_of=as_of)


def role(doc, snippet, actor, body, role_, start=None, end=None, **f):
    F(doc, "role", snippet, actor=actor, body=body, role=role_, start=start, end=end, **f)


def stat(doc, snippet, subject, metric, value, qualifier, as_of, unit, **f):
    F(doc, "statistic", snippet, subject=subject, metric=metric, value=value, qualifier=qualifier, as_of=as_of, unit=unit, **f)


def rel(doc, snippet, a, b, status, since=None, **f):
    F(doc, "diplomatic_relations", snippet, a=a, b=b, status=status, since=since, **f)


def agr(doc, snippet, name, kind, parties, signed=None, **f):
    F(doc, "agreement", snippet, name=name, kind=kind, parties=parties, signed=signed, **f)


def part(doc, snippet, a, b, level, since=None, **f):
    F(doc, "partnership", snippet, a=a, b=b, level=level, since=since, **f)


# --- h01: KNA, Kenya-Somalia (2024-03-05, a Tuesday) ---
d, t = "h01_kna_kenya_somalia", "2024-03-05"
ev(d, "Kenya and Somalia on Tuesday signed", kind="talks", date=t, participants=["William Ruto", "Hassan Sheikh Mohamud", "KEN", "SOM"], location="State House, Nairobi")
ev(d, "The agreements were signed by", kind="signing", date=t, participants=["Musalia Mudavadi", "Ahmed Moalim Fiqi", "KEN", "SOM"], label="memoranda of understanding")
ev(d, "arrived in the country on Monday", kind="visit", start="2024-03-04", end="2024-03-05", participants=["Hassan Sheikh Mohamud", "KEN"], location="KEN", label="state visit")
ev(d, "In an interview with KNA on Monday", kind="interview", date="2024-03-04", participants=["Musalia Mudavadi", "KNA"])
agr(d, "Kenya and Somalia on Tuesday signed", "memoranda of understanding on trade, security, health and livestock", "MoU", ["KEN", "SOM"], t)
stat(d, "Kenya has over 3,000 troops", "KEN", "peacekeepers_deployed", 3000, "over", t, "persons", note="troops under ATMIS")
role(d, "Kenya has over 3,000 troops", "KEN", "ATMIS", "contributor")
role(d, "Somalia became the eighth member", "SOM", "EAC", "member", "2024-03-04", None)
part(d, "agreed to elevate relations", "KEN", "SOM", "strategic", t)
rel(d, "Somalia severed diplomatic ties", "KEN", "SOM", "severed", "2020-12")
rel(d, "Somalia severed diplomatic ties", "KEN", "SOM", "restored", "2021-05")
pos(d, "Kenya and Somalia on Tuesday signed", "William Ruto", "President", "KEN", t)
pos(d, "Kenya and Somalia on Tuesday signed", "Hassan Sheikh Mohamud", "President", "SOM", t)
pos(d, "The agreements were signed by", "Musalia Mudavadi", "Prime Cabinet Secretary and Cabinet Secretary for Foreign and Diaspora Affairs", "KEN", t)
pos(d, "The agreements were signed by", "Ahmed Moalim Fiqi", "Minister of Foreign Affairs", "SOM", t)

# --- h02: Reuters-style wire, India-Mauritius (2024-02-29, a Thursday) ---
d, t = "h02_wire_india_mauritius_agalega", "2024-02-29"
ev(d, "jointly inaugurated a new airstrip", kind="meeting", date=t, participants=["Narendra Modi", "Pravind Jugnauth", "IND", "MUS"], label="virtual inauguration of the Agalega airstrip and jetty", mode="videoconference")
stat(d, "also opened six community development projects", "IND", "other", 6, "exact", t, "count", label="India-funded community development projects in Mauritius opened")
agr(d, "signed a Comprehensive Economic Cooperation", "CECPA", "FTA", ["IND", "MUS"], "2021-02", long_name="Comprehensive Economic Cooperation and Partnership Agreement")
ev(d, "signed a Comprehensive Economic Cooperation", kind="signing", date="2021-02", participants=["IND", "MUS"], label="CECPA")
stat(d, "India's exports to Mauritius", "IND", "other", 462000000, "about", "2023-03", "USD", label="exports to Mauritius in the fiscal year to March 2023")
ev(d, "Last week, Indian External Affairs Minister", kind="talks", date="2024-02", participants=["S. Jaishankar", "Maneesh Gobin", "IND", "MUS"], location="New Delhi", note="'last week' = 19-25 Feb 2024")
role(d, "a founding member of the Indian Ocean Rim Association", "MUS", "IORA", "member", "1997", None)
pos(d, "jointly inaugurated a new airstrip", "Narendra Modi", "Prime Minister", "IND", t)
pos(d, "jointly inaugurated a new airstrip", "Pravind Jugnauth", "Prime Minister", "MUS", t)
pos(d, "Last week, Indian External Affairs Minister", "S. Jaishankar", "External Affairs Minister", "IND", t)
pos(d, "Last week, Indian External Affairs Minister", "Maneesh Gobin", "foreign minister", "MUS", t)

# --- h03: GIS Mauritius, Chagos (2024-10-04) ---
d, t = "h03_gis_mauritius_chagos", "2024-10-04"
ev(d, "In a joint statement issued on 3 October 2024", kind="statement", date="2024-10-03", participants=["Pravind Kumar Jugnauth", "Keir Starmer", "MUS", "GBR"], label="joint statement on the Chagos Archipelago")
agr(d, "In a joint statement issued on 3 October 2024", "joint statement", "joint_statement", ["GBR", "MUS"], None, issued="2024-10-03")
agr(d, "yesterday hailed as a historic victory", "agreement on the exercise of sovereignty over the Chagos Archipelago", "other", ["GBR", "MUS"], None, agreed="2024-10-03", status="political agreement; treaty to follow", term="initial period of 99 years for the Diego Garcia base")
agr(d, "committed to conclude a treaty", "treaty on the Chagos Archipelago", "treaty", ["GBR", "MUS"], None, status="to be concluded")
ev(d, "The negotiations were launched in November 2022", kind="talks", date="2022-11", participants=["MUS", "GBR"], label="negotiations on the Chagos Archipelago")
stat(d, "The negotiations were launched in November 2022", "MUS", "other", 13, "exact", t, "count", label="rounds of negotiations with the UK on the Chagos Archipelago")
ev(d, "The negotiations were launched in November 2022", kind="statement", date=None, participants=["Pravind Kumar Jugnauth", "NA_MUS"], label="statement to the National Assembly")
ev(d, "US President Joe Biden welcomed", kind="statement", date="2024-10-03", participants=["Joe Biden", "USA"])
ev(d, "is expected to brief the diplomatic corps", kind="briefing", date="2024-10", participants=["Maneesh Gobin"], location="Port Louis", note="'next week' = 7-11 Oct 2024")
pos(d, "yesterday hailed as a historic victory", "Pravind Kumar Jugnauth", "Prime Minister", "MUS", t)
pos(d, "In a joint statement issued on 3 October 2024", "Keir Starmer", "Prime Minister", "GBR", t)
pos(d, "US President Joe Biden welcomed", "Joe Biden", "President", "USA", t)
pos(d, "is expected to brief the diplomatic corps", "Maneesh Gobin", "Minister of Foreign Affairs, Regional Integration and International Trade", "MUS", t)

# --- h04: MOFA Japan readout (2024-02-07) ---
d, t = "h04_mofa_japan_kenya_fm_meeting", "2024-02-07"
ev(d, "On February 7, commencing at 4:30 p.m.", kind="meeting", date=t, participants=["Yoko Kamikawa", "Musalia Mudavadi", "JPN", "KEN"])
ev(d, "On February 7, commencing at 4:30 p.m.", kind="visit", date="2024-02", participants=["William Samoei Ruto", "Musalia Mudavadi", "JPN"], location="JPN", label="State Visit")
rel(d, "60th anniversary of the establishment of diplomatic relations", "JPN", "KEN", "established", "1963", since_note="last year (2023) marked the 60th anniversary")
agr(d, "welcomed the signing of the Exchange of Notes", "Exchange of Notes concerning a Japanese ODA loan for the Mombasa Port area development project", "other", ["JPN", "KEN"], None)
ev(d, "welcomed the signing of the Exchange of Notes", kind="signing", date=None, participants=["JPN", "KEN"], label="Exchange of Notes on ODA loan")
stat(d, "welcomed the signing of the Exchange of Notes", "JPN", "other", 16600000000, "exact", t, "JPY", label="ODA loan for the Mombasa Port area development project (up to)")
ev(d, "TICAD 9", kind="conference", date="2025-08", participants=["JPN", "KEN"], location="Yokohama", host="JPN", label="TICAD 9")
role(d, "as a non-permanent member of the Security Council for 2023-2024", "JPN", "UNSC", "non_permanent_member", "2023", "2024")
pos(d, "On February 7, commencing at 4:30 p.m.", "Yoko Kamikawa", "Minister for Foreign Affairs", "JPN", t)
pos(d, "On February 7, commencing at 4:30 p.m.", "Musalia Mudavadi", "Prime Cabinet Secretary and Cabinet Secretary for Foreign and Diaspora Affairs", "KEN", t)
pos(d, "On February 7, commencing at 4:30 p.m.", "William Samoei Ruto", "President", "KEN", t)

# --- h05: Anadolu-style, Turkey-Egypt (2024-02-14, a Wednesday) ---
d, t = "h05_aa_turkey_egypt", "2024-02-14"
ev(d, "Turkish President Recep Tayyip Erdogan on Wednesday", kind="visit", date=t, participants=["Recep Tayyip Erdogan", "EGY"], location="Cairo")
ev(d, "Turkish President Recep Tayyip Erdogan on Wednesday", kind="talks", date=t, participants=["Recep Tayyip Erdogan", "Abdel Fattah al-Sisi", "TUR", "EGY"], location="Cairo")
ev(d, "Turkish President Recep Tayyip Erdogan on Wednesday", kind="visit", date="2012", participants=["TUR", "EGY"], location="EGY", note="last visit by a Turkish president before 2024")
ev(d, "The two leaders signed a joint declaration", kind="signing", date=t, participants=["Recep Tayyip Erdogan", "Abdel Fattah al-Sisi", "TUR", "EGY"], label="joint declaration on the High-Level Strategic Cooperation Council")
agr(d, "The two leaders signed a joint declaration", "joint declaration reactivating the High-Level Strategic Cooperation Council", "joint_statement", ["EGY", "TUR"], t)
ev(d, "Ministers from both sides also signed", kind="signing", date=t, participants=["TUR", "EGY"], label="sectoral agreements")
agr(d, "Ministers from both sides also signed", "agreements in areas including energy, tourism, health and culture", "other", ["EGY", "TUR"], t)
ev(d, "Speaking at a joint news conference", kind="briefing", date=t, participants=["Recep Tayyip Erdogan", "Abdel Fattah al-Sisi"], label="joint news conference")
stat(d, "Speaking at a joint news conference", "TUR", "other", 10000000000, "about", t, "USD", label="annual trade with Egypt", note="the $15 billion figure is a target, not a claim")
rel(d, "Ankara and Cairo restored full diplomatic ties", "EGY", "TUR", "restored", "2023-07")
rel(d, "Ankara and Cairo restored full diplomatic ties", "EGY", "TUR", "downgraded", "2013")
ev(d, "Egypt's top diplomat Sameh Shoukry visited", kind="visit", date="2023-02", participants=["Sameh Shoukry", "TUR"], location="TUR")
ev(d, "Egypt's top diplomat Sameh Shoukry visited", kind="talks", date="2024-02", participants=["Hakan Fidan", "Sameh Shoukry", "TUR", "EGY"], location="Cairo")
pos(d, "Turkish President Recep Tayyip Erdogan on Wednesday", "Recep Tayyip Erdogan", "President", "TUR", t)
pos(d, "Turkish President Recep Tayyip Erdogan on Wednesday", "Abdel Fattah al-Sisi", "President", "EGY", t)
pos(d, "Egypt's top diplomat Sameh Shoukry visited", "Sameh Shoukry", "Foreign Minister", "EGY", t)
pos(d, "Egypt's top diplomat Sameh Shoukry visited", "Hakan Fidan", "Foreign Minister", "TUR", t)

# --- h06: Ahram Online, Egypt joins BRICS (2024-01-02, a Tuesday) ---
d, t = "h06_ahram_egypt_joins_brics", "2024-01-02"
for c in ("EGY", "ETH", "IRN", "ARE"):
    role(d, "Egypt officially became a full member", c, "BRICS", "member", "2024-01-01", None)
ev(d, "Foreign Minister Sameh Shoukry said in a statement on Monday", kind="statement", date="2024-01-01", participants=["Sameh Shoukry", "EGY"])
ev(d, "15th BRICS summit", kind="conference", date="2023-08", participants=["BRICS"], location="Johannesburg", label="15th BRICS summit")
stat(d, "The expansion brings the group's membership", "BRICS", "other", 9, "exact", t, "count", label="member countries")
stat(d, "Egypt's trade with BRICS members", "EGY", "other", 31200000000, "exact", "2022", "USD", label="trade with BRICS members")
role(d, "New Development Bank (NDB)", "EGY", "NDB", "member", "2023-03", None)
role(d, "holds the rotating BRICS chairmanship in 2024", "RUS", "BRICS", "chair", "2024", "2024")
role(d, "holds the rotating BRICS chairmanship in 2024", "RUS", "BRICS", "host", "2024-10", "2024-10", label="16th summit")
ev(d, "holds the rotating BRICS chairmanship in 2024", kind="conference", date="2024-10", participants=["RUS", "BRICS"], location="Kazan", host="RUS", label="16th BRICS summit")
pos(d, "Foreign Minister Sameh Shoukry said in a statement on Monday", "Sameh Shoukry", "Foreign Minister", "EGY", t)
pos(d, "President Abdel Fattah El-Sisi has said", "Abdel Fattah El-Sisi", "President", "EGY", t)

# --- h07: Yonhap, South Korea-Cuba (2024-02-14, a Wednesday) ---
d, t = "h07_yonhap_korea_cuba", "2024-02-14"
rel(d, "South Korea has established diplomatic relations with Cuba", "KOR", "CUB", "established", t)
ev(d, "exchanged diplomatic notes in New York", kind="signing", date=t, participants=["KOR", "CUB"], location="New York", label="exchange of diplomatic notes")
stat(d, "193rd country", "KOR", "diplomatic_relations", 193, "exact", t, "count")
ev(d, "told a regular press briefing", kind="briefing", date=t, participants=["Lim Soo-suk"])
rel(d, "established diplomatic relations with Pyongyang in 1960", "CUB", "PRK", "established", "1960")
role(d, "two-year term as a non-permanent member", "KOR", "UNSC", "non_permanent_member", "2024", "2025")
stat(d, "Some 1,100 descendants", "KOR", "other", 1100, "about", t, "persons", label="descendants of Korean immigrants living in Cuba")
pos(d, "told a regular press briefing", "Lim Soo-suk", "foreign ministry spokesperson", "KOR", t)
pos(d, "Foreign Minister Cho Tae-yul has made", "Cho Tae-yul", "Foreign Minister", "KOR", t)

# --- h08: AFP-style, Russia-North Korea (2024-06-19, a Wednesday) ---
d, t = "h08_afp_russia_dprk_treaty", "2024-06-19"
ev(d, "arrived in Pyongyang early Wednesday", kind="visit", date=t, participants=["Vladimir Putin", "PRK"], location="Pyongyang")
ev(d, "arrived in Pyongyang early Wednesday", kind="visit", date="2000", participants=["Vladimir Putin", "PRK"], location="PRK")
ev(d, "arrived in Pyongyang early Wednesday", kind="talks", date=t, participants=["Vladimir Putin", "Kim Jong Un", "RUS", "PRK"], location="Pyongyang")
ev(d, "signed a treaty on Wednesday", kind="signing", date=t, participants=["Vladimir Putin", "Kim Jong Un", "RUS", "PRK"], label="Treaty on Comprehensive Strategic Partnership")
agr(d, "The two leaders signed the Treaty", "Treaty on Comprehensive Strategic Partnership", "treaty", ["PRK", "RUS"], t)
part(d, "The two leaders signed the Treaty", "PRK", "RUS", "comprehensive_strategic", t)
agr(d, "The treaty replaces the 2000 treaty", "treaty on friendship, good-neighbourliness and cooperation", "treaty", ["PRK", "RUS"], "2000")
ev(d, "Kim last travelled to Russia", kind="visit", date="2023-09", participants=["Kim Jong Un", "RUS"], location="Vostochny Cosmodrome")
ev(d, "Kim last travelled to Russia", kind="meeting", date="2023-09", participants=["Kim Jong Un", "Vladimir Putin", "PRK", "RUS"], location="Vostochny Cosmodrome", label="summit")
role(d, "a permanent member of the Security Council", "RUS", "UNSC", "member", label="permanent member")
ev(d, "told reporters in Washington on Tuesday", kind="briefing", date="2024-06-18", participants=["Jens Stoltenberg"], location="Washington")
ev(d, "Putin is due in Vietnam on Thursday", kind="visit", start="2024-06-20", end="2024-06-21", participants=["Vladimir Putin", "VNM"], location="VNM", label="state visit")
pos(d, "signed a treaty on Wednesday", "Vladimir Putin", "President", "RUS", t)
pos(d, "signed a treaty on Wednesday", "Kim Jong Un", "leader", "PRK", t)
pos(d, "told reporters in Washington on Tuesday", "Jens Stoltenberg", "Secretary General", "NATO", t)

# --- h09: TASS, Lavrov-Fidan call (2024-04-23, a Tuesday) ---
d, t = "h09_tass_lavrov_fidan_call", "2024-04-23"
ev(d, "in a phone call on Tuesday", kind="call", date=t, participants=["Sergey Lavrov", "Hakan Fidan", "RUS", "TUR"])
ev(d, "Lavrov and Fidan last met", kind="meeting", date="2024-03", participants=["Sergey Lavrov", "Hakan Fidan"], location="Antalya", label="Antalya Diplomacy Forum")
ev(d, "telephone conversation on March 20", kind="call", date="2024-03-20", participants=["Recep Tayyip Erdogan", "Vladimir Putin", "TUR", "RUS"])
ev(d, "Turkey hosted direct Russian-Ukrainian talks", kind="talks", date="2022-03", participants=["RUS", "UKR"], location="Istanbul", host="TUR")
ev(d, "Kremlin spokesman Dmitry Peskov told reporters", kind="briefing", date="2024-04-22", participants=["Dmitry Peskov"])
rel(d, "Russia and Turkey established diplomatic relations", "RUS", "TUR", "established", "1920-06-03")
pos(d, "in a phone call on Tuesday", "Sergey Lavrov", "Foreign Minister", "RUS", t)
pos(d, "in a phone call on Tuesday", "Hakan Fidan", "Foreign Minister", "TUR", t)
pos(d, "telephone conversation on March 20", "Recep Tayyip Erdogan", "President", "TUR", t)
pos(d, "Kremlin spokesman Dmitry Peskov told reporters", "Dmitry Peskov", "Kremlin spokesman", "RUS", t)
pos(d, "Kremlin spokesman Dmitry Peskov told reporters", "Vladimir Putin", "President", "RUS", t)

# --- h10: G7 Apulia press conference transcript (2024-06-15, a Saturday) ---
d, t = "h10_g7_apulia_meloni_press_conference", "2024-06-15"
ev(d, "The G7 Summit in Apulia has come to an end", kind="conference", date="2024-06", participants=["Giorgia Meloni", "G7", "ITA"], location="Apulia", host="ITA", label="G7 Summit")
ev(d, "Press conference by President Meloni", kind="briefing", date=t, participants=["Giorgia Meloni"], location="Borgo Egnazia", label="closing press conference")
role(d, "Italy's G7 presidency this year", "ITA", "G7", "president", "2024", "2024")
role(d, "Italy's G7 presidency this year", "ITA", "G7", "host", "2024", "2024")
role(d, "Canada takes over the presidency next year", "CAN", "G7", "president", "2025", "2025")
agr(d, "Yesterday we adopted the leaders' communique", "Apulia G7 Leaders' Communique", "joint_statement", ["G7"], None, issued="2024-06-14")
stat(d, "around 50 billion dollars in loans", "G7", "other", 50000000000, "about", t, "USD", label="loans to Ukraine financed by profits of immobilised Russian sovereign assets")
ev(d, "On Thursday, President Zelensky signed", kind="signing", date="2024-06-13", participants=["Volodymyr Zelensky", "Joe Biden", "UKR", "USA"], location="Apulia", label="bilateral security agreement")
ev(d, "On Thursday, President Zelensky signed", kind="signing", date="2024-06-13", participants=["Volodymyr Zelensky", "Fumio Kishida", "UKR", "JPN"], location="Apulia", label="bilateral security agreement")
agr(d, "On Thursday, President Zelensky signed", "bilateral security agreement", "other", ["UKR", "USA"], "2024-06-13")
agr(d, "On Thursday, President Zelensky signed", "bilateral security agreement", "other", ["JPN", "UKR"], "2024-06-13")
ev(d, "Pope Francis became the first pontiff", kind="meeting", date="2024-06-14", participants=["Pope Francis", "G7"], label="G7 session on artificial intelligence")
ev(d, "We also held an outreach session", kind="meeting", date=None, participants=["G7", "Narendra Modi"], label="outreach session")
ev(d, "We also held an outreach session", kind="visit", date="2024-06", participants=["Narendra Modi", "ITA"], location="Apulia")
pos(d, "Press conference by President Meloni", "Giorgia Meloni", "President", "ITA", t)
pos(d, "On Thursday, President Zelensky signed", "Volodymyr Zelensky", "President", "UKR", t)
pos(d, "On Thursday, President Zelensky signed", "Joe Biden", "President", "USA", t)
pos(d, "On Thursday, President Zelensky signed", "Fumio Kishida", "Prime Minister", "JPN", t)
pos(d, "Pope Francis became the first pontiff", "Francis", "Pope", "VAT", t)
pos(d, "We also held an outreach session", "Narendra Modi", "Prime Minister", "IND", t)
pos(d, "I have full confidence in Prime Minister Trudeau", "Justin Trudeau", "Prime Minister", "CAN", t)

# --- h11: AP-style, ECOWAS exit (2024-01-29, a Monday) ---
d, t = "h11_ap_ecowas_sahel_exit", "2024-01-29"
for c in ("NER", "MLI", "BFA"):
    role(d, "were among the founding members", c, "ECOWAS", "member", "1975", "2024-01-28", status="withdrawal announced 2024-01-28 'with immediate effect'")
    role(d, "signed the Liptako-Gourma Charter", c, "AES", "member", "2023-09", None)
stat(d, "were among the founding members", "ECOWAS", "other", 15, "exact", t, "count", label="member states")
ev(d, "said Sunday they were withdrawing", kind="statement", date="2024-01-28", participants=["NER", "MLI", "BFA"], label="joint statement on withdrawal from ECOWAS")
agr(d, "The announcement was made in a joint statement", "joint statement", "joint_statement", ["BFA", "MLI", "NER"], None, issued="2024-01-28")
ev(d, "ECOWAS said Monday", kind="statement", date=t, participants=["ECOWAS"])
agr(d, "signed the Liptako-Gourma Charter", "Liptako-Gourma Charter", "treaty", ["BFA", "MLI", "NER"], "2023-09")
ev(d, "signed the Liptako-Gourma Charter", kind="signing", date="2023-09", participants=["BFA", "MLI", "NER"], label="Liptako-Gourma Charter")
role(d, "who has chaired ECOWAS since July", "NGA", "ECOWAS", "chair", "2023-07", None)
ev(d, "extraordinary summit in Abuja", kind="conference", date="2024-02-24", participants=["ECOWAS"], location="Abuja", label="extraordinary summit")
ev(d, "visited Niamey in December", kind="visit", date="2023-12", participants=["Yunus-Bek Yevkurov", "NER"], location="Niamey")
pos(d, "Mali's transitional president", "Assimi Goita", "transitional president", "MLI", t)
pos(d, "Mali's transitional president", "Ibrahim Traore", "interim president", "BFA", t)
pos(d, "Mali's transitional president", "Abdourahamane Tiani", "junta leader", "NER", t)
pos(d, "who has chaired ECOWAS since July", "Bola Tinubu", "President", "NGA", t)
pos(d, "visited Niamey in December", "Yunus-Bek Yevkurov", "Deputy Defense Minister", "RUS", t)

# --- h12: PTI-style year ender 2023 (2023-12-31) ---
d, t = "h12_pti_india_yearender_2023", "2023-12-31"
role(d, "India held the G20 presidency", "IND", "G20", "president", "2022-12-01", "2023-11-30")
role(d, "India held the G20 presidency", "IND", "G20", "host", "2023", "2023")
stat(d, "India held the G20 presidency", "IND", "other", 200, "over", "2023", "count", label="G20 meetings hosted during the presidency")
stat(d, "India held the G20 presidency", "IND", "other", 60, "about", "2023", "count", label="cities that hosted G20 meetings")
ev(d, "At the leaders' summit in New Delhi", kind="conference", start="2023-09-09", end="2023-09-10", participants=["Narendra Modi", "IND", "G20"], location="New Delhi", host="IND", label="G20 leaders' summit")
role(d, "At the leaders' summit in New Delhi", "AU", "G20", "member", "2023-09", None, label="permanent member")
ev(d, "was the chief guest at the Republic Day", kind="visit", date="2023-01", participants=["Abdel Fattah El-Sisi", "IND"], location="IND", label="Republic Day chief guest")
ev(d, "During Modi's visit to Cairo in June", kind="visit", date="2023-06", participants=["Narendra Modi", "EGY"], location="Cairo")
part(d, "During Modi's visit to Cairo in June", "IND", "EGY", "strategic", "2023-06")
part(d, "India and France marked the 25th anniversary", "IND", "FRA", "strategic", "1998")
ev(d, "India and France marked the 25th anniversary", kind="visit", date="2023-07-14", participants=["Narendra Modi", "FRA"], location="Paris", label="Bastille Day parade")
stat(d, "The Prime Minister undertook 15 visits abroad", "IND", "outgoing_leader_visits", 15, "exact", "2023", "count")
agr(d, "Economic Cooperation and Trade Agreement (ECTA)", "ECTA", "FTA", ["AUS", "IND"], None, long_name="India-Australia Economic Cooperation and Trade Agreement", in_force="2022-12-29")
stat(d, "India has signed 13 free trade agreements", "IND", "free_trade_agreements", 13, "exact", t, "count")
stat(d, "Over 32 million Indians live abroad", "IND", "overseas_population", 32000000, "over", t, "persons")
stat(d, "Over 32 million Indians live abroad", "IND", "remittances_usd_per_year", 125000000000, "about", "2023", "USD")
stat(d, "nearly 6,000 Indian peacekeepers", "IND", "peacekeepers_deployed", 6000, "nearly", t, "persons")
role(d, "nearly 6,000 Indian peacekeepers", "IND", "UN_PKO", "contributor")
ev(d, "In an interview with PTI earlier this month", kind="interview", date="2023-12", participants=["S Jaishankar", "PTI"])
pos(d, "chaired by Prime Minister Narendra Modi", "Narendra Modi", "Prime Minister", "IND", t)
pos(d, "was the chief guest at the Republic Day", "Abdel Fattah El-Sisi", "President", "EGY", t)
pos(d, "In an interview with PTI earlier this month", "S Jaishankar", "External Affairs Minister", "IND", t)

REQUIRED = {
    "statistic": ("subject", "metric", "value"), "partnership": ("a", "b", "level"),
    "diplomatic_relations": ("a", "b"), "role": ("actor", "body", "role"),
    "agreement": ("name", "kind"), "event": ("kind", "participants"), "position": ("person", "title", "org"),
}
for f in FACTS:
    missing = [k for k in ("doc", "type", "evidence") + REQUIRED[f["type"]] if f.get(k) in (None, "", [])]
    assert not missing, (f, missing)

with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
    for f in FACTS:
        fh.write(json.dumps(f, ensure_ascii=False) + "\n")
