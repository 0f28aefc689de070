"""Roles: seats, memberships, offices and functions of a country in or for a body, read from the parse.

Every role fact starts from a body the sentence names (a body mention, or "the
bloc" / "the Council" referring back to one) and climbs the dependency tree to
the word that says what the body is to someone — the **cue**:

* a role noun the body hangs on: "a member of Y", "Y's chairmanship", "a seat
  on Y", "the ASEAN chair", "X's accession to Y", "troop contributors to Y";
* a verb the body is the object of: "X joined / quit / chaired / hosted Y",
  "X was elected to / admitted to / withdrew from Y", "deployed troops to Y",
  "created Y" (its founders), or a relative clause on the body ("Y, which X
  rejoined in 2023", "the Y summit that X will host");
* a verb the body is the subject of: "Y consists of / comprises / brought
  together A, B and C", "Y admitted X", "Y suspended X".

A body's meeting ("the 43rd ASEAN Summit") stands for the body when it is
hosted or chaired. The actors come from the cue's frame: the subject of the
verb (through coordination, control and relative clauses), the possessive or
demonym of the noun ("Russia's chairmanship", "the Russian chairmanship"), an
apposition ("Turkiye, a NATO member"; "Council members A, B and C"), the
subject of the copula or the verb an "as" phrase hangs on ("X is a member of",
"X, as chair of"). Every conjunct of a list is an actor. The terms come from
the date mentions of the cue's clause (:mod:`roles_terms`). A role asserted as
hypothetical or negated, or only sought ("applied to join", "a bid for a
seat"), or blocked, is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph import resolve
from diplograph.extract import roles_terms as rt
from diplograph.extract.actors import countries_of
from diplograph.extract.base import make_fact
from diplograph.extract.frames import Arg, DocParses, Parse
from diplograph.model import AnalyzedDocument, Fact, Mention

EXTRACTOR = "roles.v2"
NOUNS, VERBS = rt.NOUNS, rt.VERBS
# Where a body hangs below a role noun: "member of Y", "seat on Y", "accession to Y", "withdrawal from Y".
NOUN_PREPS = frozenset({"of", "in", "on", "to", "from", "for", "with", "within", "at", "into"})
# Where a body hangs below a verb, per cue class ("withdrew from Y", "elected to Y", "serving with Y").
VERB_PREPS: dict[str, frozenset[str]] = {
    rt.JOIN: frozenset({"in", "into", "to", "as"}), rt.LEAVE: frozenset({"from", "of"}),
    rt.SEAT: frozenset({"to", "on", "as"}), rt.CONTRIB: frozenset({"to", "with", "in", "under", "for"}),
    rt.CHAIR: frozenset({"over"}), rt.HOST: frozenset(), rt.FOUND: frozenset(),
}
# An actor phrase without an entity: a pronoun that refers back.
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
# Offices a person holds on behalf of their country when they chair or host ("President Tinubu chaired").
PERSON_CUES = frozenset({rt.CHAIR, rt.PRESIDENT, rt.HOST})
# Cues a body's meeting can stand on: hosting or chairing "the ASEAN Summit" is a role in ASEAN.
MEETING_CUES = frozenset({rt.HOST, rt.CHAIR, rt.PRESIDENT, rt.VICE, rt.COMPOSE})
# Where a role sought or blocked can govern the cue from ("a bid for a seat", "applied to join").
SOUGHT_PATH = frozenset({"dobj", "pobj", "prep", "xcomp", "acl", "pcomp", "attr", "oprd", "nsubjpass"})
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


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """Role facts of a document, one per (actor, body, role, term)."""
    parses = parses or DocParses(doc)
    ctx = Context(doc, last_country=doc.focus)
    found: list[tuple[Fact, bool]] = []
    for parse in parses:
        refs = body_refs(parse, ctx)
        previous: list[Cue] = []
        for ref in refs:
            found_cues = cues(parse, ref) or _list_continued(parse, ref, previous)
            for cue in found_cues:
                found.extend(cue_facts(parse, cue, ctx))
            previous = found_cues
        remember(parse, refs, ctx)
    return rt.consolidate(found)


# ----------------------------------------------------------------------------- bodies


def body_refs(parse: Parse, ctx: Context) -> list[BodyRef]:
    """The international bodies a sentence names, once each naming ("the WTO (World Trade Organization)"
    once), plus generic nouns that refer back to one ("the bloc", "Council members")."""
    refs: list[BodyRef] = []
    spans: list[tuple[int, int]] = []
    mentions = sorted((m for m in parse.sentence.mentions if m.kind == "body" and rt.is_international(m.id)),
                      key=lambda m: (m.start, -(m.end - m.start)))
    for m in mentions:
        if any(s <= m.start and m.end <= e for s, e in spans):
            continue  # "ASEAN" inside "ASEAN Inter-Parliamentary Assembly"
        head = parse.mention_head(m)
        if head is None:
            continue
        spans.append((m.start, m.end))
        if _restated(parse, head, m, refs):
            continue
        parent = rt.meeting_parent(str(m.id))
        refs.append(BodyRef(parent or str(m.id), head, meeting=parent is not None))
    seen = ctx.bodies_seen + [r.id for r in refs]
    for t in parse.tokens:
        if any(m.kind in ("body", "country", "person") for m in parse.mentions_at[t.i]) or t.pos not in NOUNS:
            continue
        word = t.lemma.lower()
        if word in rt.ANAPHORS and _refers_back(parse, t.i):
            bid = _antecedent(word, seen, [r.id for r in refs if r.head < t.i
                                           and parse.dep(r.head) in ("nsubj", "nsubjpass")])
            if bid:
                refs.append(BodyRef(bid, t.i))
        elif word in ("presidency", "chairmanship", "chair") and ctx.office_body and _bare_office(parse, t.i):
            refs.append(BodyRef(ctx.office_body, t.i, own_cue=True))
    return refs


def _restated(parse: Parse, head: int, m: Mention, refs: list[BodyRef]) -> bool:
    """A name in brackets or in apposition after the same body: "the ILC (International Law Commission)"."""
    for r in refs:
        first = parse.token_range(m.start, m.end)[0]
        if r.id == m.id and (parse.head(head) == r.head or parse.tokens[max(0, first - 1)].text == "("):
            return True
    return False


def _refers_back(parse: Parse, k: int) -> bool:
    """A generic noun used for a known body: "the bloc", "the group's", "Council members"."""
    kids = {parse.lemma(c) for c in parse.kids(k, "det", "poss")}
    named = [m for c in parse.kids(k, "compound", "nmod", "appos") for m in parse.mentions_at[c]]
    if any(m.kind == "body" for m in named):
        return False  # "the BRICS group", "the regional bloc ECOWAS" name their body themselves
    if kids & {"the", "its", "their"}:
        return True
    return parse.tokens[k].text[0].isupper() and parse.dep(k) == "compound"


def _antecedent(word: str, seen: list[str], here: list[str]) -> str | None:
    """The body a generic noun refers back to: the last one named whose name has that word ("the
    Council"); for "the bloc" / "the group", the bloc the document names most (ties: the latest)."""
    names = rt.ANAPHORS[word]
    if names:
        for bid in reversed(seen):
            if any(n.lower() in rt.body_words(bid) for n in names):
                return bid
        return None
    # "the AU was admitted to the grouping": what joins is not what is joined
    organization = word in ("organization", "organisation")
    eligible = [b for b in seen
                if b not in here and (rt.is_bloc(b) or organization and rt.is_international(b))]
    if not eligible:
        return None
    return max(reversed(eligible), key=eligible.count)


def _bare_office(parse: Parse, k: int) -> bool:
    """ "takes over the presidency": an office named without its body."""
    if parse.tokens[k].pos not in NOUNS or not any(parse.lemma(c) == "the" for c in parse.kids(k, "det")):
        return False
    return not any(m.kind == "body" for i in parse.subtree(k) for m in parse.mentions_at[i])


def remember(parse: Parse, refs: list[BodyRef], ctx: Context) -> None:
    """After a sentence: the bodies it named, and the country (or countries) it was about."""
    ctx.bodies_seen.extend(r.id for r in refs if not r.own_cue)
    root = next((t.i for t in parse.tokens if t.dep == "ROOT"), None)
    if root is None:
        return
    for s in parse.kids(root, "nsubj", "nsubjpass"):
        ids = _ids(ctx.doc, [m for i in rt.list_tokens(parse, s) for m in parse.mentions_at[i]], rt.MEMBER)
        if len(ids) == 1 and len(ids[0]) == 3:
            ctx.last_country = ids[0]
        elif len(ids) > 1:
            ctx.last_group = ids


# ----------------------------------------------------------------------------- cues


def cues(parse: Parse, ref: BodyRef) -> list[Cue]:
    """The cues a body hangs on: climb from its head through lists, meetings and "known as"."""
    if ref.own_cue:
        return [Cue(rt.noun_class(parse, ref.head) or rt.PRESIDENT, ref.head, ref, "noun")]
    out: list[Cue] = []
    k, meeting = ref.head, ref.meeting
    for _ in range(6):
        out.extend(_relative_cues(parse, k, ref, meeting))
        while parse.head(k) != k and ref.id in {m.id for m in parse.mentions_at[parse.head(k)]}:
            k = parse.head(k)  # "the New Development Bank (NDB)" hung together in one phrase
        while parse.dep(k) in ("conj", "appos") and _list_head(parse, parse.head(k)):
            k = parse.head(k)  # "member of the WTO, the World Bank and the IMF"
        dep, h = parse.dep(k), parse.head(k)
        if h == k:
            break
        ht = parse.tokens[h]
        if dep in ("compound", "amod", "nmod", "poss", "npadvmod", "nummod") and ht.pos in NOUNS:
            cls = rt.noun_class(parse, h)
            sibling = [c for c in parse.kids(h, "compound") if c != k and rt.noun_class(parse, c)]
            if cls:
                out.append(Cue(cls, h, ref, "noun", meeting))
            elif sibling:  # "the ASEAN Chairmanship Year"
                cls = rt.noun_class(parse, sibling[0]) or rt.CHAIR
                out.append(Cue(cls, sibling[0], ref, "noun", meeting))
            elif ref.id == "UN" and parse.lemma(h) in ("mission", "peacekeeping", "peacekeeper", "operation"):
                k, ref = h, BodyRef("UN_PKO", ref.head)  # "the UN mission in Abyei"
                continue
            elif parse.lemma(h) in rt.CONTAINERS or parse.lemma(h) in rt.ANAPHORS:
                k = h  # "the BRICS group", "the SAARC grouping"
                continue
            elif parse.lemma(h) in rt.MEETING_NOUNS:
                k, meeting = h, True
                continue
            break
        if dep == "pobj":
            while parse.dep(h) == "conj" and parse.tokens[parse.head(h)].pos == "ADP":
                h = parse.head(h)  # "a member of APEC and of the WTO"
            prep, g = parse.lemma(h), parse.head(h)
            gt = parse.tokens[g]
            if g == h:
                break
            if gt.pos in NOUNS and parse.lemma(g) in rt.CONTAINERS and prep in ("like", "as", "of", "among"):
                k = g  # "organisations like the WTO and the IMF", "mechanisms of ASEAN"
                continue
            if parse.lemma(g) == "include" and parse.dep(g) == "prep" and parse.head(g) != g:
                k = parse.head(g)  # "bodies including the WHO"
                continue
            if gt.pos in NOUNS and parse.lemma(g) in rt.TROOPS and prep in ("to", "with", "in", "under"):
                k = g  # "the top contributor of troops to UN missions"
                continue
            if gt.pos in NOUNS:
                cls = rt.noun_class(parse, g)
                if cls and prep in NOUN_PREPS:
                    out.append(Cue(cls, g, ref, "noun", meeting))
                elif parse.lemma(g) in rt.MEETING_NOUNS and prep in ("of", "for"):
                    k, meeting = g, True
                    continue
                break
            if gt.pos == "ADP" and parse.lemma(g) == "out":  # "pulled out of"
                g = parse.head(g)
            if parse.tokens[g].pos in VERBS:
                if parse.lemma(g) in ("know", "call", "name", "dub") and parse.dep(g) == "acl":
                    k = parse.head(g)  # "a confederation known as the Alliance of Sahel States"
                    continue
                cls = rt.verb_class(parse, g, rt.BODY_VERBS)
                allowed = VERB_PREPS.get(cls or "", frozenset())
                if rt.is_mission(ref.id) and cls in (rt.SEAT, rt.JOIN, rt.CONTRIB):
                    allowed = allowed | VERB_PREPS[rt.CONTRIB]  # "serving with / under the mission"
                if cls and prep in allowed:
                    out.append(Cue(cls, g, ref, "obj", meeting))
                elif parse.lemma(g) in rt.COPULAS and prep in NOUN_PREPS:  # "is the top contributor ... to Y"
                    out.extend(Cue(c, n, ref, "noun", meeting) for n in parse.kids(g, "attr")
                               for c in [rt.noun_class(parse, n)] if c)
            break
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and ht.pos in VERBS:
            cls = rt.verb_class(parse, h, rt.BODY_VERBS)
            if cls:
                out.append(Cue(cls, h, ref, "obj", meeting))
            elif parse.lemma(h) in ("know", "call", "name") and parse.dep(h) == "acl":
                k = parse.head(h)
                continue
            break
        if dep == "nsubj" and ht.pos in VERBS:
            cls = rt.verb_class(parse, h, rt.BODY_SUBJECT_VERBS)
            if cls:
                out.append(Cue(cls, h, ref, "subj", meeting))
            break
        break
    return [c for c in out if not c.meeting or c.cls in MEETING_CUES]


def _list_head(parse: Parse, k: int) -> bool:
    """A noun a list of bodies hangs on: another body, or "organisations", "mechanisms"."""
    return parse.lemma(k) in rt.CONTAINERS or any(
        m.kind == "body" and rt.is_international(m.id) for m in parse.mentions_at[k])


def _list_continued(parse: Parse, ref: BodyRef, previous: list[Cue]) -> list[Cue]:
    """A body the parser hung elsewhere after a list item ("joined the WTO, the World Bank, the IMF"
    with the later names attached to the main verb): it takes the cue of the body before it, when
    only list material stands between them (no verb, nothing the later body depends on)."""
    if not previous or parse.dep(ref.head) in ("nsubj", "nsubjpass"):
        return []
    k = ref.head
    while parse.dep(k) in ("conj", "appos") and parse.head(k) != k:
        k = parse.head(k)
    before = previous[0].body.head
    if before >= ref.head or before < parse.head(k) < ref.head:
        return []
    if any(parse.tokens[i].pos in VERBS for i in range(before + 1, ref.head)):
        return []
    return [Cue(c.cls, c.token, ref, c.via, c.meeting) for c in previous]


def _relative_cues(parse: Parse, k: int, ref: BodyRef, meeting: bool) -> list[Cue]:
    """ "the AU, which Gabon rejoined in 2023"; "the summit that Russia will host"; "which was hosted by";
    and a gerund the parser took for an adjective ("for chairing ECOWAS")."""
    out = [Cue(cls, c, ref, "obj", meeting) for c in parse.kids(k, "amod") if parse.tokens[c].tag == "VBG"
           for cls in [rt.verb_class(parse, c, rt.BODY_VERBS)] if cls]
    for v in parse.kids(k, "relcl"):
        cls = rt.verb_class(parse, v, rt.BODY_VERBS)
        if not cls:
            continue
        subj = parse.kids(v, "nsubj")
        if subj and parse.lemma(subj[0]) not in RELATIVE:
            out.append(Cue(cls, v, ref, "rel", meeting))
        elif parse.kids(v, "nsubjpass") and parse.kids(v, "agent"):
            out.append(Cue(cls, v, ref, "rel", meeting))
    return out


# ----------------------------------------------------------------------------- actors


def _ids(doc: AnalyzedDocument, mentions: list[Mention], cls: str) -> list[str]:
    """Actor ids of mentions: countries; national bodies as their country; international bodies (as
    members); people and titles only for offices held for their country (a chair, a host)."""
    out: list[str] = []
    for m in dict.fromkeys(mentions):
        if m.kind == "body" and m.id:
            c = resolve.national_country(str(m.id))
            if c and c != m.id:
                out.append(c)
            elif cls in (rt.MEMBER, rt.JOIN, rt.COMPOSE, rt.ADMIT) and rt.is_international(m.id):
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


def _mentions(parse: Parse, tokens: list[int]) -> list[Mention]:
    return [m for i in tokens for m in parse.mentions_at[i]]


def _by_actors(parse: Parse, v: int, cls: str, ctx: Context) -> list[str]:
    """The actors of a passive verb's "by" phrase ("was hosted by the Philippines")."""
    return [i for a in parse.prepositions(v).get("by", ()) for i in _phrase_actors(parse, a.head, cls, ctx)]


def _leader(m: Mention) -> bool:
    """A head of state or government, who acts for the country ("President X joined ...")."""
    title = str((m.attrs or {}).get("title") or (m.text if m.kind == "title" else "")).lower()
    lesser = ("vice", "deputy", "former")
    return any(w in title for w in rt.LEADER_TITLES) and not any(w in title for w in lesser)


def _phrase_actors(parse: Parse, k: int, cls: str, ctx: Context) -> list[str]:
    """Actors named by the phrase headed at ``k``: its head and list members ("Kenya, Uganda and
    Tanzania"), else the entities it is made of ("ministers from A, B and C", "the leader of X");
    a pronoun refers back."""
    word = parse.lemma(k)
    if word in SINGULAR_PRONOUNS or word in PLURAL_PRONOUNS:
        return _pronoun(parse, k, ctx)
    if parse.tokens[k].text.lower() in ("his", "her"):  # "in his capacity as President of the Council"
        people = [m for m in parse.sentence.mentions if m.kind == "person" and m.end <= parse.tokens[k].start]
        return _ids(ctx.doc, people[-1:], cls)
    tokens = rt.list_tokens(parse, k)
    head = parse.entity_at(k)
    if head is not None and _ids(ctx.doc, [head], cls):
        listed = [parse.entity_at(i) for i in tokens if i == k or parse.dep(i) in ("conj", "appos")]
        return _ids(ctx.doc, [m for m in listed if m is not None], cls)
    inner = [i for i in tokens if not any(parse.dep(a) == "prep" and parse.lemma(a) not in ("of", "from")
                                          for a in rt.path_up(parse, i, k))]
    ids = _ids(ctx.doc, [m for i in inner for m in parse.mentions_at[i]], cls)
    if not ids and word in ("country", "nation", "state", "government", "member") and ctx.last_group:
        counted = [parse.tokens[c].text.lower() for c in parse.kids(k, "nummod")]
        n = rt.NUMBER_WORDS.get(counted[0]) if counted else None
        if n == len(ctx.last_group) or (not counted and word != "member" and any(
                parse.lemma(c) in ("these", "those", "both") for c in parse.kids(k, "det", "predet"))):
            return list(ctx.last_group)  # "the three nations" after "Niger, Mali and Burkina Faso"
    return ids


def _pronoun(parse: Parse, k: int, ctx: Context) -> list[str]:
    """ "it" / "its": the country the sentence spoke of before, else the document's; "their": the
    countries named before it in the sentence, else the last list."""
    start = parse.tokens[k].start
    before = [m for m in parse.sentence.mentions if m.kind == "country" and m.end <= start and m.id]
    if parse.lemma(k) in PLURAL_PRONOUNS:
        for s in reversed([t.i for t in parse.tokens[:k] if t.dep in ("nsubj", "nsubjpass")]):
            ids = _ids(ctx.doc, _mentions(parse, rt.list_tokens(parse, s)), rt.MEMBER)
            if len(ids) > 1:
                return ids  # "The juntas of A, B and C said they were withdrawing"
        ids = list(dict.fromkeys(str(m.id) for m in before))
        return ids if len(ids) > 1 else list(ctx.last_group)
    if before:
        return [str(before[-1].id)] if len({m.id for m in before}) == 1 else [str(before[0].id)]
    return [ctx.last_country] if ctx.last_country else []


def _subject_actors(parse: Parse, v: int, cls: str, ctx: Context, depth: int = 0) -> list[str]:
    """Who a predicate is about: its subject (the passive subject for "was elected to"), a relative
    pronoun's antecedent, a noun's possessor ("India's decision to join"), the object of a verb of
    praise ("thanked X for joining"), else a controlling or coordinated verb's subject."""
    holders = [v] + parse.kids(v, "aux", "auxpass")  # a mis-parse can hang the subject on "been"
    for dep in ("nsubjpass", "nsubj"):
        for s in (s for h in holders for s in parse.kids(h, dep)):
            if parse.lemma(s) in RELATIVE and parse.dep(v) == "relcl":
                return _phrase_actors(parse, parse.head(v), cls, ctx)
            return _phrase_actors(parse, s, cls, ctx)
    h = parse.head(v)
    if depth > 4 or h == v:
        return []
    if parse.dep(v) == "amod" and parse.tokens[v].tag == "VBG":
        return _subject_actors(parse, h, cls, ctx, depth + 1)  # "for chairing X" parsed as an adjective
    if parse.dep(v) == "acl":
        poss = parse.kids(h, "poss")
        if poss:
            return _phrase_actors(parse, poss[0], cls, ctx)
        if parse.tokens[v].tag == "VBG":  # "troops serving with the mission"; "X has troops serving"
            found = _phrase_actors(parse, h, cls, ctx)
            if found or parse.tokens[parse.head(h)].pos not in VERBS or parse.dep(h) not in ("dobj", "nsubj"):
                return found
            return _subject_actors(parse, parse.head(h), cls, ctx, depth + 1)
    if parse.tokens[h].pos == "ADP":
        p = h
        while parse.dep(p) == "conj" and parse.tokens[parse.head(p)].pos == "ADP":
            p = parse.head(p)  # "for signing ... and for joining"
        g = parse.head(p)
        if parse.lemma(p) == "for" and parse.lemma(g) in rt.PRAISE_VERBS:
            for o in parse.kids(g, "dobj"):
                return _phrase_actors(parse, o, cls, ctx)  # "congratulated X for joining"
        return _subject_actors(parse, g, cls, ctx, depth + 1) if parse.tokens[g].pos in VERBS else []
    agents, _ = parse.subjects(v)
    ids = _ids(ctx.doc, [m for a in agents for m in _arg_mentions(parse, a)], cls)
    if ids:
        return ids
    if agents and parse.lemma(agents[0].head) in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
        return _pronoun(parse, agents[0].head, ctx)
    if parse.dep(v) in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "acl") and parse.tokens[h].pos in VERBS:
        return _subject_actors(parse, h, cls, ctx, depth + 1)
    return []


def _arg_mentions(parse: Parse, a: Arg) -> list[Mention]:
    return [a.referent] if a.referent is not None else list(a.mentions)


def noun_actors(parse: Parse, n: int, cls: str, ctx: Context, depth: int = 0) -> tuple[list[str], int | None]:
    """The actors of a role noun and the predicate it hangs on (for the clause's dates)."""
    for c in parse.kids(n, "poss"):
        if not any(m.kind == "body" and rt.is_international(m.id) for m in parse.mentions_at[c]):
            return _phrase_actors(parse, c, cls, ctx), None  # not "ASEAN's 11th member"
    if cls in (rt.JOIN, rt.LEAVE):  # "the accession of Croatia to the EU", "the withdrawal of X from Y"
        for p in parse.kids(n, "prep"):
            if parse.lemma(p) in ("of", "by"):
                found = [i for o in parse.kids(p, "pobj") for i in _phrase_actors(parse, o, cls, ctx)]
                if found:
                    return found, _verb_above(parse, n)
    for c in parse.kids(n, "amod", "compound"):
        m = parse.entity_at(c, ("country",))
        if m is not None:
            return _ids(ctx.doc, [m], cls), None  # "the Russian chairmanship"
    dep, h = parse.dep(n), parse.head(n)
    if dep == "appos" and h != n:
        if rt.noun_class(parse, h) and depth < 2:  # a list of roles: "vice chair of X, member of Y"
            return noun_actors(parse, h, cls, ctx, depth + 1)
        return _phrase_actors(parse, h, cls, ctx), None  # "Turkiye, a NATO member"
    for c in parse.kids(n, "appos"):
        if parse.entity_at(c, ACTOR_KINDS) is not None:
            return _phrase_actors(parse, c, cls, ctx), None  # "the current ASEAN chair, Laos"
    if dep == "compound" and parse.entity_at(h, ACTOR_KINDS) is not None:
        return _phrase_actors(parse, h, cls, ctx), None  # "Council members Greece, Panama and Peru"
    left = parse.subtree(n)[0] - 2  # "Malaysia, the current ASEAN chair, hosted" with the comma mis-parsed
    if left >= 0 and parse.tokens[left + 1].text == "," and parse.entity_at(left, ("country",)) is not None \
            and parse.head(left) in (n, h) and parse.dep(n) in ("nsubj", "npadvmod", "appos"):
        return _phrase_actors(parse, left, cls, ctx), None
    nxt = n + 1
    if nxt < len(parse.tokens) and parse.entity_at(nxt, ("country",)) is not None \
            and (parse.head(nxt) in (n, h) or nxt == h) and parse.dep(nxt) in (dep, "appos", "compound",
                                                                                 "nsubj"):
        return _phrase_actors(parse, nxt, cls, ctx), None  # "fellow members Kazakhstan and Uzbekistan"
    if dep == "conj" and depth < 2 and parse.tokens[h].pos in NOUNS:
        return noun_actors(parse, h, cls, ctx, depth + 1)
    if dep == "dobj" and parse.lemma(h) == "rotate" and depth < 2:
        return noun_actors(parse, h, cls, ctx, depth + 1)  # "the role of rotating President" mis-parsed
    if dep in ("attr", "acomp", "oprd", "dobj", "nsubjpass") and parse.tokens[h].pos in VERBS:
        founding = parse.lemma(h) == "found" and parse.tokens[h].tag == "VBG"  # "were founding members"
        if parse.lemma(h) in rt.COPULAS or parse.lemma(h) in rt.HOLD_VERBS or founding:
            return _subject_actors(parse, h, cls, ctx), h
        return [], None
    if dep in ("pobj", "pcomp") and h != n:
        prep, g = parse.lemma(h), parse.head(h)
        if prep == "of" and parse.tokens[g].pos in ("NUM", "PRON", "ADJ", "NOUN", "PROPN") and depth < 2 \
                and parse.entity_at(g, ACTOR_KINDS) is None and rt.noun_class(parse, g) is None:
            return noun_actors(parse, g, cls, ctx, depth + 1)  # "one of the members", "the position of chair"
        such = prep == "as" and any(parse.lemma(c) == "such" for c in parse.kids(h))
        if prep in ("like", "including") or such:
            v = next((a for a in parse.ancestors(n) if parse.tokens[a].pos in VERBS), None)
            if v is not None:  # "elected to many positions, such as member of the council"
                return _subject_actors(parse, v, cls, ctx), v
            return [], None
        if prep in ("as", "among") or (prep == "to" and parse.lemma(g) == "elect"):
            if parse.tokens[g].pos in VERBS:
                return _subject_actors(parse, g, cls, ctx), g
            if parse.entity_at(g, ACTOR_KINDS) is not None:
                return _phrase_actors(parse, g, cls, ctx), None  # "Japan, as a member of"
            if parse.tokens[g].pos in NOUNS and depth < 2:
                return noun_actors(parse, g, cls, ctx, depth + 1)  # "its stint as a member of"
    return [], None


def _verb_above(parse: Parse, n: int) -> int | None:
    """The verb a noun phrase is an argument of, through a preposition ("under the chairmanship")."""
    h = parse.head(n)
    if parse.dep(n) == "pobj" and parse.tokens[h].pos == "ADP":
        h = parse.head(h)
    if parse.dep(n) in ("compound", "amod", "appos", "poss"):
        return None
    return h if h != n and parse.tokens[h].pos in VERBS else None


def handover(parse: Parse, n: int, ctx: Context, cls: str) -> list[tuple[str, str]] | None:
    """An office changing hands: "A handed over the chair to B", "B took over the presidency from A",
    "the presidency passed from A to B" -> [(actor, "end" | "start")]; None when it does not."""
    v = parse.head(n)
    if v == n or parse.tokens[v].pos not in VERBS or parse.dep(n) not in ("dobj", "nsubj"):
        return None
    preps = parse.prepositions(v)
    givers = [i for a in preps.get("from", ()) for i in _phrase_actors(parse, a.head, cls, ctx)]
    takers = [i for a in preps.get("to", ()) for i in _phrase_actors(parse, a.head, cls, ctx)]
    lemma = parse.lemma(v)
    if parse.dep(n) == "dobj" and lemma in ("hand", "pass", "transfer", "cede", "relinquish"):
        givers = givers or _subject_actors(parse, v, cls, ctx)
    elif parse.dep(n) == "dobj" and givers and (lemma in rt.START_VERBS or rt.particle(parse, v) == "over"):
        takers = takers or _subject_actors(parse, v, cls, ctx)
    if not givers:
        return None
    return [(g, "end") for g in givers] + [(t, "start") for t in takers]


def verb_actors(parse: Parse, cue: Cue, ctx: Context) -> list[str]:
    v, cls = cue.token, cue.cls
    if cue.via == "subj":  # "Y consists of A, B and C", "Y admitted X", "Y has members A and B"
        out: list[str] = []
        objects = parse.kids(v, "dobj") + [o for p in parse.kids(v, "prep") for o in parse.kids(p, "pobj")]
        if parse.lemma(v) == "have":
            objects = [o for o in objects if rt.noun_class(parse, o) == rt.MEMBER]
        for c in objects:
            out.extend(_phrase_actors(parse, c, cls, ctx))
        return out
    if cue.via == "rel":
        subj = parse.kids(v, "nsubj")
        if subj:
            return _phrase_actors(parse, subj[0], cls, ctx)
        return _by_actors(parse, v, cls, ctx)
    if parse.dep(cue.body.head) == "nsubjpass" or (cue.meeting and parse.kids(v, "agent")):
        return _by_actors(parse, v, cls, ctx)
    if cls == rt.LEAVE:  # "withdrawing the United States from the WHO"
        for o in parse.kids(v, "dobj"):
            ids = _phrase_actors(parse, o, cls, ctx)
            if ids:
                return ids
    return _subject_actors(parse, v, cls, ctx)


# ----------------------------------------------------------------------------- facts


def _only_country(parse: Parse, ctx: Context) -> list[str]:
    """The document's country, when the sentence names no other country."""
    focus = ctx.doc.focus
    if any(m.kind == "person" for m in parse.sentence.mentions):
        return []  # the office may be that person's own ("X, President of the Commission")
    named = {c for m in parse.sentence.mentions if m.kind in ("country", "pair", "group")
             for c in countries_of(ctx.doc, m)}
    return [focus] if focus and named <= {focus} else []


def _companions(parse: Parse, verbs: list[int], cls: str, ctx: Context) -> list[str]:
    """Countries that did the same alongside the subject: "alongside B", "together with B", "along with B"."""
    out: list[str] = []
    for v in verbs:
        preps = parse.kids(v, "prep")
        # "along with" comes as two nested prepositions
        preps += [q for p in preps if parse.lemma(p) == "along" for q in parse.kids(p, "prep")]
        for p in preps:
            word = parse.lemma(p)
            before = parse.tokens[p - 1].text.lower() if p else ""
            if word == "alongside" or (word == "with" and (before in ("together", "along") or any(
                    parse.lemma(c) in ("together", "along") for c in parse.kids(p, "advmod")))):
                for o in parse.kids(p, "pobj"):
                    out.extend(_phrase_actors(parse, o, cls, ctx))
    return out


def _reported_future(parse: Parse, pred: int) -> bool:
    """ "said X would hand over the chair": a future told in reported speech, not a hypothesis."""
    return {parse.lemma(a) for a in parse.kids(pred, "aux")} == {"would"} and parse.dep(pred) == "ccomp"


def _sought(parse: Parse, k: int, pred: int | None) -> bool:
    """A role only sought, planned by hope, blocked or hypothetical: "applied to join", "a bid for a seat",
    "blocked Sweden's membership", "could join", "is not a member". The mood is the predicate's
    (``pred``): an apposition ("Norway, a NATO member, declined") has none of its own."""
    if pred is not None:
        negated, mood = parse.modality(pred)
        if negated or (mood == "hypothetical" and not _reported_future(parse, pred)):
            return True
    i = k
    for _ in range(5):
        h = parse.head(i)
        if h == i or parse.dep(i) not in SOUGHT_PATH:
            return False  # a subject or an apposition is not what the verb above seeks
        if parse.lemma(h) in rt.DESIRE or (parse.lemma(h) in ("have", "be") and any(
                parse.lemma(c) == "yet" for c in parse.kids(h, "advmod"))):
            return True  # "has applied to join", "has yet to join"
        if parse.tokens[h].pos in VERBS and parse.dep(i) != "xcomp" and parse.tokens[i].pos != "ADP":
            if parse.kids(h, "neg"):
                return True
            if parse.dep(h) != "xcomp":
                return False
        if parse.tokens[h].pos in NOUNS and parse.tokens[i].pos in VERBS:
            return False  # "India's decision to join": the noun decides
        i = h
    return False


def _label(parse: Parse, cue: Cue, mods: frozenset[str]) -> str | None:
    for k in parse.subtree(cue.token if cue.via == "noun" else cue.body.head):
        t = parse.tokens[k]
        ordinal = t.text[:1].isdigit() and t.text.lower().endswith(("st", "nd", "rd", "th"))
        if ordinal and k + 1 < len(parse.tokens) and parse.lemma(k + 1) in ("session", "term"):
            return f"{t.text} {parse.tokens[k + 1].text}"
    if "permanent" in mods and "non-permanent" not in mods:
        return "permanent member"
    if "associate" in mods:
        return "associate member"
    return None


def _term_kind(parse: Parse, cue: Cue, role: str, gov: int | None) -> str:
    if cue.cls in (rt.JOIN, rt.FOUND, rt.ADMIT, rt.CONTRIB) or cue.cls == rt.MEMBER and role == "member":
        return "start"
    if cue.cls in (rt.LEAVE, rt.EXPEL):
        return "end"
    verb = gov if gov is not None else (parse.head(cue.token) if cue.via == "noun" else cue.token)
    lemma, prt = parse.lemma(verb), rt.particle(parse, verb)
    taken = parse.head(cue.token) == verb and parse.dep(cue.token) == "dobj"
    took = lemma == "take" and (prt in ("over", "up") or taken)
    if lemma in rt.START_VERBS or took:  # "took over the chair", "took its seat"
        return "start"
    if lemma in rt.END_VERBS:
        return "end"
    return "seat" if role in ("non_permanent_member", "board_member", "member") else "point"


def cue_facts(parse: Parse, cue: Cue, ctx: Context) -> list[tuple[Fact, bool]]:
    """The role facts one cue states: one per actor and term."""
    mods = rt.modifiers(parse, cue.token)
    gov: int | None = None
    phased: list[tuple[str, str]] | None = None
    if cue.via == "noun":
        cut = parse.head(cue.token)  # "halted its funding for X", "prohibiting any future funding for X"
        if cue.cls == rt.CONTRIB and parse.dep(cue.token) == "dobj" and parse.lemma(cut) in rt.CUT_VERBS:
            actors = noun_actors(parse, cue.token, cue.cls, ctx)[0] or _subject_actors(
                parse, cut, cue.cls, ctx)
            phased = [(a, "end") for a in actors]
            mods = mods - rt.NOT_MEMBER_WORDS
        elif mods & rt.NOT_MEMBER_WORDS or (parse.dep(cue.token) == "compound"
                                            and parse.kids(cue.token, "nummod")):
            return []  # "a dialogue partner", "future membership", "the 10-member bloc"
        else:
            phased = handover(parse, cue.token, ctx, cue.cls)
        actors, gov = noun_actors(parse, cue.token, cue.cls, ctx)
        if gov is None:  # the clause the noun sits in dates it: "met under X's chairmanship in 2023"
            gov = _verb_above(parse, cue.token)
    else:
        words = rt.as_words(parse, cue.token)
        if words & rt.NOT_MEMBER_WORDS:
            return []  # "admitted to the SCO as a dialogue partner"
        mods = mods | frozenset(words)
        objects = [i for o in parse.kids(cue.token, "dobj") for i in parse.subtree(o)]
        if any(m.kind == "number" and (m.attrs or {}).get("unit") not in (None, "percent", "ordinal")
               for m in _mentions(parse, objects)):
            mods = mods | {"money"}  # "contributed 50 million euros to the agency"
        actors = verb_actors(parse, cue, ctx)
    if _sought(parse, cue.token, gov if cue.via == "noun" else cue.token):
        return []
    role = rt.role_name(cue.cls, cue.body.id, mods)
    if role is None:
        return []
    if actors and role == "member":  # "became a member ..., together with B and C"
        actors = actors + _companions(parse, [v for v in (gov, cue.token) if v is not None], cue.cls, ctx)
    pairs = phased if phased else [(a, "") for a in actors]
    pairs = [(a, p) for a, p in pairs if a and a != cue.body.id]
    if not pairs and role in ("chair", "president", "host") and cue.via == "noun":
        pairs = [(a, "") for a in _only_country(parse, ctx)]  # "the ASEAN Chairmanship Year 2020" in a
    if not pairs:                                               # text about one country
        return []
    if role in ("chair", "president"):
        ctx.office_body = cue.body.id
    scope = set(rt.clause_tokens(parse, cue.token))
    if gov is not None:
        scope |= set(rt.clause_tokens(parse, gov))
    for k in list(scope):  # "for three-year terms starting in January 2026"
        for c in parse.kids(k, "advcl", "acl", "pcomp", "xcomp"):
            if parse.lemma(c) in rt.TERM_VERBS:
                scope |= set(rt.clause_tokens(parse, c))
    # a date in the body's own name is its meeting's ("hosted APEC 2017"); else the clause's; else the
    # noun phrase the cue is part of ("as part of its stint as a member of the council in 2020-2021")
    dates = rt.dates_in(parse, parse.subtree(cue.body.head)) or rt.dates_in(parse, sorted(scope))
    if not dates and cue.via == "noun":
        dates = rt.dates_in(parse, rt.clause_tokens(parse, rt.phrase_top(parse, cue.token)))
    first = parse.head(cue.token)
    if not dates and cue.via != "noun" and parse.dep(cue.token) in ("conj", "advcl") \
            and parse.tokens[first].pos in VERBS and parse.tokens[cue.token].tag in ("VBD", "VBG", "VBN"):
        dates = rt.dates_in(parse, rt.clause_tokens(parse, first))  # "In 2023, A left X and formed Y"
    kind = _term_kind(parse, cue, role, gov)
    length = rt.term_length(parse, sorted(scope))
    found_terms = rt.terms(parse, dates, kind, length) if cue.cls != rt.COMPOSE else []
    pred = cue.token if cue.via != "noun" or gov is None else gov
    if parse.modality(pred)[1] == "planned" or _reported_future(parse, pred):
        found_terms = [rt.ahead(t, ctx.doc.published) for t in found_terms]  # "will host ... in October"
    label = _label(parse, cue, mods)
    doc = ctx.doc
    out: list[tuple[Fact, bool]] = []
    for actor, phase in pairs:
        for term in found_terms or [rt.Term(None, None, False)]:
            start, end = term.start, term.end
            if phase == "end":
                start, end = None, term.start or term.end
            elif phase == "start":
                start, end = term.start or term.end, None
            fields = {"actor": actor, "body": cue.body.id, "role": role, "start": start, "end": end}
            if label:
                fields["label"] = label
            if cue.cls in (rt.LEAVE, rt.EXPEL) or (cue.cls == rt.CONTRIB and phase == "end"):
                ended = "ended" if cue.cls == rt.CONTRIB else "left"
                fields["status"] = "suspended" if parse.lemma(cue.token).startswith("suspen") else ended
            out.append((make_fact(doc, parse.sentence, "role", EXTRACTOR, confidence=0.7, **fields),
                        term.written))
    return out
