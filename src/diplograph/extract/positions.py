"""The ``position`` fact: a person holds an office (title, org) at a time.

Office holders are read from the noun phrase, through the parse: a person
mention and a title phrase whose head is an office noun (minister, secretary,
ambassador, spokesman, adviser, director, senator, judge, king, member of a
committee ...) joined in any of the arrangements outlets use:

- the title before the name, in the same noun phrase ("Turkey's presidential
  spokesman Ann Roe", "U.S. Commerce Secretary Ann Roe", "then-President Roe");
- an apposition either way ("Ann Roe, director of the Example Council, said";
  "Exland's former prime minister, Ann Roe,"), with coordinated names sharing
  it ("three senators — A, B and C");
- a copula or "as" ("Roe, who is the bank's president", "served as envoy");
- a transcript speaker label ("PRESIDENT ROE:"), from the nlp stage.

The org comes from the title phrase itself: a complement ("of the Example
Council", "for Britain's opposition party"), a possessive ("Exland's", "the
president's"), a demonym or country ("Turkish", "U.S."), a body in it ("ECOWAS
Commission President"); an envoy's body is where they serve, not whom they serve
("U.S. deputy U.N. ambassador" -> USA). A title with no org in its phrase takes
the org its coordinated neighbours have, then the group it belongs to ("the
Ukrainian delegation includes ..."), then what the nlp stage or the office-holder
gazetteer knows of the person, then the document's main country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from diplograph import officeholders, resolve
from diplograph.extract.actors import countries_of, person_org
from diplograph.extract.base import document_focus, make_fact
from diplograph.extract.frames import DocParses, Parse
from diplograph.model import AnalyzedDocument, Fact, Mention, Sentence

EXTRACTOR = "positions"

# Head nouns of office titles (lower case). A title phrase must have one as its head.
OFFICES = frozenset({
    "president", "vice-president", "president-elect", "minister", "premier", "chancellor", "secretary",
    "secretary-general", "undersecretary", "under-secretary", "ambassador", "envoy", "emissary", "consul",
    "consul-general", "attache", "attaché", "chargé", "charge", "representative", "commissioner",
    "high-commissioner", "spokesperson", "spokesman", "spokeswoman", "adviser", "advisor", "counsellor",
    "counselor", "director", "director-general", "chief", "head", "chairman", "chairwoman", "chairperson", "chair",
    "co-chair", "vice-chairman", "vice-chairwoman", "speaker", "senator", "congressman", "congresswoman",
    "lawmaker", "legislator", "governor", "mayor", "judge", "justice", "prosecutor", "king", "queen", "emir",
    "amir", "sultan", "prince", "princess", "emperor", "monarch", "pope", "leader", "commander",
    "coordinator", "administrator", "negotiator", "rapporteur", "ombudsman", "deputy", "member", "officer",
    "general", "counterpart", "diplomat", "czar", "tsar", "mufti", "patriarch", "cardinal", "rector",
    "treasurer", "delegate", "ruler", "dictator", "strongman", "presidency", "assistant", "aide",
})
# Heads that are an office only with a qualifier ("member of the Politburo", "Attorney General",
# "chief of staff", "top diplomat", "Deputy Ruto"): never alone.
_NEEDS_QUALIFIER = frozenset({"member", "general", "officer", "head", "chief", "deputy", "diplomat",
                              "delegate", "representative", "leader", "presidency", "justice", "assistant",
                              "aide"})
# Envoys serve *at* a body or country: "U.N. ambassador" is where, the demonym is whose.
ENVOYS = frozenset({"ambassador", "envoy", "emissary", "consul", "consul-general", "attache", "attaché",
                    "chargé", "charge", "representative", "high-commissioner", "delegate"})
# Offices of an international organisation's secretariat: no country is their org.
_IGO_OFFICES = ("secretary-general", "secretary general", "director-general", "director general",
                "under-secretary-general", "under-secretary general", "high commissioner", "special rapporteur")
PAST = frozenset({"former", "late", "then", "ex", "erstwhile"})
_DROP_LEFT = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "your", "my", ",", "'s", "’s", "to",
                        "and", "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "h.e.", "sir", "dame", "—", "-",
                        "–", "(", ")", ":"})
# Words of praise written before a title: never part of the office ("a terrific ambassador").
PRAISE = frozenset({"great", "terrific", "wonderful", "good", "dear", "beloved", "distinguished", "esteemed",
                    "outstanding", "incredible", "fantastic", "amazing", "brilliant", "excellent", "fine",
                    "extraordinary", "remarkable", "tremendous", "able", "dedicated", "respected", "fellow",
                    "friend", "longtime", "long-time", "beautiful", "strong", "courageous", "brave", "new"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "h.e", "his excellency", "madam", "shri", "smt",
                         "prof", "sheikh", "excellency", "hon"})
_COPULAS = frozenset({"be", "become", "remain", "serve", "act", "work"})
_APPOINT = frozenset({"appoint", "name", "elect", "nominate", "designate", "confirm", "swear", "install",
                      "reappoint", "re-elect"})


@dataclass(frozen=True)
class Holding:
    """One reading of "person P holds title T in org O", from one sentence."""

    person: str
    title: str
    org: str | None
    sentence: Sentence
    explicit: bool  # the org is stated in the title phrase (not inferred)
    past: bool = False


def is_office(word: str) -> bool:
    return word.lower().strip(".") in OFFICES


def _lemma(parse: Parse, k: int) -> str:
    """The office word of a token: its lemma when that is an office ("members" -> member), else its text."""
    t = parse.tokens[k]
    lemma = t.lemma.lower()
    return lemma if lemma in OFFICES else t.text.lower().rstrip(".")


def _title_head(parse: Parse, toks: list[int], left: bool) -> int | None:
    """The office noun heading a title phrase: in a title written before a name (``left``), the last
    word before its first preposition ("Assistant to the President ...", "Prime Minister of Japan");
    otherwise the phrase's syntactic head."""
    if left:
        preps = [k for k in toks if parse.tokens[k].text.lower() in ("of", "for", "to", "at")]
        for k in sorted((k for k in toks if not preps or k < preps[0]), reverse=True):
            if parse.tokens[k].text not in ("'s", "’s", "(", ")", "-"):
                return k if is_office(_lemma(parse, k)) else None
        return None

    # the syntactic head
    inside = set(toks)
    for k in toks:
        if (parse.head(k) not in inside or parse.head(k) == k) and is_office(_lemma(parse, k)) and \
                parse.tokens[k].pos in ("NOUN", "PROPN", "ADJ", "X"):
            return k
    return None


def _qualified(parse: Parse, toks: list[int], head: int) -> bool:
    """A head that needs a qualifier has one ("member of the Politburo", "chief of staff", "Attorney General")."""
    word = _lemma(parse, head)
    if word not in _NEEDS_QUALIFIER:
        return True
    if word == "deputy":
        return any(is_office(_lemma(parse, k)) for k in toks if k != head)
    others = [k for k in toks if k != head and parse.tokens[k].text.lower() not in _DROP_LEFT]
    return bool(others)


def _clean(parse: Parse, toks: list[int], names: set[int]) -> list[int]:
    """The title phrase's tokens: no name, no leading determiner/possessive owner, no trailing punctuation."""
    toks = sorted(k for k in toks if k not in names)
    while toks and (parse.tokens[toks[0]].text.lower() in _DROP_LEFT or parse.tokens[toks[0]].text.lower() in PRAISE
                    and not parse.mentions_at[toks[0]]):
        toks = toks[1:]
    while toks and (parse.tokens[toks[-1]].text.lower() in _DROP_LEFT or parse.tokens[toks[-1]].pos == "PUNCT"):
        toks = toks[:-1]
    return toks


def _text(parse: Parse, toks: list[int]) -> str:
    """The title as written, without a leading owner ("Turkey's", "Kenyan", "U.S.")."""
    if not toks:
        return ""
    s = parse.sentence
    start = toks[0]
    poss = [k for k in toks if parse.tokens[k].text in ("'s", "’s") and k < toks[-1]]
    if poss and any(is_office(_lemma(parse, k)) for k in toks if k > poss[-1]):
        start = poss[-1] + 1  # "Malaysia's former prime minister", "the President's special envoy"
    for k in [t for t in toks if t >= start]:
        m = parse.entity_at(k, ("country", "body", "person", "place"))
        nxt = k + 1
        if m is not None and nxt <= toks[-1] and (
                parse.tokens[nxt].text in ("'s", "’s") or parse.tokens[k].pos in ("PROPN", "ADJ", "NOUN")):
            if k == start and m.kind in ("country", "person", "place") or (
                    k == start and parse.tokens[nxt].text in ("'s", "’s")):
                start = nxt + 1 if parse.tokens[nxt].text in ("'s", "’s") else nxt
                continue
        break
    start = min(start, toks[-1])
    text = s.local(parse.tokens[start].start, parse.tokens[toks[-1]].end)
    if text.count("(") > text.count(")"):
        text += ")"  # "Chairwoman of the Union of Friendship Organisations (VUFO"
    return text.strip(" ,") if not text.isupper() else text.title().strip(" ,")


def _org(doc: AnalyzedDocument, parse: Parse, toks: list[int], head: int) -> str | None:
    """The org a title phrase names: complement, possessive, demonym/country, body; envoys' bodies are targets."""
    envoy = _lemma(parse, head) in ENVOYS
    complement: list[Mention] = []
    target: list[Mention] = []
    modifier: list[Mention] = []
    seen: set[Mention] = set()
    inside = set(toks)
    for k in toks:
        m = parse.entity_at(k, ("country", "body", "person", "place", "title"))
        if m is None or m in seen or m.kind == "title":
            continue
        seen.add(m)
        # the preposition this mention hangs from, inside the phrase
        prep = None
        for a in [k, *parse.ancestors(k)]:
            if a not in inside:
                break
            if parse.dep(a) in ("prep", "agent") or parse.tokens[a].pos == "ADP":
                prep = parse.lemma(a)
                break
            if a == head:
                break
        if prep in ("to", "on", "in") and envoy or prep in ("to",):
            target.append(m)
        elif prep == "in" and (m.kind == "place" or (m.attrs or {}).get("how") == "capital"):
            continue  # "named chair at a summit in Lome": where it happened, not whose office
        elif prep in ("of", "for", "at", "from", "with", "in"):
            complement.append(m)
        else:
            modifier.append(m)

    def ids(ms: list[Mention], bodies: bool) -> list[str]:
        out: list[str] = []
        for m in ms:
            if m.kind == "body" and bodies and m.id:
                out.append(str(m.id))
            elif m.kind == "person":
                org = person_org(doc, m)
                if org:
                    out.append(org)
            else:
                out.extend(countries_of(doc, m, people=False))
        return out

    if envoy:
        countries = ids(modifier + complement, bodies=False)
        if countries:
            return countries[0]
        bodies = ids([m for m in modifier + complement if m.kind == "body"], bodies=True)
        return bodies[0] if bodies else None
    for group in (complement, modifier):
        bodies = ids([m for m in group if m.kind == "body"], bodies=True)
        if bodies:
            return bodies[-1] if group is complement else bodies[0]
        others = ids([m for m in group if m.kind != "body"], bodies=False)
        if others:
            return others[0]
    # "Diplomatic Adviser to the Italian Prime Minister": staff serve their principal's country
    served = ids([m for m in target if m.kind != "body"], bodies=False)
    return served[0] if served else None


def _other_person(parse: Parse, toks: list[int], names: set[int]) -> bool:
    """The phrase names another person, not as an owner ("the President's envoy"): it is a list of
    people, not one person's title."""
    for k in toks:
        m = parse.entity_at(k, ("person",))
        if m is None or k in names:
            continue
        end = max(parse.token_range(m.start, m.end))
        if end + 1 < len(parse.tokens) and parse.tokens[end + 1].text in ("'s", "’s"):
            continue
        return True
    return False


def _private_org(parse: Parse, toks: list[int], head: int) -> bool:
    """The title's complement names an organisation our registries do not know (a think tank, a firm,
    a hospital) and no country or body: the office is not a state's or an international body's."""
    inside = set(toks)
    comp = [k for p in parse.kids(head, "prep") if parse.lemma(p) in ("of", "at", "with", "for")
            for k in parse.subtree(p) if k in inside]
    kinds = {m.kind for k in comp for m in parse.mentions_at[k]}
    labels = {m.label for k in comp for m in parse.mentions_at[k] if m.kind == "other"}
    firms = {parse.lemma(k) for k in comp} & _PRIVATE_NOUNS  # "a member of the law firm X"
    if not firms and _lemma(parse, head) in ("minister", "secretary") and any(
            parse.lemma(p) in ("for", "of") for p in parse.kids(head, "prep")):
        return False  # "Minister for Culture and Youth": a portfolio, not a firm
    return bool(labels & {"ORG", "FAC"} or firms) and not kinds & {"country", "body"}


# Common nouns of organisations that are no state's and no international body's.
_PRIVATE_NOUNS = frozenset({"firm", "company", "corporation", "university", "college", "school", "hospital",
                            "foundation", "institute", "bank", "startup", "nonprofit", "charity", "newspaper",
                            "magazine", "network", "church", "museum", "studio", "club", "think-tank"})


def _names(parse: Parse, m: Mention) -> set[int]:
    return set(parse.token_range(m.start, m.end))


def _title_word(parse: Parse, k: int, names: set[int]) -> bool:
    """Whether token ``k`` can belong to a title written before a name: office and modifier words,
    org names, possessives, "of"; not another person, a verb, "and", "by" or a comma."""
    t = parse.tokens[k]
    low = t.text.lower()
    other = parse.entity_at(k, ("person",))
    if other is not None and k not in names:
        return False
    if low in ("-", "–", "—") and 0 < k < len(parse.tokens) - 1 and parse.tokens[k - 1].end < t.start \
            and t.end < parse.tokens[k + 1].start:
        return False  # "(AGENCY) - Vice Chairwoman X": a spaced dash ends a dateline, it joins no title
    if low in ("'s", "’s", "-", "of", "for", "to", "the", "then", "&", "cum", "(", ")") or is_office(low):
        return True
    if low in ("and", ",") and k > 0 and (is_office(_lemma(parse, k - 1)) or low == "and" and k + 1 < len(parse.tokens)
                                         and parse.tokens[k - 1].pos == "PROPN" and parse.tokens[k + 1].pos == "PROPN"
                                         and parse.entity_at(k - 1, ("person",)) is None):
        return True  # chained offices: "General Secretary and President X", "Politburo member, Secretary of ..."
    if t.pos == "PRON" and t.dep == "poss" and low in ("its", "his", "her", "their"):
        return True  # "head of its Commission for External Relations X"
    if t.pos in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON", "NUM") or t.pos == "PUNCT":
        return False
    if t.pos == "ADP" or not parse.mentions_at[k] and (low in PRAISE or t.tag == "VBG" or low.endswith("ing")):
        return False  # "our great vice president", "Congratulating President X": no part of the office
    return t.pos in ("NOUN", "PROPN", "ADJ", "X", "DET") and t.dep in (
        "compound", "amod", "poss", "nmod", "det", "case", "pobj", "prep", "npadvmod", "punct", "appos", "nsubj",
        "conj")


def _title_phrase(parse: Parse, k: int) -> list[int]:
    """A title phrase headed by ``k``: its modifiers and complements, not a description added to it
    ("a judge with the strongest credentials", "chief of the army staff, not a commander")."""
    stop = frozenset({"relcl", "acl", "advcl", "conj", "cc", "appos", "punct"})
    out = [k]
    for c in parse.children[k]:
        if parse.dep(c) in stop or parse.dep(c) == "prep" and parse.lemma(c) in ("with", "like", "than", "without"):
            continue
        out.extend(parse.subtree(c))
    return sorted(out)


def _phrases(parse: Parse, m: Mention) -> Iterable[tuple[bool, list[int]]]:
    """(written before the name?, token list) of the title phrases attached to person mention ``m``."""
    h = parse.mention_head(m)
    if h is None:
        return
    names = _names(parse, m)
    first = min(names)
    # 1. the title before the name, in its noun phrase ("Turkey's presidential spokesman X"), and an
    #    org after it ("Prime Minister X of Japan")
    run: list[int] = []
    k = first - 1
    if k >= 0 and parse.tokens[k].pos == "ADP":
        k = -1  # "president of X": X is the office's org, not its holder
    while k >= 0 and _title_word(parse, k, names):
        run.append(k)
        if parse.tokens[k].pos == "DET" and not (k > 0 and parse.tokens[k - 1].text.lower() in ("of", "for", "to")):
            break  # "the Egyptian President X": the article opens the phrase ("of the Party" does not)
        k -= 1
    run = sorted(run)
    cuts = [n for n, k in enumerate(run[:-1]) if parse.tokens[k].text.lower() == "to"
            and (is_office(_lemma(parse, run[n + 1])) or parse.tokens[run[n + 1]].text.lower() in _TITLE_LEADS)]
    if cuts:
        run = run[cuts[-1] + 1:]  # "Chief of Staff to Vice President X": X's office is "Vice President"
    if run:
        of = [o for p in parse.kids(h, "prep") if parse.lemma(p) == "of" for o in parse.kids(p, "pobj")
              if parse.entity_at(o, ("country", "body")) is not None]
        yield True, sorted(run) + [t for o in of[:1] for t in parse.subtree(o)]
    # 2. appositions: "Name, title," and "title, Name"
    for a in parse.kids(h, "appos"):
        yield False, _title_phrase(parse, a)
    g = parse.head(h)
    lead = first - 1
    while lead > 0 and parse.tokens[lead].text.lower().rstrip(".") in _HONORIFICS:
        lead -= 1
    if parse.dep(h) == "conj" and g != h and is_office(_lemma(parse, g)) and parse.entity_at(g, ("person",)) is None \
            and lead >= 0 and parse.tokens[lead].text == ",":
        # "the Australian Prime Minister, Mr Jo Roe, and ...": an apposition the parser took for a list
        own = set(parse.subtree(h, stop=frozenset()))
        yield False, [k for k in parse.subtree(g, stop=frozenset({"relcl", "acl", "advcl", "conj", "cc"}))
                      if k not in own]
    node = h
    while parse.dep(node) == "conj" and parse.head(node) != node:
        node = parse.head(node)  # "members — A, B and C": B and C share A's apposition
    if parse.dep(node) == "appos" and parse.head(node) != node:
        g = parse.head(node)
        own = set(parse.subtree(node, stop=frozenset()))
        yield False, [k for k in parse.subtree(g, stop=frozenset({"relcl", "acl", "advcl"})) if k not in own]
    if node != h:
        for a in parse.kids(node, "appos"):
            yield False, _title_phrase(parse, a)
    # 3. copula and "as": "Roe is the president of X", "Roe, who serves as envoy", "Roe was named minister"
    verbs = []
    if parse.dep(h) in ("nsubj", "nsubjpass"):
        verbs.append(parse.head(h))
    verbs += [v for v in parse.kids(h, "relcl")]
    for v in verbs:
        lemma = parse.lemma(v)
        if any(parse.lemma(a) in ("to", "will", "shall", "would") for a in parse.kids(v, "aux")):
            continue  # "X, of Texas, to be District Judge", "X will be the next envoy": not held yet
        if lemma in _COPULAS or lemma in _APPOINT:
            for c in parse.kids(v, "attr", "oprd", "dobj" if lemma in _APPOINT else "attr"):
                yield False, parse.subtree(c)
            for p in parse.kids(v, "prep"):
                if parse.lemma(p) == "as":
                    for o in parse.kids(p, "pobj"):
                        yield False, parse.subtree(o)


def _sentence_holdings(doc: AnalyzedDocument, parse: Parse) -> list[Holding]:
    out: list[Holding] = []
    for m in parse.sentence.mentions:
        if m.kind != "person" or not m.id or m.label == "coref":
            continue
        names = _names(parse, m)
        found: list[list[Holding]] = []  # per title phrase
        private = False
        for left, toks in _phrases(parse, m):
            toks = _clean(parse, toks, names)
            if not toks or _other_person(parse, toks, names):
                continue
            head = _title_head(parse, toks, left)
            while left and head is None and any(parse.tokens[k].text.lower() == "of" for k in toks):
                # "the defeat of French leader X": the run began before the title; start after its "of"
                cut = next(k for k in toks if parse.tokens[k].text.lower() == "of")
                toks = _clean(parse, [k for k in toks if k > cut], names)
                head = _title_head(parse, toks, left) if toks else None
            if head is None or not _qualified(parse, toks, head):
                continue
            # the phrase runs from its first word to the office word and its complement
            if not left:
                toks = [k for k in toks if k <= head or any(a == head for a in parse.ancestors(k))]
            if not _text(parse, toks):
                continue
            if _private_org(parse, toks, head):
                private = True  # "director of the Example Institute": an office of a non-state body
                break
            found.append(_chain(doc, parse, str(m.id), toks, head))
        # "Senator X, Chair of the Philippine Senate Committee": the first phrase that names an org, else the first
        named = [hs for hs in found if any(h.org for h in hs)]
        out.extend((named or found or [[]])[0])
        if not found and not private:
            # what the nlp stage read (speaker labels, titles it split off the name)
            for title, org in (m.attrs.get("titles") or []):
                if title and is_office(_head_word(str(title))):
                    out.append(Holding(str(m.id), str(title), org, parse.sentence, org is not None,
                                       bool(set(str(title).lower().split()) & PAST)))
                    break
            else:
                out.extend(_named_for_country(doc, parse, m))
    return _share_in_lists(parse, out)


def _named_for_country(doc: AnalyzedDocument, parse: Parse, m: Mention) -> list[Holding]:
    """"Brazil's Lula", "Bolivian Luis Arce": a leader named for their country with no title; the office
    is the one the gazetteer gives them in that country on the document's date."""
    h = parse.mention_head(m)
    if h is None:
        return []
    named = {c for k in parse.kids(h, "poss", "amod", "compound") if k not in _names(parse, m)
             for x in parse.subtree(k) for mm in parse.mentions_at[x] if mm.kind == "country"
             for c in [str(mm.id)]}
    if len(named) != 1:
        return []
    offices = [(c, o) for c, _, o in officeholders.offices_of(str(m.id), on=doc.published) if c in named]
    if len(offices) != 1:
        return []
    country, office = offices[0]
    return [Holding(str(m.id), office, country, parse.sentence, False)]


def _chain(doc: AnalyzedDocument, parse: Parse, person: str, toks: list[int], head: int) -> list[Holding]:
    """Holdings of one title phrase; chained offices ("President of the X Party cum Prime Minister",
    "General Secretary and President") are split, each with its own org, a part without one taking
    the country of the others."""
    cuts = [k for k in toks if parse.tokens[k].text.lower() in ("cum", "and", ",") and
            any(is_office(_lemma(parse, j)) for j in toks if j < k) and
            any(is_office(_lemma(parse, j)) for j in toks if j > k)]
    parts: list[list[int]] = []
    prev = None
    for cut in cuts + [None]:
        part = [k for k in toks if (prev is None or k > prev) and (cut is None or k < cut)]
        if part:
            parts.append(part)
        prev = cut
    out: list[Holding] = []
    for part in parts:
        heads = [k for k in part if is_office(_lemma(parse, k))]
        if not heads:
            continue
        h = head if head in part else heads[-1]
        title = _text(parse, part)
        if not title:
            continue
        words = {parse.tokens[k].text.lower().strip(".") for k in part}
        past = bool(words & PAST) or any(parse.tokens[k].text.lower().startswith("then-") for k in part)
        org = _org(doc, parse, part, h)
        if org is None and _lemma(parse, h) == "pope":
            org = "VAT"
        if _lemma(parse, h) == "counterpart":
            title = _counterpart_title(doc, parse, part) or title
        out.append(Holding(person, title, org, parse.sentence, org is not None, past))
    if len(out) > 1:
        known = [resolve.national_country(h.org) for h in out if h.org]
        known = [k for k in known if k]
        if known:
            out = [h if h.org else Holding(h.person, h.title, known[0], h.sentence, True, h.past) for h in out]
    return out


def _head_word(title: str) -> str:
    """The head word of a title as written: the last word before its first preposition."""
    words = title.replace(",", " ").split()
    for n, w in enumerate(words):
        if w.lower() in ("of", "for", "to", "at", "in") and n:
            return words[n - 1]
    return words[-1] if words else ""


def _counterpart_title(doc: AnalyzedDocument, parse: Parse, toks: list[int]) -> str | None:
    """ "his Russian counterpart": the title of the person "his" refers to."""
    for k in toks:
        m = parse.entity_at(k, ("person",))
        if m is not None and m.id:
            person = doc.people.get(str(m.id))
            if person is not None and person.titles:
                return person.titles[0][0]
    for k in range(max(0, toks[0] - 2), toks[0] + 1):
        for m in parse.mentions_at[k]:
            if m.kind == "person" and m.id and m.label == "coref":
                person = doc.people.get(str(m.id))
                if person is not None and person.titles:
                    return person.titles[0][0]
    return None


def _share_in_lists(parse: Parse, found: list[Holding]) -> list[Holding]:
    """In a list of officials, a title without an org takes its neighbour's ("Kenyan Foreign Minister A;
    Defence Minister B")."""
    if len(found) < 2:
        return found
    where = {}
    for m in parse.sentence.mentions:
        if m.kind == "person" and m.id and str(m.id) not in where:
            where[str(m.id)] = parse.token_range(m.start, m.end)

    def listed(a: Holding, b: Holding) -> bool:
        """Nothing but list punctuation and titles between the two names (no verb, no preposition)."""
        ra, rb = where.get(a.person), where.get(b.person)
        if not ra or not rb or ra[-1] >= rb[0]:
            return False
        between = parse.tokens[ra[-1] + 1:rb[0]]
        if any(t.pos == "PROPN" and not any(m.kind == "title" for m in parse.mentions_at[t.i]) for t in between):
            return False  # "Governor A of Puerto Rico, and New York State Senator B": B's own place
        return not any(t.pos in ("VERB", "AUX", "ADP") and t.text.lower() != "of" for t in between)

    out = list(found)
    for n, h in enumerate(out):
        if h.org is None:
            near = [x for x in (out[n - 1] if n else None,)
                    if x is not None and x.org and x.explicit and resolve.national_country(x.org) and listed(x, h)]
            if near:
                out[n] = Holding(h.person, h.title, resolve.national_country(near[0].org), h.sentence, False, h.past)
    return out


def _group_org(doc: AnalyzedDocument, parse: Parse) -> str | None:
    """The country of a group the sentence is about ("the Ukrainian delegation includes ...")."""
    for t in parse.tokens:
        if t.lemma.lower() in ("delegation", "team", "government", "cabinet", "side") and t.dep in ("nsubj", "nsubjpass"):
            for c in parse.subtree(t.i):
                for m in parse.mentions_at[c]:
                    got = countries_of(doc, m, people=False)
                    if got:
                        return got[0]
    return None


def holdings(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Holding]:
    """Every (person, title, org) reading in the document, orgs filled where the text leaves them out."""
    parses = parses or DocParses(doc)
    return parses.memo("positions.holdings", lambda: _holdings(doc, parses))


def _holdings(doc: AnalyzedDocument, parses: DocParses) -> list[Holding]:
    found: list[tuple[Holding, str | None]] = []
    for parse in parses:
        group: str | None = None
        for h in _sentence_holdings(doc, parse):
            if h.org is None and group is None:
                group = _group_org(doc, parse) or ""
            found.append((h, group or None))
    home = _implicit_home(doc, [h for h, _ in found if h.org is None])
    out = []
    for h, group in found:
        if h.org is None:
            h = Holding(h.person, h.title, _fallback_org(doc, h, group, home), h.sentence, False, h.past)
        out.append(h)
    # "President A ... President B": if the same unique office went to two people by inference, neither
    # inference holds (the gazetteer's own answers and the text's stay)
    holders: dict[tuple[str, str], set[str]] = {}
    for h in out:
        office = _unique_office(h.title)
        if office and h.org and not h.explicit:
            holders.setdefault((office, resolve.national_country(h.org) or h.org), set()).add(h.person)
    return [h for h in out if h.explicit or not h.org or len(holders.get(
        (_unique_office(h.title) or "", resolve.national_country(h.org) or h.org), ())) < 2
        or officeholders_country(h.person, doc.published) == h.org]


def _implicit_home(doc: AnalyzedDocument, untitled: list[Holding]) -> str | None:
    """The side a document speaks for, which outlets name their own officials without ("President X",
    "the Interior Minister"): the publisher's country; else the country the gazetteer gives such
    officials; else the document's main country unless another is named as often (a two-sided report)."""
    if doc.home:
        return doc.home
    votes: Counter[str] = Counter()
    for h in untitled:
        known = officeholders_country(h.person, doc.published, h.title)
        if known:
            votes[known] += 1
    if votes:
        return votes.most_common(1)[0][0]
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        counts.update({c for c in (m.id for m in sentence.mentions if m.kind == "country" and m.label != "coref")
                       if c})
    ranked = counts.most_common(2)
    focus = document_focus(doc)
    if ranked and ranked[0][0] == focus and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return focus
    return None


# Offices one person holds per country at a time: two bare-titled holders cannot both be the home side's.
_UNIQUE = frozenset({"president", "prime minister", "chancellor", "premier", "king", "queen", "emir", "sultan",
                     "general secretary", "vice president", "foreign minister", "secretary of state"})


def _unique_office(title: str) -> str | None:
    low = " ".join(w for w in title.lower().split() if w not in PAST)
    return low if low in _UNIQUE else None


# Words that open an office's name before its head ("Vice President", "Deputy Prime Minister").
_TITLE_LEADS = frozenset({"vice", "deputy", "prime", "first", "acting"})
_MONARCHS = frozenset({"king", "queen", "emperor", "empress", "prince", "princess", "sultan", "emir", "sheikh",
                       "monarch", "majesty"})


def _fallback_org(doc: AnalyzedDocument, h: Holding, group: str | None, home: str | None) -> str | None:
    """The best-supported org of a title the phrase leaves without one: the group the person is listed
    in, an org the text gives the same person elsewhere, the office-holder gazetteer, the publisher's
    country, the document's main country."""
    low = h.title.lower()
    named = _body_by_kind(doc, h)
    if named:
        return named
    if any(low.endswith(t) for t in _IGO_OFFICES):
        return "UN" if "secretary" in low or "rapporteur" in low or "commissioner" in low else None
    if group:
        return group
    known = officeholders_country(h.person, doc.published, h.title)
    if known:
        return known
    if low.split()[-1:] and low.split()[-1] in _MONARCHS:
        return None  # a crown is no office of the publisher's country by default ("Queen Elizabeth II")
    return _opening_place(h.sentence) or home


def _opening_place(sentence: Sentence) -> str | None:
    """"In Lima, the cabinet chief X said ...": a sentence set in a capital speaks of its officials."""
    if not sentence.text.startswith("In "):
        return None
    first = next((m for m in sentence.mentions if m.start >= sentence.start + 3), None)
    if first is None or first.start != sentence.start + 3 or (first.attrs or {}).get("how") != "capital":
        return None
    rest = sentence.text[first.end - sentence.start:]
    return str(first.id) if rest.startswith(",") and first.id else None


# Capitalised words in a title that stand for a body named before: "Forum Secretary General", "the
# Commission President", "Bank President".
_BODY_KINDS = frozenset({"forum", "commission", "union", "council", "assembly", "court", "bank", "fund",
                         "organization", "organisation", "secretariat", "agency", "alliance", "community"})


def _body_by_kind(doc: AnalyzedDocument, h: Holding) -> str | None:
    """The body a title's kind word refers back to: the last body named up to the title's sentence
    (else the first named after it) whose name has that word ("the Pacific Islands Forum" ... "Forum
    Secretary General X")."""
    kinds = {w.lower() for w in h.title.split() if w[:1].isupper() and w.lower() in _BODY_KINDS}
    if not kinds:
        return None
    before, after = [], []
    for sentence in doc.sentences:
        for m in sentence.mentions:
            if m.kind == "body" and m.id and kinds & {w.lower() for w in resolve.body_name(str(m.id)).split()}:
                (before if sentence.index <= h.sentence.index else after).append(str(m.id))
    found = before[-1:] or after[:1]
    return resolve.actor_id(found[0]) if found else None


def officeholders_country(name: str, on: str | None, title: str | None = None) -> str | None:
    """The country the office-holder gazetteer says ``name`` served on ``on`` (None if unknown/ambiguous).

    A bare surname is only trusted for an office like the one the text gives ("Speaker Johnson" is not
    the prime minister of that name)."""
    try:
        country = officeholders.country_of(name, on=on)
        if country is None or " " in name or not title:
            return country
        head = _head_word(title).lower()
        offices = [o for c, _, o in officeholders.offices_of(name, on=on) if c == country]
        return country if any(head in o.lower().split() for o in offices) else None
    except (LookupError, ValueError, OSError):
        return None


def full_names(names: Iterable[str]) -> dict[str, str]:
    """A bare surname the people registry left alone -> the one fuller name of an office holder ending with it."""
    names = set(names)
    out: dict[str, str] = {}
    for name in names:
        if " " in name:
            continue
        longer = {n for n in names if n.endswith(" " + name)}
        if len(longer) == 1:
            out[name] = longer.pop()
    return out


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """One position per (person, org): the first sentence that states it is the evidence."""
    found = holdings(doc, parses)
    full = full_names((h.person for h in found))
    by_key: dict[tuple[str, str], Holding] = {}
    orgs_of: dict[str, set[str]] = {}
    for h in found:
        if not h.org:
            continue
        person = full.get(h.person, h.person)
        org = resolve.actor_id(h.org) or h.org
        key = (person, org)
        old = by_key.get(key)
        if old is None or (h.explicit and not old.explicit):
            by_key[key] = h
        orgs_of.setdefault(person, set()).add(org)
    facts: list[Fact] = []
    for (person, org), h in by_key.items():
        if _head_word(h.title).lower() in ("leader", "activist", "advocate") and set(h.title.lower().split()) & {
                "community", "civil", "rights", "movement", "business", "religious", "faith", "labor", "labour",
                "student", "youth", "tribal", "industry", "in", "activist", "advocate"}:
            continue  # "a leader in the community", "Civil Rights Leader": no office of a state or body
        if not h.explicit and len(orgs_of[person]) > 1 and any(
                by_key[(person, o)].explicit for o in orgs_of[person] if o != org):
            continue  # an inferred org where the text states another for the same person
        facts.append(make_fact(doc, h.sentence, "position", EXTRACTOR, confidence=0.8 if h.explicit else 0.6,
                               person=person, title=h.title, org=org, as_of=None if h.past else _as_of(doc, h)))
    return facts


def _as_of(doc: AnalyzedDocument, h: Holding) -> str | None:
    """The date the title holds for: the one earlier year its sentence tells of ("In 2017, President X
    signed ..."), else the document's date."""
    dates = [str(m.attrs["value"]) for m in h.sentence.mentions if m.kind == "date" and (m.attrs or {}).get("value")]
    if doc.published and len(dates) == 1 and dates[0][:4].isdigit() and dates[0][:4] < doc.published[:4]:
        return dates[0]
    return doc.published
