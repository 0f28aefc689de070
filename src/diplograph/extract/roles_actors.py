"""Who holds a role: the actors of a role cue, read from the parse.

A cue (a role noun or verb the body hangs on, see :mod:`roles`) names its
holders through its frame: the subject of the verb (through coordination,
control and relative clauses), the possessive or demonym of the noun
("Russia's chairmanship", "the Russian chairmanship"), an apposition
("Turkiye, a NATO member"; "Council members A, B and C"; "the bloc's members:
A, B and C"), the subject of the copula or the verb an "as" phrase hangs on
("X is a member of", "X, as chair of"). Every conjunct of a list is an actor;
a pronoun refers back to the country or list the document spoke of.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph import resolve
from diplograph.extract import roles_terms as rt
from diplograph.extract.actors import countries_of, is_country
from diplograph.extract.frames import Arg, Parse
from diplograph.model import AnalyzedDocument, Mention

NOUNS, VERBS = rt.NOUNS, rt.VERBS
# An actor phrase without an entity: a pronoun that refers back.
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
# Offices a person holds on behalf of their country when they chair or host ("President Tinubu chaired").
PERSON_CUES = frozenset({rt.CHAIR, rt.PRESIDENT, rt.HOST})
# Mentions that can stand for an actor (a bare office title cannot).
ACTOR_KINDS = ("country", "pair", "group", "person", "body", "place")



@dataclass(frozen=True)
class BodyRef:
    """A body named in a sentence: its id, its head token, and whether the head is itself the role
    noun ("the presidency" with the body understood from the document)."""

    id: str
    head: int
    own_cue: bool = False
    meeting: bool = False  # named by its meeting: "the ASEAN Summit"
    named: str | None = None  # the registry entry named, when it stands for another body ("AU Assembly")
    cls: str | None = None  # the class of an own cue the head's word does not say ("three of them")


@dataclass(frozen=True)
class Cue:
    cls: str  # a roles_terms class: member, seat, chair, join, leave, ...
    token: int  # the role noun or verb
    body: BodyRef
    via: str  # "noun" | "obj" (object or prepositional object of a verb) | "subj" | "rel"
    meeting: bool = False  # the body's meeting, not the body, hangs on the cue


@dataclass
class Context:
    """What a document has said so far: bodies named, the country last spoken of."""

    doc: AnalyzedDocument
    bodies_seen: list[str] = field(default_factory=list)
    last_country: str | None = None
    last_group: list[str] = field(default_factory=list)
    office_body: str | None = None
    meeting_body: str | None = None  # the body whose meeting was named last ("the SADC summit")
    meeting_sentence: int = -99
    body_sentence: int = -99  # the sentence that last named a body
    told_countries: list[str] = field(default_factory=list)  # the countries the last sentence named
    seat_body: str | None = None  # the body a seat was last told in ("elected to the Council")
    seat_sentence: int = -99


# ----------------------------------------------------------------------------- actors


def mention_actors(doc: AnalyzedDocument, mentions: list[Mention], cls: str) -> list[str]:
    """Actor ids of mentions: countries; national bodies as their country; international bodies (as
    members); people and titles only for offices held for their country (a chair, a host)."""
    out: list[str] = []
    for m in dict.fromkeys(mentions):
        if m.kind == "body" and m.id:
            c = resolve.national_country(str(m.id))
            if c and c != m.id:
                out.append(c)
            elif cls in (rt.MEMBER, rt.JOIN, rt.COMPOSE, rt.ADMIT) and rt.is_international(m.id) and \
                    rt.kind(str(m.id)) != "igo_organ":  # the EU joins; the General Assembly elects
                out.append(str(m.id))
        elif m.kind in ("country", "pair", "group", "place"):  # a place only as a capital ("Nairobi joined")
            out.extend(countries_of(doc, m))
        elif m.kind in ("person", "title") and (cls in PERSON_CUES or _leader(m)) and _national(doc, m):
            out.extend(countries_of(doc, m))
    return list(dict.fromkeys(out))


def _national(doc: AnalyzedDocument, m: Mention) -> bool:
    """A person or title holding a national office (an official of a body acts for that body)."""
    orgs = [o for _, o in (m.attrs or {}).get("titles") or [] if o] + [str((m.attrs or {}).get("org") or "")]
    return not any(o and rt.is_international(o) for o in orgs)


def mentions_in(parse: Parse, tokens: list[int]) -> list[Mention]:
    return [m for i in tokens for m in parse.mentions_at[i]]


def _by_actors(parse: Parse, v: int, cls: str, ctx: Context) -> list[str]:
    """The actors of a passive verb's "by" phrase ("was hosted by the Philippines")."""
    return [i for a in parse.prepositions(v).get("by", ()) for i in phrase_actors(parse, a.head, cls, ctx)]


def _leader(m: Mention) -> bool:
    """A head of state or government, who acts for the country ("President X joined ...")."""
    title = str((m.attrs or {}).get("title") or (m.text if m.kind == "title" else "")).lower()
    lesser = ("vice", "deputy", "former")
    return any(w in title for w in rt.LEADER_TITLES) and not any(w in title for w in lesser)


def phrase_actors(parse: Parse, k: int, cls: str, ctx: Context, alone: bool = False) -> list[str]:
    """Actors named by the phrase headed at ``k``: its head and list members ("Kenya, Uganda and
    Tanzania"), else the entities it is made of ("ministers from A, B and C", "the leader of X");
    a pronoun refers back. ``alone``: the head only, for a role one holder has ("Belize, as CARICOM
    chair" in a list of leaders each with an office)."""
    word = parse.lemma(k)
    both = word == "both" and parse.entity_at(k) is None
    if word in SINGULAR_PRONOUNS or word in PLURAL_PRONOUNS or both:
        return _pronoun(parse, k, ctx)  # "of which both are members"
    if parse.tokens[k].text.lower() in ("his", "her"):  # "in his capacity as President of the Council"
        people = [m for m in parse.sentence.mentions if m.kind == "person" and m.end <= parse.tokens[k].start]
        return mention_actors(ctx.doc, people[-1:], cls)
    if word in RELATIVE:  # "A and B, whose terms end"
        ante = _relative_antecedent(parse, k)
        return phrase_actors(parse, ante, cls, ctx) if ante is not None else []
    owner = parse.kids(k, "poss")
    if owner and parse.lemma(owner[0]) == "whose" and parse.entity_at(k, ("country", "body")) is None:
        return phrase_actors(parse, owner[0], cls, ctx)  # "X, whose leader is to chair it next"
    if word in rt.COUNTRY_NOUNS and owner and parse.entity_at(k) is None:
        return phrase_actors(parse, owner[0], cls, ctx)  # "his country will host", "whose country hosts"
    tokens = rt.list_tokens(parse, k)
    head = parse.entity_at(k)
    if head is not None and (head.attrs or {}).get("antecedent") == "focus" and len(ctx.told_countries) == 1:
        return list(ctx.told_countries)  # "the country" right after a sentence about one country
    if head is not None and alone:
        return mention_actors(ctx.doc, [head], cls)
    if head is not None and mention_actors(ctx.doc, [head], cls):
        listed = [_listed_entity(parse, i) for i in tokens if i == k or parse.dep(i) in ("conj", "appos")
                  or parse.tokens[i - 1].text == "," and parse.entity_at(i, ("country",))]  # or mis-hung
        return mention_actors(ctx.doc, [m for m in listed if m is not None], cls)
    inner = [i for i in tokens if not any(parse.dep(a) == "prep" and parse.lemma(a) not in ("of", "from", "include")
                                          for a in rt.path_up(parse, i, k))]  # "12 members, including A and B"
    ids = mention_actors(ctx.doc, [m for i in inner for m in parse.mentions_at[i]], cls)
    if not ids and word in ("country", "nation", "state", "government", "member") and ctx.last_group:
        counted = [parse.tokens[c].text.lower() for c in parse.kids(k, "nummod")]
        n = rt.NUMBER_WORDS.get(counted[0]) if counted else None
        if n == len(ctx.last_group) or (not counted and word != "member" and any(
                parse.lemma(c) in ("these", "those", "both") for c in parse.kids(k, "det", "predet"))):
            return list(ctx.last_group)  # "the three nations" after "Niger, Mali and Burkina Faso"
    return ids


def _after_dateline(parse: Parse, s: int, dateline: int) -> int | None:
    """A subject outside the dateline; a dateline the parser took for the subject gives the list it
    hung on it ("NAIROBI, June 5 (AFP) - Kenya and Chad were elected")."""
    if s >= dateline:
        return s
    return next((i for i in parse.kids(s, "appos", "conj") if i > dateline and parse.entity_at(i)), None)


def _relative_conjunct(parse: Parse, v: int) -> int | None:
    """A verb the parser coordinated with the main clause that continues a relative clause before it
    ("They will join A and B, which were elected last year and will sit on the council": no comma
    closes the relative clause before "and"): that relative clause's verb."""
    if parse.dep(v) != "conj":
        return None
    cc = [c for c in parse.kids(v, "cc") if c < v] or [c for c in parse.kids(parse.head(v), "cc") if c < v]
    if not cc or parse.tokens[cc[-1] - 1].text == ",":
        return None
    for r in range(cc[-1] - 1, parse.head(v), -1):
        if parse.dep(r) == "relcl" and max(parse.subtree(r)) == cc[-1] - 1 and any(
                parse.lemma(c) in RELATIVE for c in parse.kids(r, "nsubj", "nsubjpass")):
            return r
    return None


def _relative_antecedent(parse: Parse, k: int) -> int | None:
    """What a relative pronoun refers to: the noun its clause hangs on; with the clause mis-hung on
    the main verb, the list right before ", whose"."""
    for a in parse.ancestors(k):
        if parse.dep(a) == "relcl":
            return parse.head(a)
        if parse.tokens[a].pos in VERBS:
            break
    first = min(parse.subtree(k, frozenset())) if parse.lemma(k) == "whose" else k
    if first >= 2 and parse.tokens[first - 1].text == "," and parse.entity_at(first - 2) is not None:
        i = first - 2
        while parse.dep(i) == "conj" and parse.head(i) < i:
            i = parse.head(i)
        return i
    return None


def _listed_entity(parse: Parse, i: int) -> Mention | None:
    """The entity a list member names; for a word the parser put in a name's place ("the United
    States - account for", read as one noun phrase), the name in its phrase before it."""
    m = parse.entity_at(i)
    if m is None and parse.tokens[i].pos in NOUNS:
        m = next((e for c in parse.subtree(i) if c < i
                  for e in [parse.entity_at(c, ("country",))] if e), None)
    return m


def _pronoun(parse: Parse, k: int, ctx: Context) -> list[str]:
    """ "it" / "its": the country the sentence spoke of before, else the document's; "their": the
    countries named before it in the sentence, else the last list."""
    start = parse.tokens[k].start
    before = [m for m in parse.sentence.mentions if m.kind == "country" and m.end <= start and m.id]
    if parse.lemma(k) in PLURAL_PRONOUNS or parse.lemma(k) == "both":
        for s in reversed([t.i for t in parse.tokens[:k] if t.dep in ("nsubj", "nsubjpass")]):
            ids = mention_actors(ctx.doc, mentions_in(parse, rt.list_tokens(parse, s)), rt.MEMBER)
            if len(ids) > 1:
                return ids  # "The juntas of A, B and C said they were withdrawing"
        ids = list(dict.fromkeys(str(m.id) for m in before))
        return ids if len(ids) > 1 else list(ctx.last_group)
    if before:
        return [str(before[-1].id)] if len({m.id for m in before}) == 1 else [str(before[0].id)]
    return [ctx.last_country] if ctx.last_country else []


def subject_actors(parse: Parse, v: int, cls: str, ctx: Context, depth: int = 0) -> list[str]:
    """Who a predicate is about: its subject (the passive subject for "was elected to"), a relative
    pronoun's antecedent, a noun's possessor ("India's decision to join"), the object of a verb of
    praise ("thanked X for joining"), else a controlling or coordinated verb's subject."""
    holders = [v] + parse.kids(v, "aux", "auxpass")  # a mis-parse can hang the subject on "been"
    dateline = rt.dateline_end(parse)  # "Montevideo, December 7 (Agency) – X received": X, the nearest
    for dep in ("nsubjpass", "nsubj"):
        found = [_after_dateline(parse, s, dateline) for h in holders for s in parse.kids(h, dep)]
        found = [s for s in found if s is not None]
        for s in sorted(found, key=lambda i: (i < v, i), reverse=True):
            if parse.lemma(s) in RELATIVE and parse.dep(v) == "relcl":
                return phrase_actors(parse, parse.head(v), cls, ctx)
            return phrase_actors(parse, s, cls, ctx)
    rel = _relative_conjunct(parse, v)
    if rel is not None:
        return phrase_actors(parse, parse.head(rel), cls, ctx)
    h = parse.head(v)
    if depth > 4 or h == v:
        return []
    if parse.dep(v) == "amod" and parse.tokens[v].tag == "VBG":
        return subject_actors(parse, h, cls, ctx, depth + 1)  # "for chairing X" parsed as an adjective
    if parse.dep(v) in ("advcl", "xcomp") and parse.lemma(h) in rt.PLACING_VERBS and parse.kids(h, "dobj"):
        return phrase_actors(parse, parse.kids(h, "dobj")[0], cls, ctx)  # "placing B in line to chair X"
    if parse.dep(v) == "acl":
        poss = parse.kids(h, "poss")
        if poss:
            return phrase_actors(parse, poss[0], cls, ctx)
        if parse.tokens[v].tag == "VBG":  # "troops serving with the mission"; "X has troops serving"
            one = any(_singular(parse, o) for o in parse.kids(v, "dobj"))  # "..., Germany, holding the
            before = _entity_before(parse, v)                               # G7 presidency, and ..."
            if one and before is not None:
                return mention_actors(ctx.doc, [before], cls)
            found = phrase_actors(parse, h, cls, ctx, alone=one)
            if found or parse.tokens[parse.head(h)].pos not in VERBS or parse.dep(h) not in ("dobj", "nsubj"):
                return found
            return subject_actors(parse, parse.head(h), cls, ctx, depth + 1)
    if parse.tokens[h].pos == "ADP":
        p = h
        while parse.dep(p) == "conj" and parse.tokens[parse.head(p)].pos == "ADP":
            p = parse.head(p)  # "for signing ... and for joining"
        g = parse.head(p)
        if parse.lemma(p) in ("for", "on") and parse.lemma(g) in rt.PRAISE_VERBS:
            for o in parse.kids(g, "dobj"):
                return phrase_actors(parse, o, cls, ctx)  # "congratulated X for joining", "on assuming"
        return subject_actors(parse, g, cls, ctx, depth + 1) if parse.tokens[g].pos in VERBS else []
    agents, _ = parse.subjects(v)
    ids = mention_actors(ctx.doc, [m for a in agents for m in _arg_mentions(parse, a)], cls)
    if ids:
        return ids
    if agents and parse.lemma(agents[0].head) in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
        return _pronoun(parse, agents[0].head, ctx)
    if parse.dep(v) in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "acl") and parse.tokens[h].pos in VERBS:
        return subject_actors(parse, h, cls, ctx, depth + 1)
    return []


def _arg_mentions(parse: Parse, a: Arg) -> list[Mention]:
    return [a.referent] if a.referent is not None else list(a.mentions)


def noun_actors(parse: Parse, n: int, cls: str, ctx: Context, depth: int = 0) -> tuple[list[str], int | None]:
    """The actors of a role noun and the predicate it hangs on (for the clause's dates)."""
    for c in parse.kids(n, "poss"):
        if not _names_body(parse, c):  # not "ASEAN's 11th member", "the bloc's members"
            return phrase_actors(parse, c, cls, ctx), None
    if cls in (rt.JOIN, rt.LEAVE):  # "the accession of Croatia to the EU", "the withdrawal of X from Y"
        for p in parse.kids(n, "prep"):
            if parse.lemma(p) in ("of", "by"):
                found = [i for o in parse.kids(p, "pobj") for i in phrase_actors(parse, o, cls, ctx)]
                if found:
                    return found, verb_above(parse, n)
    for c in parse.kids(n, "amod", "compound"):
        m = parse.entity_at(c, ("country",))
        if m is not None:
            return mention_actors(ctx.doc, [m], cls), None  # "the Russian chairmanship"
    dep, h = parse.dep(n), parse.head(n)
    one = _singular(parse, n)  # "President A of X, chair of Y; Prime Minister B of Z": A alone
    if one and dep == "pobj" and parse.lemma(h) == "as" and _entity_before(parse, h) is not None:
        return mention_actors(ctx.doc, [_entity_before(parse, h)], cls), None  # "Chile as APEC chair, .."
    if dep == "appos" and h != n:
        if rt.noun_class(parse, h) and depth < 2:  # a list of roles: "vice chair of X, member of Y"
            return noun_actors(parse, h, cls, ctx, depth + 1)
        if parse.entity_at(h, ACTOR_KINDS) is None:  # "WE, the Member States of ASEAN and the US"
            return [], None
        return phrase_actors(parse, h, cls, ctx, alone=one), None  # "Turkiye, a NATO member"
    for c in parse.kids(n, "appos"):
        if parse.entity_at(c, ACTOR_KINDS) is not None:
            return phrase_actors(parse, c, cls, ctx), None  # "the current ASEAN chair, Laos"
    listed = _listed_after(parse, n)
    if listed is not None:  # "the bloc's six members: A, B and C" with the list hung elsewhere
        return phrase_actors(parse, listed, cls, ctx), None
    if dep == "compound" and parse.entity_at(h, ACTOR_KINDS) is not None:  # "Council members Greece,
        person = parse.entity_at(h, ("person",)) is not None  # Panama and Peru"; "European Council
        return phrase_actors(parse, h, cls, ctx, alone=one or person), None  # President Charles Michel"
    left = parse.subtree(n)[0] - 2  # "Malaysia, the current ASEAN chair, hosted" with the comma mis-parsed
    if left >= 0 and parse.tokens[left + 1].text == "," and parse.entity_at(left, ("country",)) is not None \
            and parse.head(left) in (n, h) and parse.dep(n) in ("nsubj", "npadvmod", "appos"):
        return phrase_actors(parse, left, cls, ctx), None
    nxt = n + 1
    if nxt < len(parse.tokens) and parse.entity_at(nxt, ("country",)) is not None \
            and (parse.head(nxt) in (n, h) or nxt == h) and parse.dep(nxt) in (dep, "appos", "compound",
                                                                                 "nsubj"):
        return phrase_actors(parse, nxt, cls, ctx), None  # "fellow members Kazakhstan and Uzbekistan"
    if dep == "nsubj" and cls == rt.MEMBER and parse.lemma(h) in ("include", "be", "comprise") and \
            parse.tokens[n].tag in ("NNS", "NNPS"):  # "the bloc's members include A, B and C"
        return [i for o in parse.kids(h, "dobj", "attr") for i in phrase_actors(parse, o, cls, ctx)], h
    if dep == "conj" and depth < 2 and rt.noun_class(parse, h):  # "chair of X and member of Y"
        return noun_actors(parse, h, cls, ctx, depth + 1)
    if dep == "dobj" and parse.lemma(h) == "rotate" and depth < 2:
        return noun_actors(parse, h, cls, ctx, depth + 1)  # "the role of rotating President" mis-parsed
    if dep in ("attr", "acomp", "oprd", "dobj", "nsubjpass") and parse.tokens[h].pos in VERBS:
        founding = parse.lemma(h) == "found" and parse.tokens[h].tag == "VBG"  # "were founding members"
        if parse.lemma(h) in rt.COPULAS or parse.lemma(h) in rt.HOLD_VERBS or founding:
            return subject_actors(parse, h, cls, ctx), h
        return [], None
    if dep in ("pobj", "pcomp") and h != n:
        prep, g = parse.lemma(h), parse.head(h)
        partitive = parse.tokens[g].pos in ("NUM", "PRON") or parse.lemma(g) in rt.PARTITIVES
        if prep == "of" and partitive and depth < 2 \
                and parse.entity_at(g, ACTOR_KINDS) is None and rt.noun_class(parse, g) is None:
            return noun_actors(parse, g, cls, ctx, depth + 1)  # "one of the members", "the position of chair"
        such = prep == "as" and any(parse.lemma(c) == "such" for c in parse.kids(h))
        if prep in ("like", "including") or such:
            v = next((a for a in parse.ancestors(n) if parse.tokens[a].pos in VERBS), None)
            if v is not None:  # "elected to many positions, such as member of the council"
                return subject_actors(parse, v, cls, ctx), v
            return [], None
        if prep in ("as", "among") or (prep == "to" and parse.lemma(g) == "elect"):
            if parse.tokens[g].pos in VERBS:
                return subject_actors(parse, g, cls, ctx), g
            if parse.entity_at(g, ACTOR_KINDS) is not None:
                return phrase_actors(parse, g, cls, ctx, alone=one), None  # "Japan, as a member of"
            if parse.tokens[g].pos in NOUNS and depth < 2:
                return noun_actors(parse, g, cls, ctx, depth + 1)  # "its stint as a member of"
    return [], None


def _entity_before(parse: Parse, k: int) -> Mention | None:
    """The country or person named right before a word, across one comma ("Chile as", "Germany, holding")."""
    i = k - 1
    if i >= 0 and parse.tokens[i].text == ",":
        i -= 1
    return parse.entity_at(i, ("country", "person")) if i >= 0 else None


def _singular(parse: Parse, n: int) -> bool:
    """A role noun for one holder ("chair", "a member"), not for several ("members", "member states")."""
    return parse.tokens[n].tag in ("NN", "NNP") and not any(parse.lemma(c) in ("both", "all")
                                                             for c in parse.kids(n, "det", "predet"))


def _names_body(parse: Parse, k: int) -> bool:
    """A possessive that is the body itself: "ASEAN's", "the bloc's", "the Forum's"."""
    return parse.lemma(k) in rt.ANAPHORS or any(m.kind == "body" and rt.is_international(m.id)
                                                 for m in parse.mentions_at[k])


def _listed_after(parse: Parse, n: int) -> int | None:
    """The first country of a list a colon or dash opens right after a role noun's phrase ("the
    Forum's 18 members: A, B, ..."; "its permanent members - A, B and C -"), wherever the parser
    hung it."""
    right = max(parse.subtree(n))
    if right + 2 >= len(parse.tokens) or parse.tokens[right + 1].text not in (":", "-", "–", "—"):
        return None
    k = right + 2
    while k < len(parse.tokens) and parse.lemma(k) == "the":
        k += 1
    m = parse.entity_at(k, ("country",)) if k < len(parse.tokens) else None
    return parse.mention_head(m) if m is not None else None


def verb_above(parse: Parse, n: int) -> int | None:
    """The verb a noun phrase is an argument of, through a preposition ("under the chairmanship")."""
    h = parse.head(n)
    if parse.dep(n) == "pobj" and parse.tokens[h].pos == "ADP":
        h = parse.head(h)
    if parse.dep(n) in ("compound", "amod", "appos", "poss"):
        return None
    return h if h != n and parse.tokens[h].pos in VERBS else None


def handover(parse: Parse, n: int, ctx: Context, cls: str) -> list[tuple[str, str, int]] | None:
    """An office changing hands: "A handed over the chair to B", "B took over / received the presidency
    from A", "the presidency passed from A to B", "B assumed the chair, taking over from A", "A will hold
    the presidency before handing it over to B" -> [(actor, "end" | "start", the verb of the change)];
    None when it does not change hands."""
    v = parse.head(n)
    if parse.dep(n) == "pobj" and parse.lemma(v) == "as" and parse.lemma(parse.head(v)) in rt.SUCCEED_VERBS:
        v = parse.head(v)  # "B succeeded A as chair"
        before = [i for o in parse.kids(v, "dobj") for i in phrase_actors(parse, o, cls, ctx)]
        after = subject_actors(parse, v, cls, ctx)
        return [(g, "end", v) for g in before] + [(t, "start", v) for t in after] if before else None
    if parse.dep(n) == "pobj" and parse.lemma(v) == "as" and _takes(parse, parse.head(v)):
        v = parse.head(v)  # "B took over as chair from A"
        givers = _prep_actors(parse, v, "from", cls, ctx) + _prep_actors(parse, parse.head(n), "from", cls, ctx) \
            + _from_in(parse, n, cls, ctx)
        return [(g, "end", v) for g in givers] + [(t, "start", v) for t in subject_actors(parse, v, cls, ctx)] \
            if givers else None
    if v == n or parse.tokens[v].pos not in VERBS or parse.dep(n) not in ("dobj", "nsubj"):
        return None
    givers = _prep_actors(parse, v, "from", cls, ctx)
    if not givers and parse.dep(n) == "dobj" and _takes(parse, v):  # "took over the chair of the bloc from A"
        givers = _from_in(parse, n, cls, ctx)
    takers = _prep_actors(parse, v, "to", cls, ctx)
    lemma, taken = parse.lemma(v), parse.dep(n) == "dobj"
    if taken and lemma in rt.HAND_VERBS:
        givers = givers or subject_actors(parse, v, cls, ctx)
    elif taken and givers and _takes(parse, v):
        takers = takers or subject_actors(parse, v, cls, ctx)
    if givers:
        return [(g, "end", v) for g in givers] + [(t, "start", v) for t in takers]
    if not taken:
        return None
    out: list[tuple[str, str, int]] = []
    holder = subject_actors(parse, v, cls, ctx)
    for c in _clauses_on(parse, v):  # "assumed the chair, taking over from A"; "before handing it over to B"
        if _takes(parse, c) or parse.lemma(c) in rt.SUCCEED_VERBS:
            before = _prep_actors(parse, c, "from", cls, ctx)
            if parse.lemma(c) in rt.SUCCEED_VERBS:
                before += [i for o in parse.kids(c, "dobj") for i in phrase_actors(parse, o, cls, ctx)]
            if before:
                out += [(g, "end", c) for g in before] + [(t, "start", v) for t in holder]
        elif parse.lemma(c) in rt.HAND_VERBS and all(parse.lemma(o) in ("it", "them")
                                                     for o in parse.kids(c, "dobj")):
            after = _prep_actors(parse, c, "to", cls, ctx)
            if after:
                out += [(g, "end", c) for g in holder] + [(t, "start", c) for t in after]
    return out or None


def _from_in(parse: Parse, n: int, cls: str, ctx: Context) -> list[str]:
    """Givers in a "from" phrase the parser hung inside the office's noun phrase ("the chair of X from A")."""
    return [i for k in parse.subtree(n) if k != n and parse.lemma(k) == "from" and parse.dep(k) == "prep"
            for o in parse.kids(k, "pobj") for i in phrase_actors(parse, o, cls, ctx)]


def _prep_actors(parse: Parse, v: int, prep: str, cls: str, ctx: Context) -> list[str]:
    return [i for a in parse.prepositions(v).get(prep, ()) for i in phrase_actors(parse, a.head, cls, ctx)]


def _takes(parse: Parse, v: int) -> bool:
    """A verb of taking an office over: "took over", "assumed", "received"."""
    return parse.lemma(v) in rt.START_VERBS or rt.particle(parse, v) == "over" and parse.lemma(v) == "take"


def _clauses_on(parse: Parse, v: int) -> list[int]:
    """Participles and prepositional clauses on a verb ("..., taking over from A", "before handing it
    over")."""
    out = parse.kids(v, "advcl", "xcomp")  # a "before" phrase may hang on a date: "until the end of
    out += [c for p in rt.clause_tokens(parse, v) for c in parse.kids(p, "pcomp")]  # the year before handing"
    return [c for c in out if parse.tokens[c].pos in VERBS]


def venue_actors(parse: Parse, n: int) -> list[str]:
    """The country a body's meeting is held in: "the summit in Vientiane, Laos", "the session, held in
    Samarkand, Uzbekistan"; only a meeting of a series (an ordinal, a year, "annual", "next", or one the
    registry names), not any gathering."""
    k = n
    while parse.dep(k) == "compound" and parse.head(k) != k:
        k = parse.head(k)
    if parse.lemma(k) not in rt.MEETING_NOUNS:
        return []
    words = {parse.lemma(i) for i in parse.subtree(k, rt.CLAUSE_STOP) if i <= k}
    serial = words & {"annual", "next", "summit", "ministerial"} or any(
        (m.kind == "number" and (m.attrs or {}).get("unit") == "ordinal") or m.kind in ("date", "body")
        for i in parse.subtree(k, rt.CLAUSE_STOP) if i <= k for m in parse.mentions_at[i])
    if not serial:
        return []
    preps = parse.kids(k, "prep")
    verb = parse.head(k)
    if parse.dep(k) in ("nsubj", "nsubjpass") and parse.lemma(verb) in rt.HELD_VERBS:
        preps += parse.kids(verb, "prep")  # "the summit was held in X"
    after = max(parse.subtree(k)) + 1  # "addressed the session of X in Vientiane", "in" on the verb
    if after < len(parse.tokens) and parse.tokens[after].text == "(":
        after = next((i + 1 for i in range(after, len(parse.tokens)) if parse.tokens[i].text == ")"), after)
    if after < len(parse.tokens) and parse.head(after) in parse.ancestors(k):
        preps.append(after)
    places = [o for p in preps if parse.lemma(p) == "in" for o in parse.kids(p, "pobj")]
    for o in places:
        named = [parse.entity_at(i, ("country", "place")) for i in [o] + parse.kids(o, "appos", "conj")]
        ids = [str(m.id) for m in named if m is not None and m.id
               and (m.kind == "country" or (m.attrs or {}).get("how") == "capital")]
        if ids:
            return ids[:1]
    return []


def _guests(parse: Parse, objects: list[int], cls: str, ctx: Context) -> set[str]:
    """Those a gathering's list adds "as well as", or names as guests, observers or partners."""
    out: set[str] = set()
    for o in objects:
        for i in rt.list_tokens(parse, o):
            m = parse.entity_at(i)
            first = parse.token_range(m.start, m.end)[0] if m is not None else i
            before = " ".join(parse.tokens[j].text.lower() for j in range(max(0, first - 4), first))
            if parse.lemma(i) in rt.GUEST_WORDS or (parse.dep(i) == "conj" and "as well as" in before):
                out.update(phrase_actors(parse, i, cls, ctx))
    return out


def verb_actors(parse: Parse, cue: Cue, ctx: Context) -> list[str]:
    v, cls = cue.token, cue.cls
    if cue.via == "subj":  # "Y consists of A, B and C", "Y admitted X", "Y has members A and B"
        out: list[str] = []
        objects = parse.kids(v, "dobj")
        # "consists of A and B"; a meeting's "from" phrase only when it is its object's, hung on the
        # verb ("brought together leaders from A, B and C"), not its guests' ("and observers from D")
        edges = {max(parse.subtree(o)) + 1 for o in objects}
        objects += [o for p in parse.kids(v, "prep") for o in parse.kids(p, "pobj")
                    if not cue.meeting or (p in edges and parse.lemma(p) in ("of", "from"))]
        if parse.lemma(v) == "have":
            objects = [o for o in objects if rt.noun_class(parse, o) == rt.MEMBER]
        if cls in (rt.ADMIT, rt.EXPEL):  # "the Quad welcomed India's announcement" admits no one
            objects = [o for o in objects if parse.entity_at(o, ACTOR_KINDS) is not None]
        for c in objects:
            out.extend(phrase_actors(parse, c, cls, ctx))
        if cue.meeting:  # a meeting's guests are no members ("..., as well as guests from X"), nor are
            guests = _guests(parse, objects, cls, ctx)  # the meetings it comprises
            out = [a for a in out if a not in guests and is_country(a)]
        return out
    if cue.via == "unit":  # "the Bangladeshi field hospital ... under MINUSCA"
        for a in [v, *parse.ancestors(v)]:
            subj = parse.kids(a, "nsubj", "nsubjpass")
            if subj:
                return mention_actors(ctx.doc, mentions_in(parse, parse.subtree(subj[0])), rt.CONTRIB)
        return []
    if cue.via == "venue":
        return venue_actors(parse, v)
    if cue.via == "sibling":  # "A quit the Forum and rejoined": the clause's own subject, or its conjunct's
        return subject_actors(parse, v, cls, ctx)
    if cue.via == "rel":
        subj = parse.kids(v, "nsubj")
        if subj:
            return phrase_actors(parse, subj[0], cls, ctx)
        return _by_actors(parse, v, cls, ctx)
    if parse.dep(cue.body.head) == "nsubjpass" and parse.lemma(v) in ("join", "rejoin"):
        return []  # "the European Council was joined by X": X took part in its meeting
    if parse.dep(cue.body.head) == "nsubjpass" or (cue.meeting and parse.kids(v, "agent")):
        return _by_actors(parse, v, cls, ctx)
    if cls == rt.LEAVE:  # "withdrawing the United States from the WHO"
        for o in parse.kids(v, "dobj"):
            ids = phrase_actors(parse, o, cls, ctx)
            if ids:
                return ids
    return subject_actors(parse, v, cls, ctx)
