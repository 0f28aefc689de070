"""Which bodies a sentence speaks of, for the roles extractor.

A body mention (an organ that stands for its bloc's summit, "the AU Assembly",
becomes its bloc's meeting; a bloc's secretariat its bloc, only ever hosted),
or a generic noun that refers back to one named before: "the bloc", "the
Council", "the Union" (the body whose name the word heads), "the summit"
(the meeting of a series named before), "the General Assembly" of another
body, a pronoun for a body's members ("three of them"), a seat told without
its body after one was ("X last served in 2011-2012"). After each sentence
:func:`remember` keeps what it said for the next: the bodies named, the
country or countries it was about, the meeting named last.
"""

from __future__ import annotations

from diplograph.extract import roles_terms as rt
from diplograph.extract.frames import Parse
from diplograph.extract.roles_actors import BodyRef, Context, mention_actors, mentions_in
from diplograph.model import Mention

NOUNS, VERBS = rt.NOUNS, rt.VERBS

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
        if _restated(parse, head, m, refs) or _inside_other_name(parse, head):
            continue
        owner = _organ_owner(parse, m, head, ctx)
        if owner:  # "the 45th General Assembly of AIPA", "It has hosted the General Assembly" after AIPA
            refs.append(BodyRef(owner, head, meeting=True, named=owner))
            continue
        parent = rt.meeting_parent(str(m.id)) or rt.secretariat_parent(str(m.id))
        refs.append(BodyRef(parent or str(m.id), head, meeting=parent is not None, named=str(m.id)))
    seen = ctx.bodies_seen + [r.id for r in refs]
    for t in parse.tokens:
        if any(m.kind in ("body", "country", "person") for m in parse.mentions_at[t.i]) or t.pos not in NOUNS:
            continue
        word = t.lemma.lower()
        if word in rt.ANAPHORS and _refers_back(parse, t.i) and not _proper_name(parse, t.i):
            bid = _antecedent(word, seen, [r.id for r in refs if r.head < t.i and not r.meeting
                                           and parse.dep(r.head) in ("nsubj", "nsubjpass")])
            parent = rt.meeting_parent(bid) if bid else None
            if bid:  # "the Assembly" after "the AU Assembly" is the AU's summit
                refs.append(BodyRef(parent or bid, t.i, meeting=parent is not None, named=bid))
        elif word in ("presidency", "chairmanship", "chair") and ctx.office_body and _bare_office(parse, t.i):
            refs.append(BodyRef(ctx.office_body, t.i, own_cue=True))
        elif word in rt.MEETING_ANAPHORS and ctx.meeting_body and _refers_back(parse, t.i, meeting=True) \
                and parse.sentence.index - ctx.meeting_sentence <= 3 and not _names_body(parse, t.i) \
                and not _named_otherwise(parse, t.i) and t.dep != "compound":
            refs.append(BodyRef(ctx.meeting_body, t.i, meeting=True))  # "the summit" after "the SADC summit"
    refs.extend(_members_again(parse, refs))
    refs.extend(_missions_by_place(parse, refs, ctx))
    if ctx.seat_body and 0 < parse.sentence.index - ctx.seat_sentence <= 4 and not refs:
        refs.extend(BodyRef(ctx.seat_body, k, own_cue=True) for k in _seat_cues(parse))
    return refs


def _missions_by_place(parse: Parse, refs: list[BodyRef], ctx: Context) -> list[BodyRef]:
    """Peace missions told by where they serve: "sent officers to missions in South Sudan, the Central
    African Republic and Abyei" (the one mission the registry has there; a UN one when the text speaks
    of UN peacekeeping)."""
    out: list[BodyRef] = []
    un = any(rt.is_un(b) for b in ctx.bodies_seen + [r.id for r in refs])
    for t in parse.tokens:
        if t.lemma.lower() not in ("mission", "operation") or _names_body(parse, t.i):
            continue
        for p in parse.kids(t.i, "prep"):
            if parse.lemma(p) != "in":
                continue
            for m in _listed_right(parse, p + 1):
                mission = rt.mission_in(str(m.id) if m.kind == "country" and m.id else m.text, un)
                if mission and all(r.id != mission for r in refs + out):
                    out.append(BodyRef(mission, t.i))
    return out


def _listed_right(parse: Parse, k: int) -> list[Mention]:
    """The places listed from token ``k`` on ("South Sudan, the Central African Republic and Abyei"),
    however the parser hung the list: names, commas, "and", "the"."""
    out: list[Mention] = []
    while k < len(parse.tokens):
        m = parse.entity_at(k, ("country", "place"))
        if m is not None:
            if m not in out:
                out.append(m)
        elif parse.tokens[k].text not in (",", "and", "the"):
            break
        k += 1
    return out


def _members_again(parse: Parse, refs: list[BodyRef]) -> list[BodyRef]:
    """A pronoun for a body's members named before it in the sentence: "leaders from the bloc's 15
    member states, although three of them - A, B and C - remain suspended"."""
    out: list[BodyRef] = []
    for r in refs:
        n = parse.head(r.head)
        if n == r.head or parse.dep(r.head) not in ("poss", "compound"):
            continue
        if rt.noun_class(parse, n) != rt.MEMBER:
            continue
        for t in parse.tokens[n + 1:]:
            if t.lemma.lower() == "they" and t.dep == "pobj" and parse.lemma(t.head) == "of":
                out.append(BodyRef(r.id, t.i, own_cue=True, cls=rt.MEMBER))
    return out


def _seat_cues(parse: Parse) -> list[int]:
    """Seats told without their body after one was named: "X last served in 2011-2012", "Y held a seat
    in 1990-1991", "Z, whose 2024-2025 terms end". Only with a year written in the cue's clause (a
    person's "term" has none of a seat's dates) and nothing else the word hangs on."""
    out: list[int] = []
    for t in parse.tokens:
        if t.pos in VERBS and t.lemma.lower() in rt.SEAT_VERBS:
            preps = parse.kids(t.i, "prep")
            if not parse.kids(t.i, "nsubj") or any(
                    not any(m.kind == "date" for o in parse.kids(p, "pobj") for m in parse.mentions_at[o])
                    for p in preps):
                continue  # "served as ambassador", "sat on the board"
            scope = rt.clause_tokens(parse, t.i)
        elif t.pos in NOUNS and t.lemma.lower() in rt.SEAT_NOUNS and all(  # "held seats on it in 2015-2019"
                parse.lemma(o) == "it" for p in parse.kids(t.i, "prep") for o in parse.kids(p, "pobj")):
            scope = rt.clause_tokens(parse, t.i) + rt.clause_tokens(parse, parse.head(t.i))
        else:
            continue
        if any(d.written and d.value[:1].isdigit() for d in rt.dates_in(parse, scope)):
            out.append(t.i)
    return out


def _inside_other_name(parse: Parse, head: int) -> bool:
    """A body's name inside the name of another organisation the registry lacks ("ASEAN" in "the ASEAN
    Inter-Parliamentary Organisation")."""
    h = parse.head(head)
    if h != head and parse.lemma(h) in rt.CONTAINERS and parse.dep(h) == "appos" and any(
            m.kind == "body" for m in parse.mentions_at[parse.head(h)]):
        return True  # "UNRWA, a United Nations agency": a description of another body
    if h == head or parse.dep(head) not in ("compound", "nmod") or parse.tokens[h].pos != "PROPN":
        return False
    between = range(head + 1, h)  # "the NATO Alliance" is NATO; "the ASEAN Inter-Parliamentary Organisation"
    return parse.lemma(h) in rt.ORG_NOUNS and not any(m.kind == "body" for m in parse.mentions_at[h]) \
        and (parse.lemma(h) not in rt.ANAPHORS or any(parse.tokens[i].text[:1].isupper() for i in between))


def _organ_owner(parse: Parse, m: Mention, head: int, ctx: Context) -> str | None:
    """The body a generic organ name belongs to when it is not the UN's: "the General Assembly of
    AIPA"; "the General Assembly" in a text that last spoke of another body (a written "UN" keeps it
    the UN's)."""
    if str(m.id) not in rt.GENERIC_ORGANS or any(w in m.text for w in ("UN", "U.N.", "United Nations")):
        return None
    owners = [x.id for p in parse.kids(head, "prep") if parse.lemma(p) == "of" for o in parse.kids(p, "pobj")
              for x in [parse.entity_at(o, ("body",))] if x is not None and rt.is_international(x.id)]
    if owners:
        return str(owners[0]) if str(owners[0]) != m.id else None
    last = ctx.bodies_seen[-1] if ctx.bodies_seen else None
    recent = parse.sentence.index - ctx.body_sentence <= 1
    return last if last and recent and not rt.is_un(last) and rt.kind(last) == "igo" else None


def _restated(parse: Parse, head: int, m: Mention, refs: list[BodyRef]) -> bool:
    """A name in brackets or in apposition after the same body: "the ILC (International Law Commission)"."""
    for r in refs:
        first = parse.token_range(m.start, m.end)[0]
        if r.id == m.id and (parse.head(head) == r.head or parse.tokens[max(0, first - 1)].text == "("):
            return True
    return False


def _refers_back(parse: Parse, k: int, meeting: bool = False) -> bool:
    """A generic noun used for a known body: "the bloc", "the group's", "Council members"; a meeting
    told as the next of a series ("next year's leaders meeting")."""
    kids = {parse.lemma(c) for c in parse.kids(k, "det", "poss")}
    named = [m for c in parse.kids(k, "compound", "nmod", "appos") for m in parse.mentions_at[c]]
    if any(m.kind == "body" for m in named):
        return False  # "the BRICS group", "the regional bloc ECOWAS" name their body themselves
    if kids & {"the", "its", "their"}:
        return True
    if meeting:  # the words right before the noun: "next year's leaders meeting", "the annual summit"
        i = k - 1
        while i >= 0 and parse.tokens[i].pos in ("NOUN", "PROPN", "ADJ", "PART", "NUM"):
            if parse.lemma(i) in ("next", "annual") or any(m.kind == "date" for m in parse.mentions_at[i]):
                return True
            i -= 1
    return parse.tokens[k].text[0].isupper() and parse.dep(k) == "compound"


def _antecedent(word: str, seen: list[str], here: list[str]) -> str | None:
    """The body a generic noun refers back to: the last one named whose name has that word ("the
    Council"); for "the bloc" / "the group", the bloc the document names most (ties: the first named,
    the document's topic)."""
    names = {n.lower() for n in rt.ANAPHORS[word]}
    if names:  # the body whose name is headed by the word ("the Union": the African Union, not the
        for words in (rt.head_words, rt.body_words):  # African Union Commission), else has it
            for bid in reversed(seen):
                if names & words(bid):
                    return bid
        return None
    # "the AU was admitted to the grouping": what joins is not what is joined
    organization = word in ("organization", "organisation")
    eligible = [b for b in seen
                if b not in here and (rt.is_bloc(b) or organization and rt.is_international(b))]
    if not eligible:
        return None
    return max(eligible, key=eligible.count)


def _bare_office(parse: Parse, k: int) -> bool:
    """ "takes over the presidency": an office named without its body."""
    if parse.tokens[k].pos not in NOUNS or not any(parse.lemma(c) == "the" for c in parse.kids(k, "det")):
        return False
    return not _names_body(parse, k)


def _proper_name(parse: Parse, k: int) -> bool:
    """A generic word inside a name of its own: "the Leadership Group for Industry Transition"."""
    if not parse.tokens[k].text[:1].isupper():
        return False
    named = [c for p in parse.kids(k, "prep") for c in parse.kids(p, "pobj")
             if parse.tokens[c].pos == "PROPN"]
    return bool(named) or _named_otherwise(parse, k)


def _named_otherwise(parse: Parse, k: int) -> bool:
    """A meeting with a name of its own ("the U.S.-ASEAN Summit", "the Cities Summit") is not the one
    named before."""
    return any(parse.tokens[c].pos == "PROPN" and parse.lemma(c) not in rt.MONTHS
               for c in parse.kids(k, "compound", "nmod", "amod"))


def _names_body(parse: Parse, k: int) -> bool:
    return any(m.kind == "body" for i in parse.subtree(k) for m in parse.mentions_at[i])


def remember(parse: Parse, refs: list[BodyRef], ctx: Context) -> None:
    """After a sentence: the bodies it named, and the country (or countries) it was about."""
    ctx.bodies_seen.extend(r.named or r.id for r in refs if not r.own_cue)
    if any(not r.own_cue for r in refs):
        ctx.body_sentence = parse.sentence.index
    for r in refs:
        k = r.head  # "the SADC summit", "the Forum leaders meeting", "a session of the Assembly"
        while parse.dep(k) in ("compound", "poss", "nmod", "pobj", "prep") and parse.head(k) != k \
                and parse.lemma(k) not in rt.MEETING_NOUNS:
            k = parse.head(k)
        leaders = not r.own_cue and rt.is_bloc(r.id) and parse.lemma(k) in ("leader", "minister", "head") and \
            parse.dep(r.head) == "compound"  # "Pacific Islands Forum leaders met in X"
        if r.meeting or parse.lemma(k) in rt.MEETING_NOUNS or leaders:
            ctx.meeting_body, ctx.meeting_sentence = r.id, parse.sentence.index
            if rt.is_bloc(r.id) and not r.own_cue:
                ctx.office_body = ctx.office_body or r.id  # a bare "the chair" after a bloc's meeting is its chair
    ctx.told_countries = list(dict.fromkeys(str(m.id) for m in parse.sentence.mentions
                                             if m.kind == "country" and m.id))
    root = next((t.i for t in parse.tokens if t.dep == "ROOT"), None)
    if root is None:
        return
    for s in parse.kids(root, "nsubj", "nsubjpass"):
        ids = mention_actors(ctx.doc, mentions_in(parse, rt.list_tokens(parse, s)), rt.MEMBER)
        if len(ids) == 1 and len(ids[0]) == 3:
            ctx.last_country = ids[0]
        elif len(ids) > 1:
            ctx.last_group = ids
