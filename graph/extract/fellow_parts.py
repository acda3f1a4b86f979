"""Fellow parts: the parts of a coalition told by the others ("Local 399 and the four other unions of the Basic
Crafts", "joined by its partners in the Basic Crafts")."""
from __future__ import annotations

from .context import Context
from .facts import Relation
from .syntax import logical_subjects


def fellow_parts(ctx: Context) -> list[Relation]:
    """partOf from the other parts of a coalition: "Local 399 and the four OTHER UNIONS OF the Basic Crafts", "Local
    399 bargains alongside the other members of the Basic Crafts: IBEW Local 40, Laborers Local 724 ...": the
    body set beside them, and those the colon lists, are parts of it too."""
    spec = ctx.lexicon.frames["partOf"]
    out = []
    for tok in ctx.doc:
        if tok.lemma_.lower() not in spec.fellow_nouns or not any(c.dep_ == "amod" and c.lower_ in ("other", "fellow")
                                                                  or c.dep_ == "poss"
                                                                  and tok.lemma_.lower() in spec.owned_fellow_nouns
                                                                  for c in tok.children) and tok.dep_ != "appos":
            continue  # (or the names' apposition: "Local 40 and Local 78, MEMBERS of the Basic Crafts"; "its PARTNERS")
        whole = next((m.actor for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "within")
                      for p in c.children if p.dep_ == "pobj"
                      for m in ctx.linked.between_tokens(p.left_edge.i, p.i + 1)  # "the Basic Crafts coalition"
                      if ctx.type_of(m.actor) == "Guild"), None)
        if whole is None:
            continue
        # the names it stands in apposition to, or that stand in apposition to it ("the four other members of the
        # Basic Crafts — IBEW Local 40, Laborers Local 724 ... —")
        parts = [_actor_at(ctx, x) for x in (tok.head, *tok.head.conjuncts)] if tok.dep_ == "appos" else []
        parts += [m.actor for c in tok.children if c.dep_ == "appos" and c.i > tok.i
                  for m in ctx.linked.between_tokens(c.left_edge.i, c.right_edge.i + 1) if m.kind != "description"]
        if tok.dep_ == "conj":  # "Local 399 and the four other unions of ..."
            parts.append(_actor_at(ctx, tok.head))
        elif tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.dep_ == "acl":
            parts.append(_actor_at(ctx, tok.head.head.head))  # "Local 399, joined BY its partners in ..."
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("with", "alongside", "beside") \
                and tok.head.head.pos_ in ("VERB", "AUX"):  # "bargains alongside the other members of ..."
            parts += [_actor_at(ctx, x) for x in logical_subjects(tok.head.head)]
        sent = tok.sent
        end = max(t.i for t in tok.subtree) + 1
        if end < sent.end and ctx.doc[end].text == ":":  # "...: IBEW Local 40, Laborers Local 724 and ..."
            parts += [m.actor for m in ctx.linked.between_tokens(end + 1, sent.end) if m.kind != "description"]
        for part in dict.fromkeys(p for p in parts if p is not None and p != whole and ctx.type_of(p) == "Guild"):
            out.append(Relation(part, "partOf", whole,
                                [ctx.evidence(sent.start_char, sent.end_char, "pattern:partOf:fellow", 0.7)]))
    return out


def _actor_at(ctx: Context, tok) -> str | None:
    m = ctx.linked.at_token(tok.i)
    return m.actor if m is not None else None
