"""Transcripts: a broadcast transcript's turns ("BENICIO HARTSFIELD: Nineteen weeks last year.") as statements of the
people the article names, dated by the occasion or scene the narration sets for them."""
from __future__ import annotations

import re

from .context import Context
from .facts import Event
from .index import sentences
from .occasions import lede_scene, occasion_of, scene_of


def transcript_turns(ctx: Context, occasions, journalists: set[str]) -> list[tuple[str, tuple, None, Event, int, bool]]:
    """One statement per turn of a named person (speech.yaml `transcript_turn`); the broadcast's staff (a role of
    `transcript_staff` on their first turn, their surname after) and voices the article does not name state
    nothing. Its day: the speaker's occasion told just before, the scene set for them, the day the narration
    introducing them names, the report's opening scene, else the broadcast's own."""
    pattern = ctx.lexicon.speech.get("transcript_turn")
    turns = list(re.finditer(pattern, ctx.text, re.MULTILINE)) if pattern else []
    if not turns:
        return []
    people = {}
    for key, info in ctx.linked.actors.items():
        if info.type == "Person" and info.label and key not in journalists:
            people.setdefault(info.label.upper(), key)
            people.setdefault(info.label.split()[-1].upper(), key)
    staff = _named_as(turns, ctx.lexicon.speech.get("transcript_staff", ()))
    hosts = _named_as(turns, ctx.lexicon.speech.get("transcript_hosts", ()))
    sents = sentences(ctx.doc)
    out = []
    last: tuple[str, tuple] | None = None  # the last named speaker and their turn's day
    for k, m in enumerate(turns):
        name = m.group("name")
        speaker = people.get(name) if name not in staff else None
        if speaker is None:
            continue
        index = sents.at_char(m.start())
        when = last[1] if last is not None and last[0] == speaker else ()  # (their turns of one conversation)
        if not when:
            when, _ = occasion_of(occasions, index, {speaker})
        if not when:
            when, _ = scene_of(ctx, index, {speaker})
        if not when:
            when = _introduced(ctx, sents, index, speaker)
        if not when and not (k and turns[k - 1].group("name") in hosts):  # (a guest the host talks with: today's)
            when, _ = lede_scene(ctx, index)
        if not when and (today := ctx.today(m.start())) is not None:
            when = (today,)  # a report told in the present ("are circling the sidewalk here"): the broadcast's day
        ev = Event("Statement", {"statedBy": [speaker]}, date=when[0] if len(when) == 1 else None)
        end = ctx.text.find("\n", m.end())
        ev.evidence.append(ctx.evidence(m.start(), end if end >= 0 else len(ctx.text), "transcript-turn", 0.8))
        out.append((speaker, tuple(when), None, ev, index, False))
        last = (speaker, tuple(when))
    return out


def _named_as(turns: list[re.Match], roles) -> set[str]:
    """The names, and surnames, of the speakers whose turns give them one of `roles` ("MERLE OBIORA, HOST:")."""
    return {n for m in turns if (m.group("role") or "").strip() in roles
            for n in (m.group("name"), m.group("name").split()[-1])}


def _introduced(ctx: Context, sents, index: int, speaker: str) -> tuple:
    """The one past day of the narration that introduces the speaker just before their turn ("I talked yesterday
    with Wes Calloway, who ...")."""
    for i in range(index - 1, max(index - 3, -1), -1):
        sent = sents[i]
        if any(m.actor == speaker for m in ctx.linked.between_chars(sent.start_char, sent.end_char)):
            days = ctx.past_days(sent.start_char, sent.end_char)
            return (days.pop(),) if len(days) == 1 else ()
    return ()
