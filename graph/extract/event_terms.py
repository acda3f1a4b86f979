"""An event's issues and figures: the issues a frame's clause names, the percentages it gives with their contract
years (terms.py), and the issue each figure is about (its own phrase, its line's label, or its section's subhead)."""
from __future__ import annotations

import re
from bisect import bisect_right

from .context import Context
from .doc import BULLET_MARKS
from .facts import Term
from .frame_types import Frame
from .index import ByKey, sentences
from .issues import PAID_INTO, IssueMention
from .terms import TermMention, find_terms


def _issues_at(ctx: Context, issue_mentions: list[IssueMention], tokens) -> list[IssueMention]:
    """The issue mentions whose first token is one of `tokens`, in the list's order."""
    if not tokens:
        return []
    key = ("issue tokens", id(issue_mentions))
    found = ctx.cache.get(key)
    if found is None or found[0] is not issue_mentions:
        starts = []
        for im in issue_mentions:
            span = ctx.doc.char_span(im.start, im.end, alignment_mode="expand")
            starts.append(span.start if span is not None else -1)
        found = ctx.cache[key] = (issue_mentions, starts, ByKey(starts))
    _, starts, by_token = found
    return [issue_mentions[i] for i in by_token.between(min(tokens), max(tokens) + 1) if starts[i] in tokens]


def issues_in(issue_mentions: list[IssueMention], ctx: Context, tokens: frozenset[int]) -> list[str]:
    out = []
    for im in _issues_at(ctx, issue_mentions, tokens):
        if im.notation not in out:
            out.append(im.notation)
    return out


def foreign_deal(ctx: Context, f: Frame) -> set[int]:
    """The tokens of another party's deal that the frame's clause names ("want them to accept the terms approved by
    the DGA, which include a 12.5% raise"): its figures and issues are that deal's."""
    named = {x.actor for fillers in f.roles.values() for x in fillers}
    return set().union(*[g.scope for g in ctx.frames_by_sentence.get(f.sent_start, []) if g.name == "Agreement"
                         and g.trigger != f.trigger and g.trigger in f.scope and not g.hedge
                         and g.actors("party") and not set(g.actors("party")) & named] or [set()])


def terms_in(ctx: Context, f: Frame, issue_mentions: list[IssueMention]) -> list[Term]:
    end = f.sent_end
    if f.scope and max(f.scope) < len(ctx.doc):  # (a scope may run past its sentence: the bullets it introduces)
        last = ctx.doc[max(f.scope)]
        end = max(end, last.idx + len(last))
    sent = ctx.text[f.sent_start:end]
    # what an offer or demand gives or asks is its figures ("the alliance answered with 4%, 3.5% and 3%")
    before = sentences(ctx.doc)
    k = before.at_char(f.sent_start)
    told = ctx.text[before[max(k - 2, 0)].start_char:f.sent_start] if k > 0 else ""  # (the two sentences before)
    found = find_terms(sent, f.sent_start, ctx.lexicon, offered=f.name == "Proposal", before=told)
    out = []
    others = foreign_deal(ctx, f)
    for tm in found:
        span = ctx.doc.char_span(tm.start, tm.end, alignment_mode="expand")
        if span is None or span.start not in f.scope or span.start in others:
            continue
        out.append(Term(tm.term.percent, tm.term.year, _term_issue(ctx, f, tm, issue_mentions) or "Compensation"))
    return out


def _term_issue(ctx: Context, f: Frame, tm: TermMention, issue_mentions: list[IssueMention]) -> str | None:
    """The issue a percentage is about: one named in its own phrase ("a 21% jump in streaming residuals", "5% more
    for the health plan"), else none (pay, by default)."""
    tok = ctx.doc.char_span(tm.start, tm.end, alignment_mode="expand")
    if tok is None:
        return None
    # the phrase of the figure: the noun it counts ("raise"), with its modifiers and prepositional objects
    head = tok.root
    verb = None
    while head.dep_ in ("nummod", "compound", "amod", "npadvmod", "quantmod", "pobj", "prep") and head.head.i != head.i:
        if head.dep_ == "pobj" and head.head.head.pos_ == "ADJ" and head.head.head.dep_ == "amod":
            head = head.head.head.head  # "a replica FEE equal to 100% of the session rate": the fee's phrase
            break
        if head.dep_ == "pobj" and head.head.head.pos_ not in ("NOUN", "PROPN"):
            # "raise their contributions to the health plan BY 2%" (or "by 6% in the first year and by 3% in
            # the second"): what the verb raises
            for a in head.ancestors:
                if a.pos_ in ("VERB", "AUX"):
                    break
                if a.lower_ in ("by", "to", "at"):  # (or what rises TO it, what is set AT it: "set the rate at 21%")
                    while a.dep_ == "conj" and a.head.i != a.i:  # ("... and BY 3%" hung on the phrase before)
                        a = a.head
                    verb = a.head if a.dep_ == "prep" and a.head.pos_ == "VERB" else None
                    break
            break
        head = head.head
    # not its conjuncts: "a 7% raise, limits on AI and more for the health plan" ask three things
    others = {t.i for h in (head, tok.root) for c in h.children if c.dep_ == "conj" for t in c.subtree}
    # nor the next item of a list that the parse sets in apposition inside the figure's phrase ("3% in each of the
    # next two, a disclosure rule on AI")
    others |= {t.i for c in head.subtree if c.dep_ == "appos" and c.i > tok.end and c.left_edge.i > 0
               and ctx.doc[c.left_edge.i - 1].text in (",", ";") and not c.left_edge.i <= tok.start <= c.right_edge.i
               for t in c.subtree}  # (not the item the figure is in: "..., a 30% BIGGER residual for streaming")
    phrase = {t.i for t in head.subtree} - others
    if head.lower_ in _MORE and head.head.i != head.i:
        # "offered 15% more IN RESIDUALS": the parse hangs what the "more" is of on the verb, right after it
        host = head.head.head if head.dep_ == "pobj" else head.head  # ("asked for 11% more FOR THE PLAN")
        phrase |= {t.i for c in host.children if c.dep_ == "prep" and c.i == head.right_edge.i + 1
                   and c.lower_ in ("in", "for", "on", "to", "toward", "towards") for t in c.subtree}
    root = tok.root
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "conj") and head.i == root.i:
        # "came down TO 28% ON AI", "held AT 13.5% FOR HEALTH": what the figure is for, hung on its preposition or
        # on the verb, right after it
        phrase |= {t.i for h in (root.head, root.head.head) for c in h.children if c.dep_ == "prep"
                   and c.i == root.right_edge.i + 1 and c.lower_ in ("in", "for", "on", "toward", "towards")
                   for t in c.subtree}
    if head.dep_ in ("dobj", "advmod") and head.head.pos_ == "VERB":  # ("put 12% MORE into the Health Plan")
        # "pay 12% of covered earnings INTO THE HEALTH FUND": where the verb puts the figure
        phrase |= {t.i for c in head.head.children if c.dep_ == "prep" and c.i > head.i
                   and c.lower_ in PAID_INTO for t in c.subtree}
        # "offered 185% FOR REUSED REPLICAS": what the verb gives the figure for, right after it
        phrase |= {t.i for c in head.head.children if c.dep_ == "prep" and c.i == head.right_edge.i + 1
                   and c.lower_ in ("for", "on") for t in c.subtree}
    if verb is not None:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or [
            c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        phrase |= {t.i for c in objects for t in c.subtree}
    # nor what a conjunction after the figure adds, wherever the parse hangs it ("raises of 3% over three years
    # and more money for the health plan")
    cut = min((t.i for t in ctx.doc[tok.end:max(phrase, default=tok.end) + 1] if t.i in phrase and t.dep_ == "cc"
               and (not _figure(t.head) or not any(_figure(c) for c in t.head.children if c.dep_ == "conj"))
               and t.head.dep_ not in ("compound", "amod", "nmod")), default=None)  # not "health and pension"
    if cut is not None:
        phrase = {i for i in phrase if i < cut}
    # (what a share is of is its base, not its issue, when the phrase names another: "22 percent OF COVERED
    # SALARY to its health plan")
    base = {t.i for c in tok.root.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
    found = _issues_at(ctx, issue_mentions, phrase - base) or _issues_at(ctx, issue_mentions, phrase) \
        or _issues_at(ctx, issue_mentions, line_label(ctx, tok.start_char))
    if not found and tok.root.dep_ == "dobj" and tok.root.head.lemma_ in ctx.lexicon.terms.get("earning_verbs", ()):
        # "A day of work by a DIGITAL REPLICA will pay 90% of the performer's day rate", "each SCANNING session would
        # earn 65% of the day fee": a share of a base paid for what the subject names
        found = _issues_at(ctx, issue_mentions, {t.i for c in tok.root.head.children if c.dep_ == "nsubj"
                                                 for t in c.subtree})
    if not found and any(c.dep_ == "det" and c.lower_ in ("that", "this") for i in phrase for c in ctx.doc[i].children):
        found = _issue_told_before(ctx, tok, issue_mentions)  # "The guild wants THAT SHARE raised to 20 percent"
    words = ctx.lexicon.terms.get("phrase_issue_words", {})
    if not found and (named := [words[ctx.doc[i].lower_] for i in sorted(phrase - base) if ctx.doc[i].lower_ in words
                                and ctx.doc[i].head.i in phrase - base]):
        return named[0]  # ("13% for HEALTH")
    by_sentence = ctx.lexicon.terms.get("sentence_issue_nouns", {})
    if not found and (wanted := {by_sentence.get(ctx.doc[i].lemma_.lower()) for i in phrase} - {None}):
        sent = tok.sent
        found = [im for im in _issues_at(ctx, issue_mentions, range(sent.start, sent.end)) if im.notation in wanted]
    if not found and not any(ctx.doc[i].lemma_.lower() in ctx.lexicon.frames["Proposal"].pay_nouns for i in phrase):
        found = _issues_at(ctx, issue_mentions, section_heading(ctx, tok.start_char))  # (not "a 3% raise")
    return found[0].notation if found else None


def _issue_told_before(ctx: Context, tok, issue_mentions: list[IssueMention]) -> list[IssueMention]:
    """The one issue other than pay of the sentence before, which a demonstrative noun of the figure's phrase takes
    up ("... must pay the director 12 percent of any fee for licensing it to train A.I. The guild wants THAT SHARE
    raised to 20 percent")."""
    sents = sentences(ctx.doc)
    k = sents.at_token(tok.start)
    if not k:
        return []
    before = sents[k - 1]
    told = [im for im in _issues_at(ctx, issue_mentions, range(before.start, before.end))
            if im.notation != "Compensation"]
    return told[:1] if len({im.notation for im in told}) == 1 else []


_MORE = frozenset({"more", "less", "extra"})
_HEADING_WORDS = 4  # a subhead is a few words: "Pay", "Viewership data", "Artificial intelligence"


def section_heading(ctx: Context, char: int) -> set[int]:
    """The tokens of the subhead over the paragraph at `char` ("Residuals" on a line of its own, above "Writers
    are asking for 40%; the alliance offered 15%"): what the section is about, where a sentence does not say. A
    subhead is a short line with no end punctuation that comes after prose, never the article's title."""
    label = line_label(ctx, char)
    if label:  # "Health plan: The same offer would lift ...": a label that opens the paragraph comes first
        return label
    if "short_lines" not in ctx.cache:
        ctx.cache["short_lines"] = _short_lines(ctx.text)
    ends, lines, prose_end = ctx.cache["short_lines"]
    k = bisect_right(ends, ctx.text.rfind("\n", 0, char)) - 1  # the nearest short line above the paragraph's
    if k < 0 or lines[k][0] < prose_end:
        return set()
    span = ctx.doc.char_span(lines[k][1], ends[k], alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def _short_lines(text: str) -> tuple[list[int], list[tuple[int, int]], int]:
    """The lines a subhead could be (their ends; their starts and first characters), and where the first prose
    ends (a sentence's end punctuation, then a line break), found once per article."""
    ends, lines, start = [], [], 0
    for line in text.split("\n"):
        words = line.strip()
        if words and len(words.split()) <= _HEADING_WORDS and words[-1] not in ".!?:;,\"'”)" \
                and words[0].isupper():
            ends.append(start + len(line))
            lines.append((start, start + line.index(words[0])))
        start += len(line) + 1
    prose = re.search(r"[.!?][\"'”)]?[^\S\n]*\n", text)
    return ends, lines, prose.end() if prose else len(text) + 1


def line_label(ctx: Context, char: int) -> set[int]:
    """The tokens of the label that opens the line at `char`, before a colon: a bulleted line's ("- HEALTH AND
    PENSION: contributions raised to 23%"), one in capitals ("HEALTH FUND: The guild sought 12%.") or of a few
    words ("Health plan: The same offer would lift ..."): what the line's figures and proposals are about where
    their own words do not say."""
    start = ctx.text.rfind("\n", 0, char) + 1
    colon = ctx.text.find(":", start, max(char, start + 60))  # (before the figure; near the start of a sentence)
    label = ctx.text[start:colon].strip() if colon >= 0 else ""
    if not label or "\n" in label or not (label.startswith(BULLET_MARKS) or _LABEL.fullmatch(label)):
        return set()
    span = ctx.doc.char_span(start, colon, alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


# a label in capitals ("STREAMING SUCCESS BONUS", "AI", "HEALTH & PENSION") or of a few words ("Health plan")
_LABEL = re.compile(r"[A-Z][A-Z&/' -]{1,40}|[A-Z][\w'-]*(?: [\w'-]+){0,3}")


def _figure(tok) -> bool:
    """A number or a percent sign: "5% AND 4%" lists figures, "4% AND limits on AI" adds a demand."""
    return tok.like_num or tok.text == "%"


# a year that places what a sentence tells ("in 1987", "the 2020 contract"), not one it measures from or against
# ("the first strikes SINCE 1960")
