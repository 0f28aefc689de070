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
  together A, B and C", "Y admitted X", "Y suspended X";
* a clause with no body of its own beside the body's ("X quit the Forum in
  2022 and rejoined in 2023"; "Y was founded by A and B, while C has been
  suspended"), ", of which X is a member", "a status already held by A";
* the venue of a meeting of the body's series ("the 45th General Assembly of
  AIPA in Vientiane, Laos"), a unit serving under a mission ("the field
  hospital ... under UNMISS").

A body's meeting ("the 43rd ASEAN Summit") stands for the body when it is
hosted, chaired or held somewhere ("the summit in Vientiane, Laos"). The bodies
a sentence speaks of are found by :mod:`roles_bodies`; the actors come from the
cue's frame (:mod:`roles_actors`): the subject of the verb, the possessive or
demonym of the noun, an apposition, the subject of the copula; every conjunct
of a list is an actor, but a singular role in a list of leaders each with an
office is its own holder's. The terms come from the date mentions of the cue's
clause (:mod:`roles_terms`): a term a clause opens ("terms that begin on"), an
office changing hands (ends for the giver, starts for the taker), each body of
a clause its own dates. A role asserted as hypothetical or negated, or only
sought ("applied to join", "a bid for a seat"), or blocked, or asked, is none.
"""

from __future__ import annotations

from dataclasses import replace

from diplograph.extract import roles_terms as rt
from diplograph.extract.base import make_fact
from diplograph.extract.frames import DocParses, Parse
from diplograph.extract.roles_actors import (
    RELATIVE, BodyRef, Context, Cue, countries_of, handover, mentions_in, noun_actors, phrase_actors,
    subject_actors, venue_actors, verb_above, verb_actors,
)
from diplograph.extract.roles_bodies import body_refs, remember
from diplograph.model import AnalyzedDocument, Fact

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
# Cues a body's meeting can stand on: hosting or chairing "the ASEAN Summit" is a role in ASEAN.
MEETING_CUES = frozenset({rt.HOST, rt.CHAIR, rt.PRESIDENT, rt.VICE, rt.COMPOSE})
# Where a role sought or blocked can govern the cue from ("a bid for a seat", "applied to join").
SOUGHT_PATH = frozenset({"dobj", "pobj", "prep", "xcomp", "acl", "pcomp", "attr", "oprd", "nsubjpass"})


def extract(doc: AnalyzedDocument, parses: DocParses | None = None) -> list[Fact]:
    """Role facts of a document, one per (actor, body, role, term)."""
    parses = parses or DocParses(doc)
    ctx = Context(doc, last_country=doc.focus)
    found: list[rt.Found] = []
    for parse in parses:
        refs = body_refs(parse, ctx)
        previous: list[Cue] = []
        asked = parse.tokens and parse.tokens[-1].text == "?"  # a question asserts no role
        for ref in [] if asked else refs:
            found_cues = cues(parse, ref) or _list_continued(parse, ref, previous)
            for cue in found_cues:
                found.extend(cue_facts(parse, cue, ctx))
            previous = found_cues
        remember(parse, refs, ctx)
    return rt.consolidate(found)


# ----------------------------------------------------------------------------- cues


def cues(parse: Parse, ref: BodyRef) -> list[Cue]:
    """The cues a body hangs on: climb from its head through lists, meetings and "known as"."""
    if ref.own_cue:
        if parse.tokens[ref.head].pos in VERBS:
            return [Cue(rt.SEAT, ref.head, ref, "obj")]
        return [Cue(ref.cls or rt.noun_class(parse, ref.head) or rt.PRESIDENT, ref.head, ref, "noun")]
    out: list[Cue] = []
    k, meeting = ref.head, ref.meeting
    seat = bool(ref.named and rt.is_secretariat(ref.named))  # where a body sits is only hosted
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
            elif parse.lemma(h) in rt.MEETING_NOUNS | rt.SEAT_OF_BODY:
                k, meeting, seat = h, True, seat or parse.lemma(h) in rt.SEAT_OF_BODY
                continue
            break
        if dep == "pobj":
            prep = parse.lemma(h)  # its own preposition: "serving on X for 2023-2027 and on Y"
            while parse.dep(h) == "conj" and parse.tokens[parse.head(h)].pos == "ADP":
                h = parse.head(h)  # "a member of APEC and of the WTO"
            g = parse.head(h)
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
                elif parse.lemma(g) in rt.MEETING_NOUNS | rt.SEAT_OF_BODY and prep in ("of", "for"):
                    k, meeting, seat = g, True, seat or parse.lemma(g) in rt.SEAT_OF_BODY
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
                elif rt.is_mission(ref.id) and prep in ("under", "with") and _unit_does(parse, g):
                    out.append(Cue(rt.CONTRIB, g, ref, "unit"))  # "the field hospital ... under UNMISS"
            break
        if dep == "nsubjpass" and rt.is_verb(parse, h) and parse.lemma(h) in ("make", "compose", "form") and \
                any(parse.lemma(p) == "of" for p in parse.kids(h, "prep")):
            out.append(Cue(rt.COMPOSE, h, ref, "subj", meeting))  # "the bloc is made up of A, B and C"
            break
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and rt.is_verb(parse, h):
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
    if not out and parse.dep(k) in ("nsubj", "nsubjpass") and parse.tokens[parse.head(k)].pos in VERBS:
        out = _siblings(parse, parse.head(k), ref)  # "Y was founded by A and B, while C has been suspended"
    if not out and not ref.meeting:
        out = _of_before(parse, ref)
    out += [s for c in out if c.via == "obj" for s in _siblings(parse, c.token, ref)]
    if meeting and not any(c.cls == rt.HOST for c in out) and rt.meets_around(ref.id) \
            and venue_actors(parse, k):  # "the 45th General Assembly of AIPA in Vientiane, Laos"
        out.append(Cue(rt.HOST, k, ref, "venue", True))
    if any(c.meeting for c in out) and _with_a_partner(parse, k):
        return []  # "the U.S.-ASEAN Summit", "the ASEAN-Japan summit": a dialogue, not the body's own meeting
    return [c for c in out if (not c.meeting or c.cls in MEETING_CUES) and (not seat or c.cls == rt.HOST)]


def _of_before(parse: Parse, ref: BodyRef) -> list[Cue]:
    """"a member of the UNESCO World Heritage Committee" where the parser lost the phrase (an all-capitals
    word broke it): the role noun written right before "of (the)" and the body's name."""
    m = next((m for m in parse.sentence.mentions if m.kind == "body" and parse.mention_head(m) == ref.head), None)
    if m is None:
        return []
    span = parse.token_range(m.start, m.end)
    i = span[0] - 1 if span else -1
    if i >= 0 and parse.lemma(i) == "the":
        i -= 1
    if i < 1 or parse.lemma(i) != "of":
        return []
    cls = rt.noun_class(parse, i - 1)
    return [Cue(cls, i - 1, ref, "noun")] if cls else []


def _unit_does(parse: Parse, v: int) -> bool:
    """A verb whose subject is a unit of troops ("the Level-2 Field Hospital Rotation 7 is preparing to
    replace its predecessor under UNMISS")."""
    for a in [v, *parse.ancestors(v)]:
        subj = parse.kids(a, "nsubj", "nsubjpass")
        if subj:
            return any(parse.lemma(c) in rt.TROOPS for c in [subj[0], *parse.kids(subj[0], "compound")])
        if parse.dep(a) not in ("xcomp", "conj"):
            return False
    return False


def _with_a_partner(parse: Parse, k: int) -> bool:
    """A meeting named with a country beside the body ("U.S.-ASEAN", "ASEAN-China")."""
    left = [i for i in parse.subtree(k, rt.CLAUSE_STOP) if i <= k]
    return any(m.kind in ("country", "pair") and (m.attrs or {}).get("how") != "capital"  # not "the
               for i in left for m in parse.mentions_at[i]) or any(  # Washington NATO Summit"
        rt.names_country(part) for i in left for part in parse.tokens[i].text.split("-")[:-1])


def _siblings(parse: Parse, v: int, ref: BodyRef) -> list[Cue]:
    """Joining, leaving or suspension told in a clause coordinated with or added to the body's own, with
    no body of its own: "X quit the Forum in 2022 and rejoined in 2023"; "Y was founded by A and B,
    while C has been suspended since 2016"."""
    out: list[Cue] = []
    for c in parse.kids(v, "conj", "advcl"):
        cls = rt.verb_class(parse, c, rt.BODY_VERBS)
        objects = parse.kids(c, "dobj") + [o for p in parse.kids(c, "prep") for o in parse.kids(p, "pobj")
                                            if parse.lemma(p) in ("to", "from", "of", "into")]
        if cls in (rt.JOIN, rt.LEAVE) and not objects and parse.tokens[c].pos in VERBS:
            out.append(Cue(cls, c, ref, "sibling"))
    return out


def _of_which(parse: Parse, v: int) -> int | None:
    """What ", of which X is a member" follows, wherever the parser hung the clause: the noun before the
    comma (through a bracketed acronym)."""
    of = [c for c in parse.kids(v, "prep", "dep") if parse.lemma(c) == "of" and c < v and any(
        parse.lemma(o) in ("which", "whom") for o in parse.kids(c, "pobj"))]
    if not of or parse.lemma(v) not in rt.COPULAS or of[0] < 2 or parse.tokens[of[0] - 1].text != ",":
        return None
    j = of[0] - 2
    return parse.head(j) if parse.tokens[j].text == ")" else j


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
    for v in [t.i for t in parse.tokens if t.dep == "relcl" and _of_which(parse, t.i) == k]:
        out += [Cue(c, n, ref, "noun", meeting) for n in parse.kids(v, "attr")  # "Mercosur, of which
                for c in [rt.noun_class(parse, n)] if c]                         # Brazil is a member"
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


# ----------------------------------------------------------------------------- facts


def _only_country(parse: Parse, ctx: Context) -> list[str]:
    """The document's country, when the sentence names no other country."""
    focus = ctx.doc.focus
    if any(m.kind == "person" for m in parse.sentence.mentions):
        return []  # the office may be that person's own ("X, President of the Commission")
    named = {c for m in parse.sentence.mentions if m.kind in ("country", "pair", "group")
             for c in countries_of(ctx.doc, m)}
    return [focus] if focus and named <= {focus} else []


def _status_holders(parse: Parse, n: int, cls: str, ctx: Context) -> list[str]:
    """Those an apposition says hold the same role: "..., a status already held by A and B"."""
    above = {*parse.subtree(n), *parse.ancestors(n)}  # on the role, its body, or the clause above
    out: list[str] = []
    for t in parse.tokens[n + 1:]:
        if t.lemma.lower() in rt.STATUS_NOUNS and t.dep in ("appos", "npadvmod") and t.head in above:
            for v in parse.kids(t.i, "acl"):
                if parse.lemma(v) in rt.HOLD_VERBS:
                    out += [i for a in parse.kids(v, "agent") for o in parse.kids(a, "pobj")
                            for i in phrase_actors(parse, o, cls, ctx)]
    return out


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
                    out.extend(phrase_actors(parse, o, cls, ctx))
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
        if parse.dep(i) == "advcl" and parse.lemma(h) in rt.DESIRE and any(
                parse.lemma(c) == "to" for c in parse.kids(i, "aux")):
            return True  # "calling for the AU to join the G20"
        if h == i or parse.dep(i) not in SOUGHT_PATH:
            return False  # a subject or an apposition is not what the verb above seeks
        if parse.dep(i) == "prep" and parse.lemma(i) == "as" and parse.tokens[h].pos in VERBS and any(
                i < s for s in parse.kids(h, "nsubj", "nsubjpass")):
            return False  # "As ASEAN Chair, X proposed ...": what X is, not what X wants (a fronted "as")
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
    if "associate" in mods or "associated" in mods:
        return "associated state" if parse.lemma(cue.token) == "state" else "associate member"
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


def _own_dates(parse: Parse, cue: Cue, dates: list[rt.DateRef], scope: set[int]) -> list[rt.DateRef]:
    """With several bodies in one clause, each its own dates: those between it and the next body
    ("serving on X for 2023-2027 and on Y for 2022-2026")."""
    heads = sorted(h for m in parse.sentence.mentions if m.kind == "body" and rt.is_international(m.id)
                   for h in [parse.mention_head(m)] if h is not None and h in scope)
    if len(heads) < 2 or cue.body.head not in heads:
        return dates
    i = heads.index(cue.body.head)
    lo, hi = (heads[i - 1] if i else -1), (heads[i + 1] if i + 1 < len(heads) else len(parse.tokens))
    own = [d for d in dates if cue.body.head < d.token < hi] or [d for d in dates if lo < d.token < hi]
    return own or dates


def _trailing_dates(parse: Parse, cue: Cue, after: int, gov: int | None) -> list[rt.DateRef]:
    """The dates of a prepositional phrase right after the cue's clause that the parser hung on the
    clause above it or on a clause below it."""
    while after < len(parse.tokens) and parse.tokens[after].text in (")", "]", "\"", ","):
        after += 1
    if after >= len(parse.tokens) or parse.lemma(after) not in rt.TERM_PREPS:
        return []
    anchor, h = (gov if gov is not None else cue.token), parse.head(after)
    if h == anchor or h in parse.ancestors(anchor) or anchor in parse.ancestors(h):
        return rt.dates_in(parse, rt.clause_tokens(parse, after))
    return []


def _when_of_which(parse: Parse, v: int) -> list[rt.DateRef]:
    """A "when" clause on "the last (first) of which" after a list of dates: that date."""
    if parse.dep(v) != "advcl" or not any(parse.lemma(c) == "when" for c in parse.kids(v, "advmod", "mark")):
        return []
    for subj in parse.kids(parse.head(v), "nsubj", "nsubjpass"):
        which = [o for p in parse.kids(subj, "prep") for o in parse.kids(p, "pobj")
                 if parse.lemma(o) == "which"]
        first = min(parse.subtree(subj))
        if parse.lemma(subj) not in ("last", "first", "latest") or not which or first < 2 \
                or parse.tokens[first - 1].text != ",":
            continue
        i = first - 2
        while parse.dep(i) == "conj" and parse.head(i) < i:
            i = parse.head(i)
        listed = rt.dates_in(parse, rt.clause_tokens(parse, i))
        if listed and listed[-1].token <= first - 2:
            return listed[:1] if parse.lemma(subj) == "first" else listed[-1:]
    return []


def _suspended(parse: Parse, k: int) -> bool:
    """A role noun's phrase is the subject of "(remain) suspended"."""
    while parse.dep(k) in ("pobj", "prep", "appos", "conj") and parse.head(k) != k:
        k = parse.head(k)
    v = parse.head(k)
    told = [v] + [c for c in parse.kids(v, "acomp", "xcomp", "oprd") if parse.lemma(v) in rt.COPULAS]
    return parse.dep(k) in ("nsubj", "nsubjpass") and any(parse.lemma(c) in ("suspend", "suspended")
                                                           for c in told)


def _phase_terms(parse: Parse, cue: Cue, phase: str, event: int | None, dates: list[rt.DateRef],
                 found: list[rt.Term], planned: bool, ctx: Context) -> list[rt.Term]:
    """The terms of one actor of a cue. An office changing hands ends for the giver and starts for the
    taker on the day of the change ("took over from A on Saturday", "before handing it over to B in
    July"); the taker's term is the one the office is taken for, when one is ("for 2025")."""
    if not phase:
        return found or [rt.Term(None, None, False)]
    own: list[rt.Term] = []
    noun = set(parse.subtree(cue.token))
    while event is not None and not own:  # the change's own date, else the date of the clause it is on
        own = rt.terms(parse, [d for d in rt.dates_in(parse, rt.clause_tokens(parse, event))
                               if d.token not in noun], phase)
        up = parse.head(parse.head(event)) if parse.dep(event) == "pcomp" else parse.head(event)
        event = up if up != event and parse.dep(event) in ("advcl", "xcomp", "pcomp") else None
    own = [rt.ahead(t, ctx.doc.published) for t in own] if planned else own
    if phase == "start" and any(rt.lead_word(parse, d.token) == "for" for d in dates):
        own = []  # "assumed the chairmanship for 2025, taking over from A on Saturday"
    days = own or found
    if not days:
        return [rt.Term(None, None, False)]
    if phase == "end":
        return [rt.Term(None, t.start or t.end, t.written) for t in days[:1]]
    return [rt.Term(t.start or t.end, None, t.written) for t in days[:1]]


def _cue_dates(parse: Parse, cue: Cue, role: str, gov: int | None
               ) -> tuple[list[rt.DateRef], set[int], bool]:
    """The dates of a cue's clause (and of the predicate it hangs on), the clause's tokens, and whether
    the dates are those a term opens on ("terms that begin on Jan. 1")."""
    scope = set(rt.clause_tokens(parse, cue.token))
    if gov is not None:
        scope |= set(rt.clause_tokens(parse, gov))
    opening: list[int] = []  # "for three-year terms starting in January 2026", "terms that begin on"
    for k in list(scope):
        for c in parse.kids(k, "advcl", "acl", "pcomp", "xcomp", "relcl"):
            if parse.lemma(c) in rt.TERM_VERBS:
                scope |= set(rt.clause_tokens(parse, c))
                if parse.lemma(c) in rt.START_TERM_VERBS:
                    opening += rt.clause_tokens(parse, c)
    # a date in the body's own name is its meeting's ("hosted APEC 2017"); else the date a term opens
    # on; else the clause's; else the noun phrase the cue is part of ("as part of its stint as a member
    # of the council in 2020-2021")
    dates = rt.dates_in(parse, parse.subtree(cue.body.head))
    opens = not dates and bool(rt.dates_in(parse, opening))
    dates = dates or rt.dates_in(parse, opening) or rt.dates_in(parse, sorted(scope))
    dates = _own_dates(parse, cue, dates, scope)
    if role in ("chair", "president"):  # "the rotating presidency for the 2020-2021 tenure this month":
        tenure = {i for t in parse.tokens if t.lemma.lower() in rt.SEAT_NOUNS for i in parse.subtree(t.i)}
        dates = [d for d in dates if d.token not in tenure] or dates  # the tenure is the seat's
    if not dates and cue.via == "noun":
        dates = rt.dates_in(parse, rt.clause_tokens(parse, rt.phrase_top(parse, cue.token)))
    v = gov if gov is not None else cue.token
    if not dates and parse.dep(v) == "relcl" and any(parse.lemma(c) == "then" for c in parse.kids(v, "advmod")):
        above = parse.governing_verb(parse.head(v))  # "next year's meeting goes to X, whose leader then
        if above is not None:  # take over the chair": then is the time the clause above gives
            dates = rt.dates_in(parse, rt.clause_tokens(parse, above))
    if not dates:  # "became chair when the leaders met on Friday": the day of the "when" clause
        dates = [d for v in {gov if gov is not None else cue.token, parse.governing_verb(cue.token)} if v is not None
                 for c in parse.kids(v, "advcl") if any(parse.lemma(m) == "when" for m in parse.kids(c, "advmod"))
                 for d in rt.dates_in(parse, rt.clause_tokens(parse, c))]
    if not dates:  # "in 2002 and 2020, the last of which was held online when X held the presidency"
        dates = _when_of_which(parse, gov if gov is not None else cue.token)
    if not dates:  # "as X holds the chairship of Y (Y) for 2025", "has hosted it three times, in 2002 and
        edge = max((i for i in scope if parse.tokens[i].pos != "PUNCT"), default=cue.token)
        dates = _trailing_dates(parse, cue, edge + 1, gov)  # 2010", the dates hung elsewhere
    first = parse.head(cue.token)
    told = parse.tokens[cue.token].tag in ("VBD", "VBG", "VBN") or parse.tokens[first].tag == "VBG"
    if not dates and cue.via != "noun" and parse.dep(cue.token) in ("conj", "advcl") \
            and parse.tokens[first].pos in VERBS and told:  # "In 2023, A left X and formed Y"; "placing
        dates = rt.dates_in(parse, rt.clause_tokens(parse, first))  # B in line to chair it in 2026"
    return dates, scope, opens


def cue_facts(parse: Parse, cue: Cue, ctx: Context) -> list[rt.Found]:
    """The role facts one cue states: one per actor and term."""
    mods = rt.modifiers(parse, cue.token)
    gov: int | None = None
    phased: list[tuple[str, str, int | None]] | None = None
    if cue.via == "noun":
        cut = parse.head(cue.token)  # "halted its funding for X", "prohibiting any future funding for X"
        if cue.cls == rt.CONTRIB and parse.dep(cue.token) == "dobj" and parse.lemma(cut) in rt.CUT_VERBS:
            actors = noun_actors(parse, cue.token, cue.cls, ctx)[0] or subject_actors(
                parse, cut, cue.cls, ctx)
            phased = [(a, "end", None) for a in actors]
            mods = mods - rt.NOT_MEMBER_WORDS
        elif mods & rt.NOT_MEMBER_WORDS or (parse.dep(cue.token) == "compound"
                                            and parse.kids(cue.token, "nummod")):
            return []  # "a dialogue partner", "future membership", "the 10-member bloc"
        else:
            phased = handover(parse, cue.token, ctx, cue.cls)
        actors, gov = noun_actors(parse, cue.token, cue.cls, ctx)
        holders = parse.dep(cue.token) in ("nsubj", "nsubjpass") and parse.lemma(cue.token) in rt.HOLDER_NOUNS
        if gov is None and not holders:  # the clause the noun sits in dates it: "met under X's
            gov = verb_above(parse, cue.token)  # chairmanship in 2023"; not "its members A and B can veto"
    else:
        words = rt.as_words(parse, cue.token)
        if words & rt.NOT_MEMBER_WORDS:
            return []  # "admitted to the SCO as a dialogue partner"
        mods = mods | frozenset(words)
        objects = [i for o in parse.kids(cue.token, "dobj") for i in parse.subtree(o)]
        if any(m.kind == "number" and (m.attrs or {}).get("unit") not in (None, "percent", "ordinal")
               for m in mentions_in(parse, objects)):
            mods = mods | {"money"}  # "contributed 50 million euros to the agency"
        actors = verb_actors(parse, cue, ctx)
    if cue.via == "venue":  # where the meeting was held dates it: "was held in X in October"; a meeting
        gov = verb_above(parse, cue.token)  # to come tells no host by its venue alone
        told = next((a for a in parse.ancestors(cue.token) if parse.tokens[a].pos in VERBS), None)
        negated, mood = parse.modality(told) if told is not None else (False, "asserted")
        if negated or mood == "hypothetical":
            return []  # (a meeting set for next year in X is X's to host: "the next summit will take place in X")
    elif cue.via != "unit" and _sought(parse, cue.token, gov if cue.via == "noun" else cue.token):
        return []
    role = rt.role_name(cue.cls, cue.body.id, mods)
    if role is None:
        return []
    if actors and role == "member":  # "became a member ..., together with B and C"
        actors = actors + _companions(parse, [v for v in (gov, cue.token) if v is not None], cue.cls, ctx)
    if actors and cue.via == "noun":  # "welcomed as an associated state, a status already held by A and B"
        actors = actors + _status_holders(parse, cue.token, cue.cls, ctx)
    pairs = phased if phased else [(a, "", None) for a in actors]
    pairs = [(a, p, v) for a, p, v in pairs if a and a != cue.body.id]
    office = cue.via == "noun" and parse.lemma(cue.token) not in rt.HOLDER_NOUNS  # "the ASEAN Chairmanship
    if not pairs and (role in ("chair", "president", "host") and office or cue.via == "unit"):  # Year", not
        # "the World Bank President"; the document's country when the sentence names no other
        pairs = [(a, "", None) for a in _only_country(parse, ctx)]
    if not pairs:
        return []
    if role in ("chair", "president"):
        ctx.office_body = cue.body.id
    if cue.cls == rt.SEAT or role in ("non_permanent_member", "board_member"):
        ctx.seat_body, ctx.seat_sentence = cue.body.id, parse.sentence.index
    dates, scope, opens = _cue_dates(parse, cue, role, gov)
    kind = "start" if opens else "point" if cue.via == "venue" else _term_kind(parse, cue, role, gov)
    voted = parse.lemma(cue.token if cue.via != "noun" else gov if gov is not None else cue.token)
    if kind == "seat" and voted in rt.ELECT_VERBS:  # "elected on Tuesday": the vote's day, not the term's
        dates = [d for d in dates if len(d.value) < 10 or (d.start and d.end)]
    length = rt.term_length(parse, sorted(scope))
    found_terms = rt.terms(parse, dates, kind, length) if cue.cls != rt.COMPOSE else []
    if kind == "start" and role in ("chair", "president"):
        # "will assume the ASEAN chairmanship in 2020": a rotating chair for one year is that year's
        found_terms = [replace(t, end=t.start) if t.end is None and t.start and len(t.start) == 4 else t
                       for t in found_terms]
    pred = cue.token if cue.via != "noun" or gov is None else gov
    planned = parse.modality(pred)[1] == "planned" or _reported_future(parse, pred)
    if planned:
        found_terms = [rt.ahead(t, ctx.doc.published) for t in found_terms]  # "will host ... in October"
    label = _label(parse, cue, mods)
    doc = ctx.doc
    out: list[rt.Found] = []
    stative = cue.cls in (rt.MEMBER, rt.COMPOSE)  # "X is a member", "Y comprises A and B"
    for actor, phase, event in pairs:
        for term in _phase_terms(parse, cue, phase, event, dates, found_terms, planned, ctx):
            start, end = term.start, term.end
            fields = {"actor": actor, "body": cue.body.id, "role": role, "start": start, "end": end}
            if label:
                fields["label"] = label
            if role == "member" and _suspended(parse, cue.token):  # "three of them - A, B and C - remain
                fields["status"] = "suspended"                       # suspended": still members
            elif cue.cls in (rt.LEAVE, rt.EXPEL) or (cue.cls == rt.CONTRIB and phase == "end"):
                ended = "ended" if cue.cls == rt.CONTRIB else "left"
                fields["status"] = "suspended" if parse.lemma(cue.token).startswith("suspen") else ended
            fact = make_fact(doc, parse.sentence, "role", EXTRACTOR, confidence=0.7, **fields)
            out.append(rt.Found(fact, term.written, stative and not phase))
    return out
