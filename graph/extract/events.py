"""Events: strikes, negotiation sessions, proposals, agreements, statements and legal actions, with their roles,
dates, terms and issues; mentions of one event within an article are merged."""
from __future__ import annotations

import datetime as dt
import re

from . import dates as dates_mod
from .context import Context, Sentence
from .facts import Event, Relation
from .issues import IssueMention
from ..namespaces import HL
from .relations import EMPLOYERS
from .terms import find_terms

SPEAKERS = {"Guild", "EmployerAssociation", "Studio", "GovernmentAgency"}
_MODAL = re.compile(r"(?i)\b(could|would|might|may|threaten\w*|authoriz\w*|vote to|votes? on|plans? to|no plans|"
                    r"if|unless|avert\w*|avoid\w*|prevent\w*|possible|potential|likely|whether|looming|hope\w*|"
                    r"near|nearly|want\w*|willing\w*|ready to|prepared to)\b")


def _date_key(ctx: Context, sent: Sentence, near: int | None = None,
              day_over_month: bool = False) -> tuple[tuple[dt.date, ...], str | None]:
    """The days a sentence's date expression names and the expression itself (lower case), the one nearest
    `near` when given (with `day_over_month`, a day named before a month named nearer: "began talks in January
    and reached a deal on Jan. 17"). Years alone and day counts do not date an event."""
    cands = [d for d in sent.dates if d.kind != "year"]
    if not cands:
        return (), None
    if near is not None:
        has_day = day_over_month and any(c.dates for c in cands)
        cands.sort(key=lambda d: (has_day and d.kind == "month", abs(d.start - near)))
    d = cands[0]
    return d.dates, re.sub(r"\W+", " ", d.text.lower()).strip()


# -- strikes ---------------------------------------------------------------------------------------------------
_STRIKE_WORD = re.compile(r"(?i)\b(strikes?|striking|struck|walkout|walked off the job)\b")
_NOT_A_STRIKE = re.compile(r"(?i)^\s*(authorization|vote|fund|rules?|captains?|pay|notice|deadline|threat|"
                           r"talk|action|insurance)\b")
# "Unions Strike Tentative Deal", "struck a deal": the verb of making a deal
_STRIKE_A_DEAL = re.compile(r"(?i)^\s+(?:(?:a|an|the|its|their|this|that)\s+)?(?:[a-z][\w-]*\s+){0,2}"
                            r"(?:deal|agreement|accord|pact|bargain|compromise|balance|tone|chord|note)s?\b")


def _strikers(ctx: Context, sent: Sentence, m: re.Match) -> tuple[str | None, str]:
    """Who strikes, for one strike word: "the SAG-AFTRA strike", "the writers' strike", "striking Writers Guild",
    "strike by the SAG-AFTRA actors' union", "the WGA went on strike", "SAG joined the strike"."""
    s, e = sent.start + m.start(), sent.start + m.end()
    word = m.group(1).lower()
    guilds = [x for x in sent.mentions if ctx.type_of(x.actor) == "Guild"]
    before = ctx.text[sent.start: s]
    after = ctx.text[e: sent.end]
    if word in ("struck", "walked off the job", "walkout", "strike", "strikes"):
        # "members of the Writers Guild walked off the job", "SAG-AFTRA called the walkout", "staged a strike"
        verb = re.search(r"(?i)\b(?:called|launched|began|started|declared|staged|waged|led|began)\s+"
                         r"(?:a|the|its|their)\s+(?:[\w-]+\s+){0,2}$", before) if word != "struck" and \
            word != "walked off the job" else re.search(r"$", before)
        if verb:
            subj = [x for x in guilds if x.end <= sent.start + verb.start()
                    and sent.start + verb.start() - x.end <= 60
                    and not re.search(r"[;:]|\bthat\b", ctx.text[x.end: sent.start + verb.start()])]
            if subj:
                return subj[-1].actor, "strike-guild-walked-out"
            occ = re.search(r"(?i)\b(writers|actors|directors|performers|crews?)\b[^.;]{0,40}$",
                            ctx.text[sent.start: sent.start + verb.start()])
            if occ and (key := ctx.guild_by_occupation(occ.group(1))):
                return key, "strike-occupation-walked-out"
    if word == "striking":
        nxt = [x for x in guilds if x.start >= e and x.start - e <= 12]
        if nxt:
            return nxt[0].actor, "strike-striking-guild"
    if word.startswith("strike"):
        by = re.match(r"\s+(?:by|of)\s+(?:the\s+)?", after)
        if by:
            nxt = [x for x in guilds if x.start == e + by.end()]
            if nxt:
                return nxt[0].actor, "strike-by-guild"
        # the guild's name right before the word, "writers'" / "actors'" in between allowed
        prev = [x for x in guilds if x.end <= s and re.fullmatch(
            r"(?:'s?)?\s*(?:(?:writers|actors|[A-Z][\w-]*)'?\s+)?|'s?\s+(?:[a-z][\w-]*\s+){1,3}",
            ctx.text[x.end: s])]
        if prev:
            return prev[-1].actor, "strike-guild-strike"
        occ = re.search(r"(?i)\b(writers|actors|directors|animators|editors|performers|crews?|teamsters)'?\s+$",
                        before)
        if occ:
            key = ctx.guild_by_occupation(occ.group(1))
            if key:
                return key, "strike-occupation-strike"
        verb = re.search(r"(?i)\b(went|go|goes|gone|going|are|is|was|were|been|remains?|remained|joined|joins)"
                         r"\s+(?:on\s+(?:the\s+)?|the\s+)?$", before)
        if verb:
            subj = [x for x in guilds if x.end <= sent.start + verb.start()]
            if subj and sent.start + verb.start() - subj[-1].end <= 60:
                return subj[-1].actor, "strike-guild-went-on-strike"
    return None, ""


_BEGAN = re.compile(r"(?i)\b(?:began|begun|started|start(?:ing)?|kicked off|launched|since)\b")
_DAYS = re.compile(r"(?i)\b(?:hit|reached|at|marks?|marked|entered|into|its)\s+(?:day\s+)?(\d{1,4})(?:\s+days|th day)\b")
_APPROX = re.compile(r"(?i)\b(about|around|roughly|nearly|almost|close to|more than|over|some|closing in)\s+(?:on\s+)?"
                     r"(?:its\s+)?\d")


def _strike_dates(ctx: Context, sent: Sentence, last_day: dt.date | None) -> tuple[dt.date | None, dt.date | None, str]:
    start = end = None
    rule = ""
    for d in sent.dates:
        if len(d.dates) != 1:
            continue
        lead = ctx.text[max(sent.start, d.start - 40): d.start]
        if _BEGAN.search(lead) or re.search(r"(?i)\b(?:went on strike|walked off the job|walked out|struck)\b"
                                             r"(?:[^.;]|[ap]\.m\.){0,25}$", lead):
            start, rule = d.dates[0], "strike-began-date"
        elif re.search(r"(?i)\b(ended|end(?:ing)?|called off|over)\b", lead):
            end = d.dates[0]
    for m in _DAYS.finditer(sent.text):
        if _APPROX.search(sent.text[max(0, m.start() - 20): m.end()]):
            continue
        # "on Friday hit 129 days": the count is as of the day named nearest, else the last day named before
        ref = [d for d in sent.dates if len(d.dates) == 1 and d.kind != "year"]
        ref.sort(key=lambda d: abs(d.start - (sent.start + m.start())))
        day = ref[0].dates[0] if ref else last_day
        if day is not None and start is None:
            start, rule = dates_mod.days_before(day, int(m.group(1))), "strike-day-count"
    return start, end, rule


def strikes(ctx: Context) -> list[Event]:
    out: dict[tuple, Event] = {}  # (striker, targets) -> the strike, most recently mentioned last
    last_day = ctx.anchor
    # "Performers who voice ... went on strike on July 26": a start whose striker the sentence does not name goes
    # to the strike told of next, within two sentences ("SAG-AFTRA called the walkout ...")
    unclaimed: tuple[dt.date, Sentence] | None = None
    for sent in ctx.sentences:
        if unclaimed and sent.index - unclaimed[1].index > 2:
            unclaimed = None
        for m in _STRIKE_WORD.finditer(sent.text):
            if _NOT_A_STRIKE.match(sent.text[m.end():]):
                continue
            if m.group(1).lower() in ("strike", "strikes", "struck") and _STRIKE_A_DEAL.match(sent.text[m.end():]):
                continue
            clause = sent.text[max(0, m.start() - 45): m.start()]
            if _MODAL.search(clause) and not re.search(r"(?i)\b(since|began|continues?)\b", clause):
                continue
            who, rule = _strikers(ctx, sent, m)
            if who is None and out and re.search(r"(?i)\b(?:the|this|that|its|their)\s+(?:\w+\s+){0,2}$",
                                                  sent.text[max(0, m.start() - 30): m.start()]):
                # "the continued strike", "the current strike": the strike last spoken of
                who, rule = list(out)[-1][0], "strike-anaphor"
            start, end, date_rule = _strike_dates(ctx, sent, last_day)
            if who is None:
                if start and date_rule == "strike-began-date" and unclaimed is None:
                    unclaimed = (start, sent)
                continue
            targets = _strike_targets(ctx, sent, sent.start + m.end())
            # "the WGA and SAG-AFTRA, whose members walked off the job": each of the subjects strikes
            for striker in [who, *_co_strikers(ctx, sent, who, rule, sent.start + m.start())]:
                key = (striker, tuple(targets)) if targets else \
                    next((k for k in reversed(out) if k[0] == striker), (striker, ()))
                ev = out.get(key)
                if ev is None:
                    against = targets or [main for main in [ctx.main("EmployerAssociation")] if main]
                    roles = {"strikingParty": [striker]}
                    if against:
                        roles["target"] = against
                    ev = out[key] = Event("Strike", roles)
                if not any(e.start == ctx.evidence(sent, rule, 0.8).start for e in ev.evidence):
                    ev.evidence.append(ctx.evidence(sent, rule, 0.8))
                # most recent strike last, for "the strike" in the sentences that follow
                out[key] = out.pop(key)
                if start and ev.start is None:
                    ev.start = start
                    ev.evidence.append(ctx.evidence(sent, date_rule, 0.7))
                if end and ev.end is None:
                    ev.end = end
                if unclaimed and unclaimed[1].index < sent.index:
                    if ev.start is None:
                        ev.start = unclaimed[0]
                        ev.evidence.append(ctx.evidence(unclaimed[1], "strike-began-date", 0.6))
                    unclaimed = None
        days = [d.dates[0] for d in sent.dates if len(d.dates) == 1 and d.kind != "year"]
        if days:
            last_day = days[-1]
    return list(out.values())


def _co_strikers(ctx: Context, sent: Sentence, who: str, rule: str, pos: int) -> list[str]:
    """The guilds listed with the subject of a strike verb: "the Writers Guild of America and SAG-AFTRA, whose
    members walked off the job" (the subject found is the last of the list)."""
    if rule not in ("strike-guild-walked-out", "strike-guild-went-on-strike"):
        return []
    guilds = [x for x in sent.mentions if ctx.type_of(x.actor) == "Guild" and x.end <= pos]
    last = next((i for i in range(len(guilds) - 1, -1, -1) if guilds[i].actor == who), None)
    if last is None:
        return []
    return list(dict.fromkeys(x.actor for x in ctx.listed_before(guilds, last) if x.actor != who))


_AGAINST = re.compile(r"(?i)^[^.;]{0,60}?\bagainst\s+(?:the\s+)?")


def _strike_targets(ctx: Context, sent: Sentence, pos: int) -> list[str]:
    """Whom a strike is against when the sentence says so: "against the AMPTP", "against the companies ...,
    among them Activision, Electronic Arts and WB Games"."""
    m = _AGAINST.match(ctx.text[pos: sent.end])
    if not m:
        return []
    rest = [x for x in sent.mentions if x.start >= pos + m.end() and ctx.type_of(x.actor) in EMPLOYERS]
    if not rest:
        return []
    first = rest[0]
    if first.start == pos + m.end():
        run = [first]
        for x in rest[1:]:  # a list goes on: ", Netflix and Amazon"
            if not re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", ctx.text[run[-1].end: x.start]):
                break
            run.append(x)
        return list(dict.fromkeys(x.actor for x in run))
    # "against the companies signed to its contract, among them A, B and C"
    gap = ctx.text[pos + m.end(): first.start]
    if re.search(r"(?i)\b(?:among them|including|such as|namely)\s*$", gap):
        run = [first]
        for x in rest[1:]:
            if re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[run[-1].end: x.start]):
                run.append(x)
            else:
                break
        return list(dict.fromkeys(x.actor for x in run))
    return []


# -- negotiation sessions --------------------------------------------------------------------------------------
_SESSION = re.compile(r"(?i)\b(met|meet(?:s|ing)?|meetings|sat down|gathering|conference|face-to-face|"
                      r"bargaining session|sessions?)\b|\b(negotiations|talks|discussions|bargaining)\b(?=[^.]{0,80}"
                      r"\b(resum\w+|restart\w*|reconven\w+|held|began|begin|broke off|stalled|returned|continued)\b)"
                      r"|\b(?:resum\w+|restart\w*|walked out of|return(?:ed)? to)\s+(?:the\s+)?"
                      r"(?:negotiations|talks|discussions|bargaining table)\b"
                      r"|\b(?:went|came|got|were|are|returned)\s+back\s+to\s+the\s+(?:bargaining\s+)?table\b"
                      r"|\b(?:talks|negotiations)\s+(?:opened|began|started|resumed)\b"
                      r"|\b(?:began|opened|started)\s+(?:(?:its|their|the)\s+)?(?:own\s+)?"
                      r"(?:talks|negotiations|bargaining)\b")
_SESSION_HEDGE = re.compile(r"(?i)\b(have not met|haven't met|no meeting|refus\w+ to meet|would meet|could meet|"
                            r"ready to resume|prepared to resume|willing to resume|"
                            r"might meet|if|whether|remains to be seen|individual|individually)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_VAGUE = {"today", "this week", "earlier this week", "recently", "yesterday", "tomorrow"}


def sessions(ctx: Context, execs: set[str]) -> list[Event]:
    guild, employer = ctx.main("Guild"), ctx.main("EmployerAssociation") or ctx.main("Studio")
    found: list[tuple[tuple, str | None, Event]] = []
    for sent in ctx.sentences:
        m = _SESSION.search(sent.text)
        if not m or _SESSION_HEDGE.search(sent.text):
            continue
        # the bargaining sides: studios only when no employers' association bargains for them in this article
        sides_types = {"Guild", "EmployerAssociation"} if ctx.main("EmployerAssociation") else {"Guild"} | EMPLOYERS
        sides = [x.actor for x in sent.mentions if ctx.type_of(x.actor) in sides_types]
        present = [x.actor for x in sent.mentions if ctx.type_of(x.actor) == "Person" and x.actor in execs]
        participants = list(dict.fromkeys(sides))
        if not participants and not present:
            # "the meeting this Friday": the article's bargaining pair, only when a date ties it to one
            if not sent.dates:
                continue
            participants = [k for k in (guild, employer) if k]
        if not any(ctx.type_of(k) == "Guild" for k in participants) and guild:
            participants.insert(0, guild)
        if not any(ctx.type_of(k) in EMPLOYERS for k in participants) and employer:
            participants.append(employer)
        if len(participants) < 2:
            continue
        days, phrase = _date_key(ctx, sent, sent.start + m.start())
        ev = Event("NegotiationSession", {"participant": participants + [e for e in present if e not in participants]})
        if len(days) == 1:
            ev.date = days[0]
        ev.evidence.append(ctx.evidence(sent, "session-meeting", 0.7))
        found.append((days, phrase, ev))
    return _merge_by_day(found)


def executives(ctx: Context, positions: list[Relation]) -> set[str]:
    """People this article (its `positions`, or the reference) places in a guild, studio or association, or
    gives a title."""
    keys = {r.s for r in positions if ctx.type_of(r.o) in {"Guild"} | EMPLOYERS}
    for key in ctx.linked.actors:
        if key in ctx.reference.actors and ctx.reference.reference.value(ctx.reference.actors[key].iri,
                                                                          HL.holdsPosition) is not None:
            keys.add(key)
    # "Audrey Cooling, a spokesperson for the video game producers": a title in apposition, whoever employs them
    for m in ctx.linked.mentions:
        if ctx.type_of(m.actor) == "Person" and _APPOSITIVE_TITLE.match(ctx.text, m.end):
            keys.add(m.actor)
    return keys


_APPOSITIVE_TITLE = re.compile(r"(?i),\s+(?:a|an|the|its|their|[\w.'-]+'s?)?\s*(?:[\w-]+\s+){0,3}?"
                               r"(?:spokes(?:person|man|woman)|president|chair(?:man|woman)?|CEO|"
                               r"chief executive|executive director|negotiator|secretary-treasurer|"
                               r"business (?:agent|representative)|director|head|leader)\b")




def _merge_by_day(found: list[tuple[tuple, str | None, Event]]) -> list[Event]:
    """Mentions naming the same day (or the same day word) are one event; undated ones and vague ones ("earlier
    this week") join the article's only dated one, else become one event."""
    groups: dict[object, Event] = {}
    vague: list[Event] = []
    for days, phrase, ev in found:
        if days:
            key = days
        elif phrase and phrase not in _VAGUE:
            key = phrase
        else:
            vague.append(ev)
            continue
        if key in groups:
            _absorb(groups[key], ev)
        else:
            groups[key] = ev
    # "this Friday" and "Friday, August 4" in one article are one day
    for key in [k for k in groups if isinstance(k, str)]:
        wd = next((i for i, name in enumerate(_WEEKDAYS) if name in key), None)
        dated = [k for k in groups if isinstance(k, tuple) and len(k) == 1 and isinstance(k[0], dt.date)
                 and k[0].weekday() == wd]
        if wd is not None and len(dated) == 1:
            _absorb(groups[dated[0]], groups.pop(key))
    if vague:
        if len(groups) == 1:
            target = next(iter(groups.values()))
        elif groups:
            target = None
        else:
            target = vague.pop(0)
            groups[("undated",)] = target
        for ev in vague:
            if target is not None:
                _absorb(target, ev)
    return list(groups.values())


def _absorb(into: Event, ev: Event) -> None:
    for role, keys in ev.roles.items():
        have = into.roles.setdefault(role, [])
        have += [k for k in keys if k not in have]
    into.evidence += [e for e in ev.evidence if e not in into.evidence]
    into.issues |= ev.issues
    into.terms += [t for t in ev.terms if t not in into.terms]
    into.quote = into.quote or ev.quote
    into.date = into.date or ev.date


# -- proposals and agreements ----------------------------------------------------------------------------------
_PROPOSAL = re.compile(r"(?i)\b(counter-?offers?|counter-?proposals?|offers?|offered|offering|proposals?|proposed|"
                       r"demands?|demanded|sought|seeking|asked for|pushing (?:to|for)|pushed (?:to|for)|"
                       r"press(?:ed|ing) for|original position|put forward|"
                       r"refus\w* to (?!talk|negotiate|meet|budge))\b")
_AFTER_PREPOSITION = re.compile(r"(?i)\b(?:from|with|to|by|of|for|against|at|on|about)\s+(?:the\s+)?$")
# "the studio offer", "the union's proposal": a side named by a common noun
_SIDE_NOUN = re.compile(r"(?i)\b(?:the\s+)?(studios?|producers|companies|employers|guild|union)(?:'s|')?\s+"
                        r"(?:(?:most\s+)?(?:recent|latest|last|new|final|earlier|original|revised|contract)\s+)*$")
_ANAPHOR = re.compile(r"(?i)\b(?:the|that|this|its|their)\s+(?:(?:latest|new|revised|same|AI)\s+)?$")


_MAKE_OFFER = {"make", "present", "submit", "deliver", "table", "send", "answer", "respond", "counter", "return",
               "come", "issue", "unveil", "float", "put", "hand", "give", "extend", "pass"}


def _offer_maker(ctx: Context, pos: int):
    """The subject of the verb that makes an offer named by a noun ("the AMPTP presented a new offer", "the union
    came back with a counterproposal"); None for verbs that receive one ("the WGA rejected the offer")."""
    tok = ctx.token_at(pos)
    if tok is None or tok.pos_ != "NOUN":
        return None
    while tok.dep_ in ("dobj", "obj", "pobj", "attr", "oprd", "prep", "conj") and tok.head is not tok:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    if tok.pos_ != "VERB" or tok.lemma_ not in _MAKE_OFFER:
        return None
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def _proposer(ctx: Context, sent: Sentence, m: re.Match, speaker: str | None) -> tuple[str | None, str]:
    s = sent.start + m.start()
    word = m.group(1).lower()
    sides = [x for x in sent.mentions if ctx.type_of(x.actor) in {"Guild"} | EMPLOYERS]
    before = [x for x in sides if x.end <= s]
    lead = ctx.text[sent.start: s]
    # "they continue to refuse to regulate AI" in a guild's quote: the guild demands it
    if word.startswith("refus"):
        if speaker and ctx.in_quote(s) and re.search(r"(?i)\bthey\b[^.]{0,25}$", lead):
            return speaker, "proposal-demand-refused"
        return None, ""
    # "the AMPTP's most recent offers", "the studios' latest contract offer", "the latest AMPTP offer"
    if before:
        gap = ctx.text[before[-1].end: s]
        if re.fullmatch(r"(?:'s?)?\s*(?:(?:most\s+)?(?:recent|latest|last|new|newest|final|best|earlier|initial|"
                        r"original|revised|contract|single|only|AI|wage|pay|and)\s+)*", gap):
            return before[-1].actor, "proposal-possessive"
    # "Our AI proposal" inside a quote: the speaker's
    if speaker and ctx.in_quote(s) and re.search(r"(?i)\b(our|we)\b[^.]{0,25}$", lead):
        return speaker, "proposal-our"
    side = _SIDE_NOUN.search(lead)
    if side:
        noun = side.group(1).lower()
        key = ctx.main("Guild") if noun in ("guild", "union") else ctx.main("EmployerAssociation")
        if key:
            return key, "proposal-side-noun"
    # "demands made by the WGA", "offer from the AMPTP"
    after = [x for x in sides if x.start >= s + len(m.group())]
    if after and re.fullmatch(r"(?i)\s+(?:made\s+|put forward\s+|tabled\s+)?(?:by|from)\s+(?:the\s+)?",
                              ctx.text[s + len(m.group()): after[0].start]):
        return after[0].actor, "proposal-by"
    # "The WGA had sought ...", "the studios also made a concession by offering ...", "the union pushing to ..."
    if word in ("offered", "offering", "proposed", "demanded", "sought", "seeking", "asked for", "put forward") \
            or word.startswith(("pushing", "pushed", "press")):
        # the verb's subject, not the object of a preposition ("not heard from the WGA ... after offering")
        if before and s - before[-1].end <= 70 and not re.search(r"[;:]|\bthat\b", ctx.text[before[-1].end: s]) \
                and not _AFTER_PREPOSITION.search(ctx.text[max(sent.start, before[-1].start - 20): before[-1].start]):
            return before[-1].actor, "proposal-subject-verb"
    # "the coalition answered ... with a counterproposal of its own": who makes, answers or presents the offer
    maker = _offer_maker(ctx, s)
    if maker is not None:
        hit = [x for x in sides if maker.idx <= x.start < maker.idx + len(maker.text)
               or x.start <= maker.idx < x.end]
        if hit:
            return hit[0].actor, "proposal-maker"
    # "remaining entrenched in its original position": whoever "its" points back to
    if word == "original position" and before:
        return before[-1].actor, "proposal-position"
    return None, ""


def proposals(ctx: Context, issue_mentions: list[IssueMention], speakers: dict[int, list]) -> list[Event]:
    speaker_at = speakers_by_sentence(ctx, speakers)
    groups: dict[tuple, Event] = {}
    last: tuple[str, int] | None = None  # the last proposer and the sentence it was named in
    for sent in ctx.sentences:
        sentence_proposer = None
        for m in _PROPOSAL.finditer(sent.text):
            who, rule = _proposer(ctx, sent, m, speaker_at.get(sent.index))
            if who is None and sentence_proposer and not m.group(1).lower().startswith("refus"):
                who, rule = sentence_proposer  # "offers ..., including a last round of offers on Aug. 17"
            if who is None and last and sent.index - last[1] <= 2 and _ANAPHOR.search(sent.text[: m.start()]):
                who, rule = last[0], "proposal-anaphor"  # "The offer also included ..."
            if who is None:
                continue
            sentence_proposer = (who, rule)
            last = (who, sent.index)
            _add_proposal(ctx, groups, sent, m, who, rule, issue_mentions)
    # An offer named with no issue and no day is one of the dated offers the article lists, when it lists some.
    out = []
    for (who, issue, day), ev in groups.items():
        if issue is None and day is None:
            dated = [e for (w, i, d), e in groups.items() if w == who and d is not None]
            if dated:
                _absorb(dated[0], ev)
                continue
        out.append(ev)
    return out


def _add_proposal(ctx, groups, sent, m, who, rule, issue_mentions):
    to = ctx.counterpart(who)
    kind = ("counteroffer" if "counter" in m.group(1).lower() else
            "demand" if ctx.type_of(who) == "Guild" else "offer")
    terms = find_terms(sent.text, sent.start)
    issues = [i.notation for i in issue_mentions if sent.start <= i.start < sent.end]
    if terms:  # one offer with figures: its issue is what the figures raise
        issues = [_term_issue(ctx, sent, terms[0].start, issue_mentions) or "Compensation"]
    days_list = [d for d in sent.dates if d.kind != "year" and d.start > sent.start + m.start()
                 and d.start - (sent.start + m.end()) < 40]
    day_items: list[object] = []
    if days_list:
        d = days_list[0]
        day_items = list(d.dates) or [f"{d.text}#{i}" for i in range(_count_days(d.text))]
    for day in day_items or [None]:
        for issue in (issues or [None]) if not day_items else [None]:
            key = (who, issue, day)
            ev = groups.get(key)
            if ev is None:
                roles = {"proposedBy": [who]}
                if to:
                    roles["proposedTo"] = [to]
                ev = groups[key] = Event("Proposal", roles, proposal_kind=kind)
                if isinstance(day, dt.date):
                    ev.date = day
                if issue:
                    ev.issues.add(issue)
            evid = ctx.evidence(sent, rule, 0.65)
            if evid not in ev.evidence:
                ev.evidence.append(evid)
            if terms and not ev.terms:
                ev.terms = [_with_issue(ctx, sent, t, issue_mentions) for t in terms]


def _count_days(text: str) -> int:
    """'Aug. 17th and 18th' names two days even when no year lets us say which."""
    return max(1, len(re.findall(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text)))


def _term_issue(ctx: Context, sent: Sentence, pos: int, issue_mentions: list[IssueMention]) -> str | None:
    inside = [i for i in issue_mentions if sent.start <= i.start < sent.end]
    after = [i for i in inside if i.start >= pos]
    if after and after[0].start - pos < 60:
        return after[0].notation
    before = [i for i in inside if i.end <= pos]
    return before[-1].notation if before else None


def _with_issue(ctx, sent, tm, issue_mentions):
    from .facts import Term

    return Term(tm.term.percent, tm.term.year, _term_issue(ctx, sent, tm.start, issue_mentions) or "Compensation")


_AGREEMENT = re.compile(r"(?i)\b(tentative (?:agreement|deal|contract)|reached (?:a |an )?(?:tentative )?"
                        r"(?:deal|agreement)|(?:deal|agreement|contract|terms)[^.]{0,40}?\b(ratified|approved)\b|"
                        r"(ratified|approved|ratify|signed)\b[^.]{0,30}\b(?:deal|agreement|contract))")


def _describes_signatories(ctx: Context, pos: int) -> bool:
    """"the companies signed to its Interactive Media Agreement", "titles whose producers have signed the interim
    agreement": a clause that tells which companies are bound by a contract, not that a deal was made."""
    tok = ctx.token_at(pos)
    return tok is not None and tok.lower_ == "signed" and tok.dep_ in ("relcl", "acl")


def agreements(ctx: Context, issue_mentions: list[IssueMention]) -> list[Event]:
    out: dict[tuple, Event] = {}
    for sent in ctx.sentences:
        m = _AGREEMENT.search(sent.text)
        if not m:
            continue
        lead = sent.text[max(0, m.start() - 40): m.start()]
        if _MODAL.search(lead) and not re.search(r"(?i)\balready\b", sent.text):
            continue
        if _describes_signatories(ctx, sent.start + m.start()):
            continue
        guilds = [x.actor for x in sent.mentions if ctx.type_of(x.actor) == "Guild"]
        # "terms already approved by the Directors Guild": the guild right after "approved by"
        after = [x for x in sent.mentions if x.start >= sent.start + m.end() and ctx.type_of(x.actor) == "Guild"]
        if re.match(r"(?i)\s*by\s+(?:the\s+)?", sent.text[m.end():]) and after:
            guild = after[0].actor
        elif guilds:
            guild = guilds[0]
        elif re.search(r"(?i)\bmembers\b", sent.text) and "ratif" in m.group(0).lower() and ctx.main("Guild"):
            guild = ctx.main("Guild")  # "members ratified the contract": the article's union
        else:
            continue
        employer = next((x.actor for x in sent.mentions if ctx.type_of(x.actor) in EMPLOYERS),
                        ctx.counterpart(guild))
        text = m.group(0).lower()
        status = ("ratified" if "ratif" in text else "approved" if "approved" in text else
                  "tentative")
        days, _ = _date_key(ctx, sent, sent.start + m.start(), day_over_month=True)
        # one agreement per union and stage (tentative, ratified ...); a day named tells two apart
        key = (guild, status, days if len(days) == 1 else ())
        if not days:
            key = next((k for k in out if k[:2] == (guild, status)), key)
        elif (guild, status, ()) in out:
            out[key] = out.pop((guild, status, ()))
        ev = out.get(key)
        if ev is None:
            parties = [guild] + ([employer] if employer else [])
            ev = out[key] = Event("Agreement", {"party": parties}, status=status)
        if len(days) == 1 and ev.date is None:
            ev.date = days[0]
        ev.evidence.append(ctx.evidence(sent, "agreement-status", 0.75))
        terms = find_terms(sent.text, sent.start)
        if terms and not ev.terms:
            ev.terms = [_with_issue(ctx, sent, t, issue_mentions) for t in terms]
        ev.issues |= {i.notation for i in issue_mentions if sent.start <= i.start < sent.end}
    # "The contract raises minimum wages by 7% in its first year ...": figures about "the deal" are the terms
    # of the agreement the article has just told of
    for sent in ctx.sentences:
        terms = find_terms(sent.text, sent.start)
        if not terms or _PROPOSAL.search(sent.text) or not _DEAL_ANAPHOR.search(sent.text):
            continue
        before = [e for e in out.values() if e.evidence and e.evidence[0].start <= sent.start]
        if before and not before[-1].terms:
            before[-1].terms = [_with_issue(ctx, sent, t, issue_mentions) for t in terms]
            before[-1].evidence.append(ctx.evidence(sent, "agreement-terms-anaphor", 0.6))
    return list(out.values())


_DEAL_ANAPHOR = re.compile(r"(?i)\b(?:the|its|this|that)\s+(?:new\s+|tentative\s+|three-year\s+|proposed\s+)?"
                           r"(?:deal|contracts?|agreement|pact)\b")


# -- statements ------------------------------------------------------------------------------------------------
_ACCORDING = re.compile(r"(?i)\baccording to\s+(?:the\s+)?$")
_RELEASE = re.compile(r"(?i)\b(publicly releas\w+|issued a (?:press release|statement)|"
                      r"(?:has |have )?made (?:an|one|two|three|four|\d) announcements?)\b")


_THAT_DAY = re.compile(r"(?i)\b(?:that|the same)\s+(?:day|night|evening|morning|afternoon)\b|\blater that day\b")


def _last_day_before(ctx: Context, sent: Sentence) -> tuple:
    """The last single day the article named before this sentence, within its paragraph or the one before."""
    for prev in reversed(ctx.sentences[max(0, sent.index - 3): sent.index]):
        days = [d.dates for d in prev.dates if len(d.dates) == 1 and d.kind != "year"]
        if days:
            return days[-1]
    return ()


def _allowed_speaker(ctx: Context, key: str, execs: set[str]) -> bool:
    """Statements are the bargaining parties' own: guilds, employers, agencies, and people who lead them;
    reporters and outlets report, they do not state."""
    t = ctx.type_of(key)
    return t in SPEAKERS or (t == "Person" and key in execs)


def statements(ctx: Context, execs: set[str], speakers: dict[int, list]) -> list[Event]:
    found: list[tuple[str, tuple, str | None, Event]] = []
    for sent in ctx.sentences:
        seen = set()
        cands = [c for c in speakers[sent.index] if _allowed_speaker(ctx, c[0], execs)]
        if any(ctx.type_of(k) == "Person" for k, _, _ in cands):
            # "Patric Verrone, president of the WGA West, said": the person speaks, not the body in the title
            cands = [c for c in cands if ctx.type_of(c[0]) == "Person"]
        for speaker, rule, separate in cands:
            if speaker in seen:
                continue
            seen.add(speaker)
            days, phrase = _date_key(ctx, sent)
            if not days and _THAT_DAY.search(sent.text):
                days, phrase = _last_day_before(ctx, sent), None  # "said in a statement that night"
            quote = next((ctx.text[a:b].strip('" ') for a, b in ctx.quote_spans(sent) if b - a > 12), None)
            ev = Event("Statement", {"statedBy": [speaker]})
            if len(days) == 1:
                ev.date = days[0]
            ev.quote = quote
            ev.evidence.append(ctx.evidence(sent, rule, 0.7))
            # a release ("publicly releasing details of its offer") is an act of its own, not one more remark
            key = f"{phrase or rule}#{sent.index}" if separate else (phrase if not days else None)
            found.append((speaker, days, key, ev))
    # One statement per speaker and day; a speaker's undated remarks belong to its one dated statement when
    # the article gives it just one, else they are one undated statement.
    out: list[Event] = []
    for speaker in dict.fromkeys(f[0] for f in found):
        mine = [(d, p, e) for s, d, p, e in found if s == speaker]
        out += _merge_by_day(mine)
    return out


_MESSAGE_NOUNS = {"statement", "release", "letter", "memo", "message", "post", "email", "note"}
_SAY_LEMMAS = {"say", "state", "write", "note", "add", "continue", "tell", "acknowledge", "accuse", "reveal",
               "announce", "insist", "claim", "argue", "warn", "stress", "explain", "declare", "respond", "counter",
               "blame", "offer"}
_SENT_MESSAGE = re.compile(r"(?i)^\s*(?:sent|issued|released|posted|published)\s+(?:a|an|its|their)\s+"
                           r"(?:\w+\s+)?(?:message|memo|letter|note|statement|press release)\b")


def _speakers(ctx: Context, sent: Sentence) -> list[tuple[str, str, bool]]:
    """Who speaks in a sentence, most certain first: (actor key, rule, is a separate act such as a release)."""
    found: list[tuple[str, str, bool]] = []
    sides = [x for x in sent.mentions if ctx.type_of(x.actor) in SPEAKERS | {"Person", "MediaOutlet"}
             and not ctx.in_quote(x.start)]
    for x in sides:
        # "according to the WGA negotiating team"
        if _ACCORDING.search(ctx.text[max(sent.start, x.start - 20): x.start]):
            found.append((x.actor, "statement-according-to", False))
        # "a statement from the coalition", "The statement from the WGA", "the AMPTP statement said"
        near = ctx.text[max(sent.start, x.start - 30): x.start]
        if re.search(r"(?i)\b(statement|memo|message|note|release)\s+(?:from|by)\s+(?:the\s+)?$", near) or \
                re.match(r"(?i)(?:'s?)?\s+(statement|memo|message|press release)\b", ctx.text[x.end: x.end + 20]):
            found.append((x.actor, "statement-from", False))
        # "the AMPTP issued a press release", "Union leaders sent a message"
        if _SENT_MESSAGE.match(ctx.text[x.end: x.end + 60]) or _RELEASE.match(ctx.text[x.end: x.end + 60].lstrip()):
            found.append((x.actor, "statement-release", False))
        # "accused the AMPTP of ... publicly releasing details of its offer": a release is an act of its own
        rel = _RELEASE.search(ctx.text[x.end: min(sent.end, x.end + 80)])
        if rel and "releas" in rel.group().lower() and not re.search(r"[,;]", ctx.text[x.end: x.end + rel.start()]):
            found.append((x.actor, "statement-release", True))
    def subject_of(verb):
        """The mention the verb's subject names, and the subject's character range."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                subtree = list(child.subtree)
                a, b = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
                hit = [x for x in sides if a <= x.start < b]
                if child.lemma_ == "member" and hit and hit[0].start > child.idx:
                    return None, (a, b)  # "Three members of the negotiating committee said": not the body
                people = [x for x in hit if ctx.type_of(x.actor) == "Person"]
                if hit:  # "SAG President, Fran Drescher said": the person speaks, not the guild
                    return (people[-1] if people else (hit[-1] if child.i > verb.i else hit[0])), (a, b)
                return None, (a, b)
        return None, None

    for tok in sent.span:
        if tok.pos_ != "VERB" or ctx.in_quote(tok.idx):
            continue
        # "The AMPTP ... congratulated the guild in a statement": whoever does it in a statement states
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(
                g.dep_ == "pobj" and g.lemma_ in _MESSAGE_NOUNS for g in c.children) for c in tok.children):
            pick, _ = subject_of(tok)
            if pick is not None:
                found.append((pick.actor, "statement-in-a-statement", False))
    for tok in sent.span:
        if tok.lemma_ not in _SAY_LEMMAS or tok.pos_ not in ("VERB", "AUX") or ctx.in_quote(tok.idx):
            continue
        if tok.dep_ == "pobj" or (tok.head.pos_ == "ADP" and tok.dep_ != "ROOT"):
            continue  # "notify the guild in writing"
        pos = tok.idx
        # the parser's subject, when it covers a mention: "a statement from the coalition said"
        pick, subject_range = subject_of(tok)
        if pick is not None:
            found.append((pick.actor, "statement-subject", False))
        if subject_range is None and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp"):
            # "..., saying its members would see gains": the clause's subject says it, not the object before
            pick, _ = subject_of(tok.head)
            if pick is not None:
                found.append((pick.actor, "statement-subject", False))
            continue
        # '"...," said guild leadership' / '"...," Zaslav stated'
        after = [x for x in sides if 0 <= x.start - (pos + len(tok.text)) <= 6]
        if after and re.match(r"\s*(?:,\s*)?(?:the\s+)?$", ctx.text[pos + len(tok.text): after[0].start]):
            found.append((after[0].actor, "statement-said-x", False))
        # "The AMPTP, after the WGA revealed ..., said": the sentence's own subject
        first = sides[0] if sides else None
        if first is not None and tok.dep_ == "ROOT" and re.fullmatch(r"\s*(?:the\s+)?", ctx.text[sent.start: first.start],
                                                                     re.I) and ctx.text[first.end: first.end + 1] == ",":
            found.append((first.actor, "statement-x-said", False))
        before = [x for x in sides if x.end <= pos and pos - x.end <= 40
                  and not re.search(r'[";]|\bthat\b', ctx.text[x.end: pos])
                  # "The guild, which is Local 839 of the IATSE, said": not a body inside the subject's phrase
                  and not (subject_range and subject_range[0] <= x.start < subject_range[1] and x is not pick)]
        if before:
            found.append((before[-1].actor, "statement-x-said", False))
    return found


def find_speakers(ctx: Context) -> dict[int, list[tuple[str, str, bool]]]:
    """Sentence index -> its speaker candidates (read once, used by statements and proposals)."""
    return {sent.index: _speakers(ctx, sent) for sent in ctx.sentences}


def speakers_by_sentence(ctx: Context, speakers: dict[int, list]) -> dict[int, str]:
    """Sentence index -> who speaks in it; a quotation that runs on over several sentences keeps its speaker,
    so "our offer" inside it is the speaker's offer."""
    out: dict[int, str] = {}
    for sent in ctx.sentences:
        who = next((k for k, _, _ in speakers[sent.index]), None)
        if who is not None:
            out[sent.index] = who
    # a quotation's speaker is often named in a later sentence of it: spread each speaker over its quote
    for a, b in ctx.quotes:
        inside = [s.index for s in ctx.sentences if s.start < b and a < s.end]
        speaker = next((out[i] for i in inside if i in out), None)
        if speaker is None and inside and inside[-1] + 1 < len(ctx.sentences):
            nxt = ctx.sentences[inside[-1] + 1]
            speaker = out.get(nxt.index) if nxt.start - b < 40 else None
        if speaker:
            for i in inside:
                out.setdefault(i, speaker)
    return out


# -- legal actions ---------------------------------------------------------------------------------------------
_LEGAL = re.compile(r"(?i)\b(fil(?:e|es|ed|ing))\b[^.]{0,60}?\b(charges?|complaints?|lawsuits?|suits?|grievances?|"
                    r"petitions?)\b|\b(sued|sues|suing)\b")


def legal_actions(ctx: Context) -> list[Event]:
    out = []
    for sent in ctx.sentences:
        m = _LEGAL.search(sent.text)
        if not m or _MODAL.search(sent.text[max(0, m.start() - 30): m.start()]):
            continue
        s = sent.start + m.start()
        by = ctx.mention_before(s, {"Guild"} | EMPLOYERS, within=300, named=True)
        rest = [x for x in sent.mentions if x.start > s]
        against = next((x for x in rest if re.search(r"(?i)\bagainst\s+(?:the\s+)?$", ctx.text[x.start - 15: x.start])),
                       None)
        if against is None and m.group(3):
            against = rest[0] if rest else None
        agency = next((x for x in rest if ctx.type_of(x.actor) == "GovernmentAgency"), None)
        if by is None or against is None or by.actor == against.actor:
            continue
        roles = {"filedBy": [by.actor], "against": [against.actor]}
        if agency:
            roles["filedWith"] = [agency.actor]
        days, phrase = _date_key(ctx, sent)
        ev = Event("LegalAction", roles)
        if len(days) == 1:
            ev.date = days[0]
        ev.evidence.append(ctx.evidence(sent, "legal-filing", 0.8))
        out.append(ev)
    return out
