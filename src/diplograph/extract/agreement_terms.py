"""What the agreements extractor knows about words, names and whole documents.

Vocabularies that validate a slot (is this noun an agreement? is this verb a way of signing one? does this
modifier make a name domestic?), the short forms of major agreements, the record of one paper in a sentence
(:class:`Paper`), whether a signing is told as done and without its signers (:func:`done`, :func:`agentless`),
and one fact per agreement in a document: two mentions of one paper (a short form and its long name, a bare
"the deal" and the named paper of the same parties) are merged, keeping the copy that says most. A document
titled "Joint Statement ..." is a joint statement of its title's signers (not the topic or the place after "on"
/ "in": "... on Iran", "... in Kuala Lumpur, Malaysia"). Whether a line is a heading (:func:`is_heading`) and
which short forms the text gives to names that are no agreement (:func:`other_acronyms`) are read once here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diplograph import resolve
from diplograph.extract.actors import actor_ids
from diplograph.extract.base import is_country_id, make_fact
from diplograph.extract.frames import Frame, Parse
from diplograph.model import AnalyzedDocument, Fact

EXTRACTOR = "agreements.v2"

# Head words of an agreement, and the kind each gives by itself.
HEADS: dict[str, str] = {
    "agreement": "other", "accord": "other", "deal": "other", "pact": "other", "compact": "other",
    "treaty": "treaty", "convention": "treaty", "protocol": "treaty", "charter": "treaty",
    "memorandum": "MoU", "mou": "MoU", "statement": "joint_statement", "declaration": "joint_statement",
    "communique": "joint_statement", "framework": "framework", "roadmap": "framework", "plan": "framework",
    "document": "framework", "exchange": "other", "fta": "FTA", "letter": "other", "ceasefire": "other",
    "truce": "other", "armistice": "other",
}
# Heads of papers that end fighting: a fact only when the sides are said to have agreed to one.
TRUCES = frozenset({"ceasefire", "truce", "armistice"})
PLURALS = {"memoranda": "memorandum", "treaties": "treaty", "communiqués": "communique", "communiqué": "communique",
            "road-map": "roadmap"}
# Major agreements known by their short form: acronym -> (long name, kind).
ACRONYMS: dict[str, tuple[str, str]] = {
    "CPTPP": ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "FTA"),
    "TPP": ("Trans-Pacific Partnership", "FTA"), "RCEP": ("Regional Comprehensive Economic Partnership", "FTA"),
    "EVFTA": ("European Union-Vietnam Free Trade Agreement", "FTA"),
    "EVIPA": ("European Union-Vietnam Investment Protection Agreement", "other"),
    "UKVFTA": ("United Kingdom-Vietnam Free Trade Agreement", "FTA"),
    "USMCA": ("United States-Mexico-Canada Agreement", "FTA"),
    "NAFTA": ("North American Free Trade Agreement", "FTA"), "AfCFTA": ("African Continental Free Trade Area", "FTA"),
    "KORUS": ("United States-Korea Free Trade Agreement", "FTA"),
    "CETA": ("Comprehensive Economic and Trade Agreement", "FTA"),
    "ECFA": ("Economic Cooperation Framework Agreement", "FTA"),
    "AANZFTA": ("ASEAN-Australia-New Zealand Free Trade Area", "FTA"),
    "ACFTA": ("ASEAN-China Free Trade Area", "FTA"), "AIFTA": ("ASEAN-India Free Trade Area", "FTA"),
    "AKFTA": ("ASEAN-Korea Free Trade Area", "FTA"), "ATIGA": ("ASEAN Trade in Goods Agreement", "FTA"),
    "SAFTA": ("South Asian Free Trade Area", "FTA"),
    "CAFTA-DR": ("Dominican Republic-Central America Free Trade Agreement", "FTA"),
    "TTIP": ("Transatlantic Trade and Investment Partnership", "FTA"),
    "GATT": ("General Agreement on Tariffs and Trade", "treaty"),
    "TRIPS": ("Agreement on Trade-Related Aspects of Intellectual Property Rights", "treaty"),
    "JCPOA": ("Joint Comprehensive Plan of Action", "other"),
    "NPT": ("Treaty on the Non-Proliferation of Nuclear Weapons", "treaty"),
    "CTBT": ("Comprehensive Nuclear-Test-Ban Treaty", "treaty"),
    "TPNW": ("Treaty on the Prohibition of Nuclear Weapons", "treaty"),
    "INF": ("Intermediate-Range Nuclear Forces Treaty", "treaty"), "CWC": ("Chemical Weapons Convention", "treaty"),
    "BWC": ("Biological Weapons Convention", "treaty"),
    "UNCLOS": ("United Nations Convention on the Law of the Sea", "treaty"),
    "TAC": ("Treaty of Amity and Cooperation in Southeast Asia", "treaty"),
    "AUKUS": ("Australia-United Kingdom-United States security pact", "other"),
    "IPEF": ("Indo-Pacific Economic Framework", "framework"),
}
LONG_TO_ACRONYM = {resolve.norm_key(long): acr for acr, (long, _) in ACRONYMS.items()}
# Short forms that only say what kind of paper it is.
TRADE_SUFFIXES = ("FTA", "EPA", "PTA", "CECA", "ECTA")
KIND_SHORT = {"FTA": "FTA", "FTAS": "FTA", "MOU": "MoU", "MOUS": "MoU"}

# Verbs through which an agreement gets its parties: they sign, conclude, reach, adopt or work on it.
SIGN_VERBS = frozenset({
    "sign", "ink", "conclude", "reach", "seal", "strike", "adopt", "issue", "finalize", "finalise", "agree",
    "initial", "exchange", "ratify", "negotiate", "renew", "extend", "release", "enter", "forge", "clinch",
    "announce", "approve", "endorse", "unveil", "launch", "hammer", "broker", "secure", "complete", "implement",
    "upgrade", "draft", "discuss", "pursue", "close", "work", "activate", "reactivate", "revive",
})
# The verbs of signing itself: "the treaty signed in 2000", "the deal they reached".
SIGNING = frozenset({"sign", "ink", "conclude", "reach", "seal", "strike", "adopt", "issue", "agree", "initial",
                     "exchange", "ratify", "negotiate", "finalize", "finalise", "broker", "clinch"})
# Signing verbs and nouns that, told without a signer ("a package of documents was signed", "a truce agreed on
# Wednesday", "the signing of the MoU"), still say the sides the text is about made the paper.
AGENTLESS = frozenset({"sign", "ink", "conclude", "seal", "agree", "initial", "exchange", "signing", "signature",
                       "handover", "hand-over"})
# Nouns that stand for signing it ("with the signing of the treaty").
SIGN_NOUNS = frozenset({"signing", "signature", "conclusion", "adoption", "ratification", "exchange", "handover",
                        "hand-over"})
# Nouns of working on a paper already made: they tell its parties ("reviewed the implementation of"), not its date.
WORK_NOUNS = frozenset({"implementation", "review", "enforcement", "negotiation"})
# Verbs of founding a body or a state of affairs "under" a treaty: their agents are its parties.
FOUNDING = frozenset({"found", "establish", "create", "form", "set", "launch"})
# Subjects that stand for a set of papers named just before ("They included ...", "The documents include ...").
SET_PRONOUNS = frozenset({"they", "these", "those", "them"})
# Heads of a paper's name that rarely bind only two states: a sentence's "two countries" are not its parties.
MULTILATERAL = frozenset({"convention", "charter", "framework", "protocol"})
# Heads of an agent phrase that stand for their countries ("Cameroon and Chad officials", "the two leaders").
ACTOR_NOUNS = frozenset({
    "leader", "president", "minister", "official", "side", "party", "country", "nation", "government", "delegation",
    "head", "representative", "counterpart", "diplomat", "envoy", "negotiator", "state", "neighbour", "neighbor",
    "capital", "administration", "authority", "junta", "chief", "premier", "ambassador", "foreign",
    "ministry", "committee", "council", "agency", "department", "commission", "city", "province",
    "municipality", "prefecture", "association", "union", "pm",
})
# Modifiers that make a capitalised name domestic or commercial, not an agreement between states.
DOMESTIC = frozenset({"bipartisan", "national", "federal", "presidential", "executive", "emergency", "venture",
                       "purchase", "sale", "sales", "licence", "license", "lease", "supply", "offtake", "employment",
                       "green", "independence", "disaster", "republican", "labor", "labour", "donation",
                       "bargaining", "tribal"})
# Modifiers of a lower-case paper that make it a contract at home ("a project labor agreement", "collective
# bargaining agreements"), not one between states.
CONTRACT = frozenset({"labor", "labour", "bargaining", "donation", "employment", "lease", "licence", "license",
                      "purchase", "offtake", "settlement", "plea", "prenuptial", "franchise"})
# Adjectives of "agreement" in its sense of consensus ("the fundamental agreement between our nations on all
# the major issues", "broad agreement that ...").
CONSENSUS = frozenset({"fundamental", "broad", "general", "complete", "total", "wide", "widespread", "basic",
                       "unanimous", "overwhelming", "universal", "near", "deep", "consensus"})
# Words that only point back to papers told elsewhere ("these agreements", "relevant agreements"): such a
# lower-case plural names no paper.
REFERRING = frozenset({"these", "those", "such", "relevant", "existing", "other", "previous", "prior", "various",
                       "respective", "applicable", "above", "aforementioned", "said", "all", "any", "both"})
# Words of a name that place a plan, framework or roadmap between states or regions ("Indo-Pacific Economic
# Framework", "Common Framework for Debt Treatments"); a topic ("climate", "security") does not.
SHARED_SCOPE = frozenset({"global", "international", "regional", "world", "pacific", "atlantic", "indo-pacific",
                          "arctic", "transatlantic", "inter-american", "bilateral", "multilateral", "joint",
                          "common", "accords", "treaty", "agreement", "partnership"})
# Heads that also name domestic plans: without parties they need a word saying they are international.
LOOSE = frozenset({"framework", "deal", "compact", "plan", "roadmap", "document"})
INTERNATIONAL = frozenset({
    "global", "international", "regional", "world", "economic", "trade", "investment", "pacific", "atlantic",
    "indo-pacific", "arctic", "climate", "security", "peace", "nuclear", "tax", "migration", "bilateral",
    "multilateral", "strategic", "defense", "defence", "maritime", "energy", "transatlantic", "democratic",
    "inter-american", "joint", "accords", "treaty", "agreement",
})
# Words of a name that say only what kind of paper it is: such a name needs parties.
GENERIC = frozenset({"joint", "framework", "agreement", "statement", "memorandum", "of", "understanding", "mou",
                      "treaty", "declaration", "communique", "accord", "protocol", "trade", "cooperation", "bilateral",
                      "the", "new", "a", "an", "deal", "pact", "document", "exchange", "notes", "political",
                      "letter", "intent", "ceasefire", "truce", "armistice", "negotiation", "negotiations"})
# Adjectives that praise a paper without telling which one it is.
EVALUATIVE = frozenset({"historic", "landmark", "pivotal", "major", "transformative", "important", "key", "proposed",
                         "planned", "final", "new", "possible", "potential", "secured", "signed", "specific", "great",
                         "big", "beautiful", "significant", "recent", "first", "breakthrough", "groundbreaking",
                         "unprecedented", "good", "best", "strong", "great", "huge", "tremendous", "incredible",
                         "ambitious", "critical"})
CONNECTORS = frozenset({"of", "on", "for", "and", "the", "to", "an", "a", "&"})
# Nouns that count or group papers: "a series of agreements", "a package of deals".
SETS = frozenset({"series", "number", "raft", "host", "slew", "set", "package", "couple", "dozen", "range", "batch"})
LEFT_STOP = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
                        "under", "in", "on", "by", "with", "today", "readout", "remarks", "fact", "sheet", "signed",
                        "landmark", "historic", "proposed", "new", "key", "both"})
NEGATING = frozenset({"no", "never", "without", "not"})
TREATY_PLACES = frozenset({"paris", "kyoto", "marrakesh", "minsk", "dayton", "oslo", "abraham", "camp", "schengen",
                            "good", "helsinki", "algiers", "pelindaba", "rarotonga", "bangkok", "tlatelolco"})


def head_word(text: str) -> str | None:
    """The agreement head a word is ("Accords" -> accord, "MoUs" -> mou, "memoranda" -> memorandum), else None."""
    low = text.lower().strip("'’\"“”")
    low = PLURALS.get(low, low).replace("é", "e")
    if low in HEADS:
        return low
    if low.endswith("s") and low[:-1] in HEADS:
        return low[:-1]
    return None


def is_cap(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def is_actor_noun(lemma: str) -> bool:
    return lemma in ACTOR_NOUNS or lemma.endswith("s") and lemma[:-1] in ACTOR_NOUNS


def singular(word: str) -> str:
    single = {"memoranda": "memorandum", "treaties": "treaty", "memorandums": "memorandum"}.get(word.lower())
    if single:
        return single.capitalize() if word[0].isupper() else single
    return word[:-1] if word.endswith("s") and not word.lower().endswith("ss") else word


def _name_key(name: str) -> str:
    words = [singular(w) if head_word(w) else w for w in resolve.fold(name).casefold().replace("-", " ").split()]
    key = " ".join(words)
    return LONG_TO_ACRONYM.get(resolve.norm_key(name), key).casefold()


def _content(name: str) -> set[str]:
    """The words of a name that tell which paper it is (not its kind, praise or connectors)."""
    words = {w.strip(",.'’\"“”()").lower() for w in name.split()}
    return {w for w in words if w and w not in GENERIC | EVALUATIVE | CONNECTORS and not head_word(w)}


def _generic_name(name: str) -> bool:
    return not _content(name)


def _same(a: Fact, b: Fact) -> bool:
    """Two facts of one document that state the same agreement."""
    pa, pb = frozenset(a.get("parties") or ()), frozenset(b.get("parties") or ())
    keys_a = {_name_key(str(a.get(f) or "")) for f in ("name", "long_name")} - {""}
    keys_b = {_name_key(str(b.get(f) or "")) for f in ("name", "long_name")} - {""}
    if keys_a & keys_b and (pa == pb or not pa or not pb):
        return True
    if not pa or pa != pb or a.get("kind") != b.get("kind"):
        return False
    ca, cb = _content(str(a.get("name"))), _content(str(b.get("name")))
    return not ca or not cb or len(ca & cb) / len(ca | cb) >= 0.5


def _rank(fact: Fact) -> tuple[bool, bool, bool, bool]:
    return (bool(fact.get("parties")), not _generic_name(str(fact.get("name"))), bool(fact.get("long_name")),
            bool(fact.get("signed")))


def dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per agreement in a document: a bare or praised "the deal" joins the paper of the same parties
    and kind, a short form its long name; the copy with parties, a telling name and a date is kept."""
    kept: list[Fact] = []
    for fact in sorted(facts, key=lambda f: not _rank(f)[1]):  # named papers first: a bare "deal" joins one
        same = next((i for i, old in enumerate(kept) if _same(old, fact)), None)
        if same is None:
            kept.append(fact)
        elif _rank(fact) > _rank(kept[same]):
            kept[same] = fact
    return kept


def text_of(parse: Parse, indices: Iterable[int]) -> str:
    """The words at ``indices`` as the sentence writes them (its own spacing between neighbours)."""
    out, prev, base = "", None, parse.sentence.start
    for i in indices:
        t = parse.tokens[i]
        if prev is not None:
            out += parse.sentence.text[prev.end - base:t.start - base] if i == prev.i + 1 else " "
        out += t.text
        prev = t
    return out


def title_index(doc: AnalyzedDocument) -> int | None:
    """The index of the sentence that is the document's headline, if any (its capitals are not names)."""
    title = " ".join((doc.document.title or "").split())
    return next((s.index for s in doc.sentences[:4]
                 if title and title.startswith(s.text[:30]) and abs(len(title) - len(s.text)) < 10), None)


# Small words a heading leaves in lower case ("Put in Place Orderly Processes and Protocols at the Border").
_HEADING_SMALL = frozenset({"of", "on", "for", "and", "the", "to", "an", "a", "in", "at", "with", "by", "from", "or",
                            "as", "into", "via", "vs"})


def is_heading(parse: Parse, title: str | None) -> bool:
    """A headline or section heading, whose capitals are no names: the document's title or a piece of it, a
    line in capitals, or a line whose every word but the small ones is capitalised ("Amends X Declaration")."""
    text = " ".join(parse.sentence.text.split())
    if title and parse.sentence.index < 4 and len(text) > 8 and text in " ".join(title.split()):
        return True
    words = [t.text for t in parse.tokens if t.text.isalpha() and len(t.text) > 1]
    if len(words) > 2 and sum(w.isupper() for w in words) > 0.6 * len(words):
        return True
    content = [w for w in words if w.lower() not in _HEADING_SMALL]
    return len(content) >= 2 and all(is_cap(w) for w in content) and not text.endswith((".", "?", "!"))


def other_acronyms(doc: AnalyzedDocument) -> frozenset[str]:
    """Short forms the text gives to names that are no agreement: "the International Emergency Economic Powers
    Act (IEEPA)", "the Environmental Protection Agency (EPA)", "the National Environmental Policy Act, NEPA,"."""
    out: set[str] = set()
    for sentence in doc.sentences:
        tokens = sentence.tokens
        for i in range(2, len(tokens)):
            short, mark, before = tokens[i].text, tokens[i - 1].text, tokens[i - 2].text
            if (mark in ("(", ",") and sum(c.isupper() for c in short) >= 2 and short.isalpha()
                    and before[:1].isupper() and before.isalpha() and head_word(before) is None
                    and before not in ("Area", "Partnership", "Zone")):  # "... Free Trade Area (AfCFTA)"
                out.add(short)
    return frozenset(out)


def title_statement(doc: AnalyzedDocument) -> Fact | None:
    """A document titled "Joint Statement by X and Y ..." is a joint statement of its title's countries."""
    index = title_index(doc)
    if index is None:
        return None
    sentence = doc.sentences[index]
    words = [t.text.lower() for t in sentence.tokens[:6]]
    if "joint" not in words or not any(head_word(w) in ("statement", "declaration", "communique")
                                       for w in words[words.index("joint") + 1:words.index("joint") + 3]):
        return None
    # the signers, not the topic or the place: "... by A and B on Iran", "... in Kuala Lumpur, Malaysia"
    tokens = sentence.tokens
    first = {t.start: n for n, t in enumerate(tokens)}
    signers = []
    for m in sentence.mentions:
        n = first.get(m.start)
        if n is None:
            continue
        j = n - 1
        while j >= 0 and n - j < 6 and (is_cap(tokens[j].text) or tokens[j].text in (",", "the")):
            j -= 1  # back over a place before the country: "in Kuala Lumpur, Malaysia"
        after = next((t.text for t in tokens if t.start >= m.end), "")
        if j >= 0 and tokens[j].text.lower() in ("on", "in", "at", "regarding", "concerning") and \
                after not in ("-", "–"):
            continue  # (but "on United States-Vietnam Framework ...": a pair named in the topic)
        if m.text == "Ireland" and n > 0 and tokens[n - 1].text == "Northern":
            continue  # "the United Kingdom of Great Britain and Northern Ireland" is one country
        signers.append(m)
    ids = [i for i in actor_ids(doc, signers, bodies=False) if is_country_id(i)]
    if len(ids) < 2:
        return None
    return make_fact(doc, sentence, "agreement", EXTRACTOR, confidence=0.8, name=" ".join(doc.document.title.split()),
                     kind="joint_statement", parties=sorted(ids), signed=None, issued=doc.published)


@dataclass
class Paper:
    """One agreement named in a sentence."""

    head: int  # token index of the head word
    start: int  # token span of the name (capitalised) or of the descriptive phrase
    end: int
    name: str
    kind: str
    named: bool  # a capitalised name or short form: a fact even without parties
    long_name: str | None = None
    year: str | None = None  # a year written in front of the name ("the 1995 Dayton Accords")
    plural: bool = False
    count: bool = False  # "eight pacts", "a series of agreements"


def done(parse: Parse, frame: Frame) -> bool:
    """A signing told as done: no infinitive, gerund, progressive or subordinate "until"/"if" clause."""
    if not frame.asserted:
        return False
    if frame.pos == "NOUN":
        return True
    v = frame.trigger
    auxes = {parse.lemma(a) for a in parse.kids(v, "aux", "auxpass")} | {
        parse.tokens[a].text.lower() for a in parse.kids(v, "aux", "auxpass")}
    return parse.tokens[v].tag in ("VBD", "VBN", "VBZ", "VBP") and not auxes & {"to", "being"} and not \
        parse.kids(v, "mark")


def agentless(parse: Parse, frame: Frame, kind: str = "other") -> bool:
    """A signing told without its signers: a passive, a participle or a noun ("was signed", "a truce agreed
    on Monday", "the signing of", "a joint statement was adopted"), not an active verb whose subject the parse
    lost."""
    verbs = AGENTLESS | {"adopt", "issue", "release"} if kind == "joint_statement" else AGENTLESS
    if frame.agents or frame.lemma not in verbs or not done(parse, frame):
        return False
    v = frame.trigger
    if parse.dep(v) == "acl" and head_word(parse.tokens[parse.head(v)].text) is None and not \
            parse.tokens[parse.head(v)].tag.startswith("NNP"):
        return False  # "130 nations signed on to a framework" read as a participle: the noun is who signed
    return frame.pos == "NOUN" or parse.tokens[frame.trigger].tag == "VBN" and (
        frame.passive or parse.dep(frame.trigger) == "acl")
