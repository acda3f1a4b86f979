"""Coreference: definite descriptions ("the union", "the studios' alliance"), pronouns and trade nouns ("the
writers") to the actor they stand for, the most recent compatible one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .doc import doc_text
from .mention_types import ActorInfo, Linked, Mention
from .speech import quote_spans

if TYPE_CHECKING:
    from .mentions import ActorLinker

EMPLOYER_SIDE = "EmployerAssociation"


def descriptions(doc: Doc, named: list["Mention"], actors: dict[str, "ActorInfo"],
                 linker: "ActorLinker") -> list["Mention"]:
    """Description mentions of `doc`, each resolved to an actor of `named` (text order), or left out."""
    lex = linker.lexicon.actors
    heads: dict[str, list[str]] = lex["descriptions"]
    needs_modifier = set(lex.get("needs_modifier", []))
    collective = lex.get("collective_heads", {})
    bound_heads = set(lex.get("bound_by_apposition", []))
    taken = bytearray(len(doc) + 1)
    for m in named:
        taken[m.tok_start:m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
    spans = [(s, e, "employers") for _, s, e in linker.sides(doc)]
    spans += [(s, e, doc[e - 1].lower_) for _, s, e in linker.descriptions(doc)]
    # longest first, then leftmost: "the studios' alliance" over "the studios"
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    chosen: list[tuple[int, int, str]] = []
    for s, e, head in spans:
        if any(taken[s:e]):
            continue
        last = doc[e - 1]
        if last.dep_ in ("compound", "nmod") and last.head.i >= e and head != "employers":
            continue  # "the studio offer", "the union contract": a modifier, not a name for anyone
        if head in needs_modifier and e - s < 3 and doc[s].lower_ == "the":
            continue
        chosen.append((s, e, head))
        taken[s:e] = b"\x01" * (e - s)
    chosen.sort()
    bound: dict[str, str] = {}
    out = []
    text = doc_text(doc)
    trades = {k: tuple(v) for k, v in lex["trades"].items()}
    quotes = quote_spans(text)
    for s, e, head in chosen:
        span = doc[s:e]
        types = {EMPLOYER_SIDE} if head == "employers" else set(heads.get(head, []))
        if head in ("studios", "companies", "employers", "producers", "streamers"):
            types = {EMPLOYER_SIDE}  # "the studios" with no association behind it is no actor

        def fits(m: "Mention") -> bool:
            info = actors[m.actor]
            if info.type not in types:
                return False
            words = collective.get(head)
            return not (words and info.type == "Guild" and not any(w in info.label for w in words))

        outside = not _inside(quotes, span.start_char)
        before = [m for m in named if m.end <= span.start_char and fits(m)
                  and not (outside and _inside(quotes, m.start))]
        trade = next((t.lemma_.lower() for t in span[1:-1] if t.lemma_.lower() in trades), None)
        if trade and "Guild" in types:
            # "the actors' union": the guild of that trade, not the last guild named
            key = trade_guild(trade, _Counted(named, actors), trades)
            if key is not None:
                out.append(Mention(span.start_char, span.end_char, span.text, key, "description", s, e))
                continue
        for t in ([] if head == "employers" else heads.get(head, [])):
            first_choice = [m for m in before if actors[m.actor].type == t]
            if first_choice:  # "the alliance": an employers' alliance before a union named an alliance
                before = first_choice
                break
        actor = bound.get(head)
        if actor is None and before:
            topic = preferred(doc, before, s) or next(
                (m for m in reversed(before[-3:]) if not _named_in_passing(doc, m, named)), before[-1])
            actor = topic.actor
        if actor is None:
            # a lede tells of "their union" before naming it: the first compatible name after, in the next lines
            after = [m for m in named if m.start >= span.end_char and fits(m) and m.start - span.end_char < 600]
            if not after:
                continue
            actor = after[0].actor
        if head in bound_heads and head not in bound and before and \
                text[before[-1].end: span.start_char].strip() == ",":
            bound[head] = actor
        out.append(Mention(span.start_char, span.end_char, span.text, actor, "description", s, e))
    return out


class _Counted:
    """The view of named mentions that trade_guild reads (mentions, actors) before the Linked exists."""

    def __init__(self, mentions, actors):
        self.mentions = mentions
        self.actors = actors


def _inside(quotes: list[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b for a, b in quotes)


def is_subject(doc: Doc, m: "Mention") -> bool:
    """Whether a mention is the subject of its clause, or coordinated with or in apposition to one."""
    tok = doc[m.tok_start:m.tok_end].root
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return False
    return False


def preferred(doc: Doc, cands: list["Mention"], before_token: int) -> "Mention | None":
    """The antecedent news prefers: the most recent subject among the candidates of the nearest sentence that has
    any, this one or up to three before ("SAG-AFTRA congratulated the WGA. '...,' the union said": SAG-AFTRA; a
    quotation between them, whose names are no candidates, does not count), else None."""
    sents = [s for s in doc.sents if s.start <= before_token]
    for sent in reversed(sents[-4:]):
        recent = [m for m in cands if sent.start <= m.tok_start and m.tok_end <= min(sent.end, before_token)]
        subjects = [m for m in recent if is_subject(doc, m)]
        if subjects:
            return subjects[-1]
    return None


def _named_in_passing(doc: Doc, inner: "Mention", mentions: list["Mention"]) -> bool:
    """Whether a mention sits inside the phrase of an earlier mention of another actor in its sentence: a relative
    clause or apposition about that actor ("the guild, which is Local 839 of the IATSE")."""
    tok = doc[inner.tok_start:inner.tok_end].root
    ancestors = {t.i for t in tok.ancestors}
    sent_start = tok.sent.start
    for outer in mentions:
        if outer.actor != inner.actor and sent_start <= outer.tok_start and outer.tok_end <= inner.tok_start:
            if doc[outer.tok_start:outer.tok_end].root.i in ancestors:
                return True
    return False


def pronoun(token: Token, linked: "Linked", types: set[str], pronouns: dict,
            exclude: str | None = None, quotes: list[tuple[int, int]] | None = None) -> list["Mention"]:
    """The actor(s) a third-person pronoun stands for: the most recent compatible mention before it, in its
    sentence or the two before; "they" after "A and B" is both."""
    allowed = set(pronouns.get(token.lower_, ())) & types if types else set(pronouns.get(token.lower_, ()))
    if not allowed:
        return []
    sent_starts = [s.start for s in token.doc.sents if s.start <= token.i]
    floor = sent_starts[-3] if len(sent_starts) >= 3 else 0
    outside = quotes is not None and not _inside(quotes, token.idx)
    cands = [m for m in linked.mentions if m.tok_end <= token.i and m.tok_start >= floor
             and linked.type_of(m.actor) in allowed and m.actor != exclude
             and not (outside and _inside(quotes, m.start))]
    if not cands:
        return []
    best = preferred(token.doc, cands, token.i) or cands[-1]
    out = [best]
    if token.lower_ in ("they", "their", "them"):
        root = token.doc[best.tok_start:best.tok_end].root
        for conj in list(root.conjuncts):
            m = linked.at_token(conj.i)
            if m is not None and linked.type_of(m.actor) in allowed and m not in out:
                out.append(m)
    return out


def trade_guild(word: str, linked: "Linked", trades: dict[str, tuple[str, ...]]) -> str | None:
    """The article's guild of a trade named by a common noun: "the writers" the WGA, "the crews" the IATSE."""
    cues = trades.get(word.lower())
    if not cues:
        return None
    counts: dict[str, int] = {}
    for m in linked.mentions:
        counts[m.actor] = counts.get(m.actor, 0) + 1
    for key in sorted(counts, key=lambda k: (-counts[k], k)):
        info = linked.actors[key]
        if info.type == "Guild" and any(c.lower() in info.label.lower() or any(c.lower() in a.lower()
                                                                              for a in info.aliases)
                                        for c in cues):
            return key
    return None
