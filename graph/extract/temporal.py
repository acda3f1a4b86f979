"""Temporal anchoring: the date expressions the parse attaches to a trigger's clause, what they mark (the start or
the end of a strike), and their days resolved against the article's date (graph/extract/dates.py)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import clauses, syntax
from . import dates as dates_mod
from .date_patterns import EFFECTIVE_BEFORE_RE, RANGE_END_WORDS, TERM_EFFECTIVE_BEFORE_RE
from .doc import doc_text
from .index import ByKey
from .lexicon import lemma_forms, load_lexicon

BEGIN, END, OTHER = "begin", "end", "other"
_APPROX = re.compile(r"(?i)\b(about|around|roughly|nearly|almost|close to|more than|over|some|closing in|upwards of|"
                     r"at least)\s+(?:on\s+)?(?:its\s+)?(?:day\s+)?$")


@dataclass(frozen=True)
class DateRef:
    """A date expression attached to a trigger: its character span and what it marks."""
    start: int
    end: int
    aspect: str | None  # BEGIN, END or None


@dataclass(frozen=True)
class DayCount:
    """"hit 129 days", "day 56 of the strike": how long something had lasted on the day named with it."""
    days: int
    start: int  # character offset of the count
    ref: int | None  # character offset of a date expression in the same clause, if any
    closing: bool = False  # the date is a span's last day ("ran from May 2 TO Sept. 27")


def date_spans(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(start_char, end_char, first token, end token) of every date expression in the doc."""
    out = []
    for m in dates_mod.find_dates(doc_text(doc), None):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            out.append((m.start, m.end, span.start, span.end))
    return out


class DateSpans(list):
    """`date_spans` of a doc, with the ones in a range of tokens found by bisection."""

    def __init__(self, spans):
        super().__init__(spans)
        self._by_token = ByKey([ts for _, _, ts, _ in self])
        self._by_char = ByKey([s for s, _, _, _ in self])

    def in_tokens(self, lo: int, hi: int) -> list[tuple[int, int, int, int]]:
        """The date spans whose first token is in [lo, hi), in the list's order."""
        return [self[i] for i in self._by_token.between(lo, hi)]

    def in_chars(self, lo: int, hi: int) -> list[tuple[int, int, int, int]]:
        """The date spans that start at a character in [lo, hi), in the list's order."""
        return [self[i] for i in self._by_char.between(lo, hi)]


def _lowest_governor(tok: Token, stop: set[int]) -> Token | None:
    """The first verb or stop token above `tok` (a date's root)."""
    node = tok
    for _ in range(12):
        if node.head.i == node.i:
            return node if node.i in stop or node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.i in stop or node.pos_ in ("VERB", "AUX"):
            return _content_clause_before(tok, node) or node
    return None


def _content_clause_before(date: Token, verb: Token) -> Token | None:
    """The clause a saying verb tells, when the parse hung on that verb a day that ends it: "will strike at 12:01
    a.m. TUESDAY, the union said Monday" (the day follows the clause with no comma between, the verb after)."""
    if verb.i < date.i:
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i < date.i and clause.right_edge.i < date.i and not any(
                t.is_punct for t in date.doc[clause.right_edge.i + 1:date.i]):
            return clause
    return None


_AFTER_OWN = 1000  # sorts a day told by a "when" clause after the days of the trigger's own clause
_SIMULTANEOUS = frozenset({"when", "as"})


def _simultaneous(verb: Token, chain_ids: set[int]) -> bool:
    """A "when" or "as" clause on the trigger's clause, with a subject of its own: what happened the same day ("when
    talks opened Feb. 9"); not a span ("as talks dragged on")."""
    return verb.dep_ == "advcl" and verb.head.i in chain_ids and verb.pos_ in ("VERB", "AUX") \
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in _SIMULTANEOUS for c in verb.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _fronted_participle(verb: Token, chain_ids: set[int]) -> bool:
    """A participle clause before the trigger's clause with no subject: the same act's ("Speaking Friday, X said",
    "REACHED by phone on Tuesday, X said")."""
    return verb.dep_ == "advcl" and (verb.tag_ == "VBG" or verb.tag_ == "VBN" and verb.lemma_ in _CONTACTED) \
        and verb.head.i in chain_ids and verb.i < verb.head.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _before_reported_subject(verb: Token, chain_ids: set[int], date_end: int) -> bool:
    """A day the parse hangs on a reported clause though it stands before the clause's subject, right after the verb
    of saying and its object: "told Screen ON WEDNESDAY the company had rebuilt its schedule"."""
    if verb.dep_ not in ("ccomp", "xcomp") or verb.head.i not in chain_ids or verb.head.i > verb.i:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.left_edge.i >= date_end and not any(
        c.dep_ == "mark" and c.i < date_end for c in verb.children)


def _contacted_subject(verb: Token, chain_ids: set[int]) -> bool:
    """A participle of being reached on the subject, whose day is the saying's: "X, REACHED Wednesday, said"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_ in _CONTACTED \
        and verb.head.dep_ == "nsubj" and verb.head.head.i in chain_ids


def _carrier_participle(verb: Token, chain_ids: set[int]) -> bool:
    """A participle on the noun the clause is told through, or a past relative clause on a message it is told in:
    "said in a statement RELEASED Tuesday", "a vote HELD", "in a video THE UNION POSTED Wednesday" (not "ended in a
    walkout that RAN from July 16": the walkout's own days)."""
    if not (verb.dep_ == "acl" and verb.tag_ == "VBN" or verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN")
            and verb.head.lemma_.lower() in load_lexicon().speech["nouns"]):
        return False
    noun = verb.head
    for _ in range(3):  # "in a video TO MEMBERS posted Wednesday": the participle hung on a noun inside the phrase
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        if noun.head.lower_ in ("in", "via", "through", "during", "at") and noun.head.head.i in chain_ids:
            return True
        noun = noun.head.head
    return False


def _when_host(top: Token) -> Token | None:
    """The verb a "when" clause holding the trigger is told on, whose day is the clause's ("CAME Thursday, when")."""
    if top.dep_ not in ("advcl", "relcl") or top.head.i > top.i \
            or not any(c.dep_ == "advmod" and c.lower_ == "when" for c in top.children) \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children):
        return None
    host = top.head  # the parse hangs the clause on the verb, or on its day ("came on THURSDAY, when ...")
    for _ in range(3):
        if host.pos_ in ("VERB", "AUX"):
            return host
        host = host.head
    return None


def closes_span(doc: Doc, prep: Token) -> bool:
    """A preposition that makes the day after it a span's last: "until", "through", or "to" after a "from" a few
    words before ("struck from May 2 TO Sept. 27"; not "talked to Netflix")."""
    return prep.lower_ in RANGE_END_WORDS and (
        prep.lower_ != "to" or any(t.lower_ == "from" for t in doc[max(prep.sent.start, prep.i - 6):prep.i]))


def _between(root: Token) -> str | None:
    """BEGIN for the day "between" opens ("between AUG. 3 and Sept. 22"), END for the one after its "and"."""
    head = root.head if root.dep_ == "conj" else root
    return (END if head is not root else BEGIN) if head.dep_ == "pobj" and head.head.lower_ == "between" else None


def _only_lasting(verb: Token) -> bool:
    """A verb that tells only that something went on: "stayed OUT", "remained ON strike", not "stayed IN touch"."""
    return not any(c.dep_ in ("dobj", "attr", "acomp") or c.dep_ == "prep" and c.lower_ not in (
        "on", "off", "until", "till", "through", "to", "into") for c in verb.children)


def aspect_word(tok: Token, known: frozenset[str]) -> str:
    """The lemma, with its particle or object where the lexicon lists the phrase ("called OFF", "brought an END")."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("prt", "dobj") and f"{lemma} {c.lemma_.lower()}" in known:
            return f"{lemma} {c.lemma_.lower()}"
    if lemma not in known and tok.pos_ in ("VERB", "AUX"):  # the small model's "staged" -> "stag"
        return next((w for w in sorted(lemma_forms(lemma, tok.text)) if w in known), lemma)
    return lemma


def attached(doc: Doc, trigger: Token, verb: Token | None, spans, begin: frozenset[str],
             end: frozenset[str], neutral: frozenset[str] = frozenset(),
             opening: frozenset[str] = frozenset()) -> list[DateRef]:
    """Date expressions the parse attaches to the trigger's phrase or its clause, nearest first: "went on strike
    ON JUNE 1", "the strike, which started ON MAY 2", "offers on AUG. 17TH AND 18TH". A date in another clause (a
    relative clause on another noun, a second verb) is not the trigger's. A day its own relative clause gives with a
    verb of `opening` comes first: "a session that BEGAN Friday" is Friday's, whenever the deal that ended it came."""
    sent = trigger.sent
    chain = [trigger]
    node = trigger
    if verb is not None and syntax.clause_on_noun(trigger, verb):
        chain.append(verb)  # "approved Friday the contract the union REACHED late Wednesday": the clause on the noun
    else:
        while verb is not None and node.i != verb.i and node.head.i != node.i and len(chain) < 8:
            node = node.head
            chain.append(node)
    if chain[-1].dep_ == "xcomp" and chain[-1].head.lemma_.lower() in _VOTES:
        chain.append(chain[-1].head)  # "the board voted on Tuesday to approve the deal": the vote's day
    if chain[-1].dep_ == "advcl" and chain[-1].tag_ == "VBG" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)  # "fired back on Tuesday, CALLING the figures misleading": one act
    elif (host := clauses.where_clause_host(chain[-1])) is not None:  # "talks opened Jan. 12 at its offices,
        chain.append(host)  # WHERE the union asked for 7%": the place's act and its time
    elif chain[-1].dep_ == "pcomp" and chain[-1].tag_ == "VBG" and chain[-1].head.lower_ == "by" \
            and chain[-1].head.head.pos_ in ("VERB", "AUX"):
        chain += [chain[-1].head, chain[-1].head.head]  # "opened talks May 12 BY ASKING for 8%": how it did it
    chain_ids = {t.i for t in chain}
    own = {t.i for t in trigger.subtree}
    top = chain[-1]
    # "IN A STATEMENT TUESDAY, the union said ... and DEMANDED ...": what opens the sentence dates its verbs
    shared = top.head if top.dep_ == "conj" and top.pos_ in ("VERB", "AUX") and top.head.pos_ in ("VERB", "AUX") \
        and (trigger.i == top.i or trigger.head.i == top.i and trigger.dep_ in ("dobj", "obj")) \
        and not any(c.dep_.startswith("nsubj") for c in top.children) else None
    host = _when_host(top)
    out = []
    for start, stop_, ts, te in (spans.in_tokens(sent.start, sent.end) if isinstance(spans, DateSpans) else spans):
        if not (sent.start <= ts < sent.end):
            continue
        root = doc[ts:te].root
        if ts <= trigger.i < te or _bound_passed(root) \
                or TERM_EFFECTIVE_BEFORE_RE.search(doc_text(doc), max(0, start - 60), start) is not None:
            continue  # (the day a figure takes effect dates the figure: "raises of 7% FROM 1 July 2071")
        gov = _lowest_governor(root, chain_ids | {trigger.i})
        if gov is None:
            continue
        second_verb = False
        if gov.i in chain_ids:
            path = chain[: chain.index(gov) + 1] if gov in chain else chain
            if path == [trigger] and len(chain) > 1 and trigger.dep_ == "dobj" and chain[1].i == trigger.head.i:
                path = chain[:2]  # "ended its strike ON SEPT. 27": the day the parse hangs on the object is the verb's
        elif gov.i in own and gov.pos_ in ("VERB", "AUX") and gov.head.i == trigger.i \
                and gov.dep_ in ("relcl", "acl"):
            path = [trigger, gov]  # "the strike, which started on May 2": a relative clause on the trigger
        elif gov.i in own and gov.dep_ in ("acl", "relcl") and gov.tag_ == "VBD" and gov.head.dep_ == "pobj" \
                and gov.head.head.head.i == trigger.i and gov.head.head.lower_ not in _OTHER_TIME and (
                    gov.dep_ == "acl" or aspect_word(gov, neutral | begin | end) in neutral | begin | end):
            # "the strike against the AMPTP ENDED Nov. 9", "WHICH RAN from July 16": its verb parsed as the name's
            path = [trigger, gov]
        elif gov.dep_ == "xcomp" and gov.head.i in chain_ids and gov.head.lemma_.lower() in PLANNING \
                and (gov.lemma_.lower() not in _CLOSING or opening and gov.lemma_.lower() in _LAST_MEETING):
            # "talks are SCHEDULED to open May 16": the plan's day (talks "scheduled to END July 19" meet that day)
            path = chain[: chain.index(gov.head) + 1] + [gov]
        elif gov.dep_ == "conj" and gov.head.i in chain_ids and gov.head.pos_ in ("VERB", "AUX") \
                and (aspect_word(gov, begin | end) in begin | end or end and gov.lemma_.lower() in neutral
                     and root.dep_ == "pobj" and closes_span(doc, root.head) and _only_lasting(gov)) \
                and not any(c.dep_.startswith("nsubj") for c in gov.children):
            path, second_verb = [trigger, gov], True  # "began May 2 and ENDED Sept. 27", "and STAYED out UNTIL"
        elif (part := gov.head if gov.dep_ == "conj" else gov).dep_ == "advcl" and part.tag_ == "VBG" \
                and part.head.i in chain_ids and (begin or end) and (aspect_word(gov, begin | end) in begin | end
                                                                     or gov.lemma_.lower() in neutral
                                                                     and clauses.spans(root)) \
                and not any(c.dep_ == "nsubj" for c in gov.children):  # "struck them, BEGINNING July 26 (and
            path, second_verb = [trigger, gov], True  # ENDING ...)", "STAYING out from May 2 to Oct. 8"
        elif gov.dep_ == "acl" and gov.tag_ == "VBG" and gov.lemma_.lower() in neutral and (begin or end) \
                and gov.head.lemma_.lower() in _DURATION_UNITS and gov.head.dep_ == "pobj" \
                and gov.head.head.head.i in chain_ids and (clauses.spans(root) or root.head.i == gov.i):
            path, second_verb = [trigger, gov], True  # "walked out for 95 days RUNNING Sept. 3 through Dec. 6"
        elif shared is not None and gov.i == shared.i and te <= shared.i and ts < min(
                (c.i for c in shared.children if c.dep_.startswith("nsubj")), default=shared.i):
            path = [trigger, gov]
        elif host is not None and gov.i == host.i and ts < top.i:
            path = [trigger]  # the host verb's day; what the host says ("came") is no aspect of the trigger
        elif _before_reported_subject(gov, chain_ids, te):
            path = [trigger]  # "told Screen ON WEDNESDAY the company had rebuilt ...": the saying's day
        elif _fronted_participle(gov, chain_ids) or _contacted_subject(gov, chain_ids):
            path = [trigger, gov]  # "SPEAKING at a conference on Wednesday, Peters said": one occasion
        elif _carrier_participle(gov, chain_ids):
            path = [trigger, gov]  # "said IN A STATEMENT RELEASED Tuesday", "ratified it in a vote held Monday"
        elif _simultaneous(gov, chain_ids):
            # "WHEN talks opened Feb. 9, the union asked for 7%": the clause's day is the act's, after its own
            out.append((_AFTER_OWN + abs(ts - trigger.i), DateRef(start, stop_, OTHER if begin or end else None)))
            continue
        else:
            continue
        # what the words between the trigger and the date say of it ("began", "ended", or "HIT 100 days": no start),
        # the word nearest the trigger deciding: "struck a deal on Nov. 8, bringing an END to the strike"
        words = [aspect_word(t, begin | end) for t in
                 ([trigger] if trigger.pos_ in ("VERB", "AUX") and not second_verb else []) + path[1:]]
        aspect = next((BEGIN if w in begin else END for w in words if w in begin or w in end), None)
        prep = root.head if root.dep_ == "pobj" else None
        if (begin or end) and prep is not None and closes_span(doc, prep):
            aspect = END  # "struck from May 2 TO Sept. 27", "on strike UNTIL March"
        elif (begin or end) and (between := _between(root)) is not None:
            aspect = between  # "BETWEEN Aug. 3 AND Sept. 22": its first and last days
        verbs = {t.lemma_.lower() for t in path[1:] if t.pos_ in ("VERB", "AUX") and t.dep_ != "prep"}
        if aspect is None and (begin or end) and verbs - neutral - {"be"}:
            aspect = OTHER
        first = len(path) == 2 and path[1].i in own and aspect_word(path[1], opening) in opening
        # (and the day an act takes effect, before the day it was decided: "voted Monday to end the strike
        # EFFECTIVE 12:01 a.m. Tuesday")
        first = first or EFFECTIVE_BEFORE_RE.search(doc_text(doc), max(0, start - 40), start) is not None
        out.append((abs(ts - trigger.i) - (len(doc) if first else 0), DateRef(start, stop_, aspect)))
    out.sort(key=lambda x: x[0])
    return [d for _, d in out]


def _bound_passed(root: Token) -> bool:
    """A day the event went on past: "talks ran a week PAST the June 30 deadline" met on other days."""
    node = root
    while node.dep_ in ("nmod", "compound", "nummod", "poss", "amod", "appos") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in ("past", "beyond")


_DURATION_UNITS = frozenset({"day", "week", "month"})
_OTHER_TIME = frozenset({"since", "after", "before"})  # "its first strike SINCE the walkout of 2023, which ended ..."
# what a reporter does to a speaker, whose day is the saying's: "REACHED by phone Tuesday, X said"
_CONTACTED = frozenset({"reach", "ask", "contact", "interview", "question", "approach", "press"})
_VOTES = frozenset({"vote", "decide"})  # what a vote decides is done that day ("voted Sunday to ratify")
PLANNING = frozenset({"schedule", "set", "due", "expect", "plan", "slate"})  # "is scheduled to meet", "set for"
# what a plan's day may close rather than hold: "talks are scheduled to END July 19" dates no session
_CLOSING = frozenset({"end", "conclude", "finish", "wrap", "close", "expire", "lapse"})
_LAST_MEETING = frozenset({"end", "conclude", "finish", "wrap"})
# a meeting agreed or promised is ahead of the agreement: "both sides AGREED TO RESUME talks Monday"
_PROMISING = frozenset({"agree", "promise", "pledge", "vow"})
_MEETING_VERBS = frozenset({"meet", "resume", "return", "reconvene", "restart", "sit"})


def future(verb: Token) -> bool:
    """Whether a clause tells of something ahead: "will strike", "is scheduled to meet", "are set to resume", or,
    reported in the past, "said talks WOULD resume" (the future of the time of saying)."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in node.children):
            return True
        if node.dep_ == "ccomp" and node.head.tag_ == "VBD" and any(  # (the saying before or after: "..., she said")
                c.dep_ == "aux" and c.lower_ == "would" for c in node.children) and not any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in PLANNING:
            return True
        if node.dep_ == "advcl" and node.tag_ in ("VBP", "VBZ") and any(
                c.dep_ in ("advmod", "mark") and c.lower_ in load_lexicon().hedges["time_marks"]
                for c in node.children) and (any(
                c.dep_ == "aux" and c.lower_ == "would" for c in node.head.children) or future(node.head)):
            return True  # "she would be back WHEN they MEET again on Friday": a present told of a time ahead
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _PROMISING and node.lemma_.lower() in _MEETING_VERBS:
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in node.children) and \
                node.lemma_.lower() in PLANNING or node.tag_ in ("VBZ", "VBP") and any(
                c.dep_ == "acomp" and c.lemma_.lower() in PLANNING for c in node.children):
            return True  # "talks ARE SCHEDULED to begin May 11" (the event its subject), "both sides ARE DUE back"
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def present_simple(verb: Token, sourcing: frozenset[str] = frozenset()) -> bool:
    """Whether a main clause tells its event in the simple present ("talks RESUME Thursday", "the board MEETS
    Friday"), which news uses for what is scheduled; or a clause that a present verb of `sourcing` tells ("the
    two sides MEET Friday, sources say")."""
    main = verb.dep_ in ("ROOT", "conj") or verb.dep_ == "ccomp" and verb.head.lemma_.lower() in sourcing \
        and verb.head.tag_ in ("VBP", "VBZ")
    return verb.tag_ in ("VBP", "VBZ") and verb.pos_ == "VERB" and main \
        and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children)


def ahead(day: dt.date, anchor: dt.date) -> dt.date:
    """The same weekday as `day` on or after the anchor: "will go on strike Tuesday" in a Monday article (a day
    already after it stays: "next Tuesday" in a Tuesday article is a week on)."""
    if day > anchor:
        return day
    return anchor + dt.timedelta(days=(day.weekday() - anchor.weekday()) % 7)


_COUNT = re.compile(r"(?i)\b(?:hit|reached|reaches|hits|at|marks?|marked|entered|into|its|day|after|lasted|lasting|"
                    r"for)\s+(?:day\s+)?(\d{1,4})(?!-day)(?:\s+days|th day|st day|nd day|rd day)?\b"
                    r"|\b(\d{1,4})(?:-day| days (?:in|into|of))\b")


def day_counts(doc: Doc, trigger: Token, spans) -> list[DayCount]:
    """Day counts in the trigger's sentence that measure it: "the strike, which on Friday hit 129 days", "the
    56-day strike"; approximate ones ("more than 100 days") are left out."""
    sent = trigger.sent
    text = doc_text(doc)
    out = []
    for m in _COUNT.finditer(text, sent.start_char, sent.end_char):
        n = int(m.group(1) or m.group(2))
        if not m.group(2) and not re.search(r"days|th day|st day|nd day|rd day", m.group()):
            continue
        if _APPROX.search(text[max(sent.start_char, m.start() - 25): m.start() + (m.group().find(str(n)))]):
            continue
        near = spans.in_chars(sent.start_char, sent.end_char) if isinstance(spans, DateSpans) else spans
        refs = [(s, ts) for s, _, ts, _ in near if sent.start_char <= s < sent.end_char]
        # the last day of a span the sentence gives ("the 148-day strike that ran from May 2 TO Sept. 27"), else
        # the day nearest the count ("on Friday hit 129 days")
        ends = [s for s, ts in refs if ts > 0 and closes_span(doc, doc[ts - 1])]
        ref = ends[0] if ends else min((s for s, _ in refs), key=lambda s: abs(s - m.start())) if refs else None
        out.append(DayCount(n, m.start(), ref, bool(ends)))
    return out
