"""Coordination: the members of "A, B and C" (and "both A and B"), read from the parse once for every frame."""
from __future__ import annotations

from spacy.tokens import Token


def conjuncts(tok: Token, linked=None, list_openers=()) -> list[Token]:
    """The other members of the coordination `tok` belongs to, in text order ("SAG-AFTRA and the WGA West";
    "IATSE, SAG-AFTRA, Writers Guild of America, and the Teamsters"). Inside a name the parse may hang the
    conjunction on any of its words ("the Writers Guild of AMERICA and the AMPTP"). A list that one of the
    `list_openers` introduces ("..., among them Netflix and Amazon") illustrates a noun; it is not coordinated."""
    tokens = [tok]
    m = linked.at_token(tok.i) if linked is not None else None
    appositions = []
    if m is not None:
        tokens = list(tok.doc[m.tok_start:m.tok_end])
        # "the Writers Guild of America (WGA) and the AMPTP": the conjunction may hang on the parenthesis
        appositions = [c for t in tokens for c in t.children if c.dep_ == "appos" and c.i >= m.tok_end
                       and not opened(c, list_openers)]
        tokens += appositions
    out = {t.i: t for x in tokens for t in x.conjuncts
           if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ") and t.i not in {y.i for y in tokens}}
    # "Netflix, the Walt Disney Co., Amazon and Sony": the parse makes the second name of a list an apposition of
    # the first, and hangs the rest on it
    out.update({c.i: c for c in appositions if linked.at_token(c.i) is not None and c.pos_ == "PROPN"
                and any(x.dep_ == "conj" for x in c.children)})
    if m is not None and m.kind != "description":
        # (an apposition of the name that the list reading takes is a name of the list, not the same one again)
        out.update({t.i: t for t in _listed_names(tok.doc, m, linked) if not m.tok_start <= t.i < m.tok_end})
    return [out[i] for i in sorted(out)]


_GLUE = ([","], ["and"], ["or"], [",", "and"], [",", "or"])


def _listed_names(doc, m, linked) -> list[Token]:
    """The other names of a list of names that `m` is in, read by the words between them: "Laborers Local 724,
    Plumbers Local 78 and Plasterers Local 755", whose parse breaks at names with numbers. Only names joined by
    commas with "and" or "or" before the last; a name that is the subject of a clause of its own ("..., and the
    WGA said") is not in the list."""
    sent = doc[m.tok_start].sent

    def glue(a, b) -> str | None:
        words = [t.lower_ for t in doc[a.tok_end:b.tok_start]]
        if words and words[-1] == "the":  # (", the Writers Guild of America" where the name leaves out "the")
            words.pop()
        return words[-1] if words in _GLUE else None

    def named(x) -> bool:
        return x is not None and x.kind != "description" and sent.start <= x.tok_start and x.tok_end <= sent.end

    run, glues = [m], []
    while True:  # back to the first name: commas only, unless the last glue is the "and"
        prev = next((x for x in (linked.at_token(run[0].tok_start - 1), linked.at_token(run[0].tok_start - 2))
                     if x is not None and x is not run[0]), None)
        g = glue(prev, run[0]) if named(prev) else None
        if g is None or g != "," and glues:
            break
        run.insert(0, prev)
        glues.insert(0, g)
    while not glues or glues[-1] == ",":  # on to the last name, after the "and"
        nxt = linked.at_token(run[-1].tok_end + 1) or linked.at_token(run[-1].tok_end + 2)
        g = glue(run[-1], nxt) if named(nxt) else None
        if g is None or doc[nxt.tok_start:nxt.tok_end].root.dep_ in ("nsubj", "nsubjpass"):
            break
        run.append(nxt)
        glues.append(g)
    if not glues or glues[-1] == ",":
        return []
    return [doc[x.tok_start:x.tok_end].root for x in run if x is not m]


def coordinated_verbs(verb: Token) -> list[Token]:
    """Verbs sharing a subject with `verb`: "met and agreed", "filed suit and sought damages"."""
    return [t for t in verb.conjuncts if t.pos_ in ("VERB", "AUX")]


def opened(tok: Token, list_openers) -> bool:
    """Whether one of `list_openers` ("including", "among them") stands right before the phrase of `tok`."""
    start = tok.left_edge.i
    before = " ".join(t.lower_ for t in tok.doc[max(0, start - 3):start])
    return any(before == o or before.endswith(" " + o) for o in list_openers)
