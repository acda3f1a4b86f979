"""The Frame a trigger is read into: what the frame finder leaves on the doc and the event readers take in."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import temporal
from .arguments import Filler

POSITION = "holdsPosition"


@dataclass
class Frame:
    """One trigger of one frame in one sentence, with the actors of its roles and the dates of its clause."""

    name: str  # the frame's key in frames.yaml ("Strike", "supports", "holdsPosition" ...)
    cls: str  # the hl: class or property
    trigger: int  # token index of the trigger's head word
    text: str  # the trigger as written
    sent_start: int  # character offsets of the sentence
    sent_end: int
    roles: dict[str, list[Filler]]
    hedge: str | None = None  # hedges.NEGATED, hedges.HYPOTHETICAL or None
    dates: list[temporal.DateRef] = field(default_factory=list)
    counts: list[temporal.DayCount] = field(default_factory=list)
    status: str | None = None  # Agreement: tentative, ratified, approved
    title: str | None = None  # holdsPosition: the role label as written
    scope: frozenset[int] = frozenset()  # tokens of the trigger's clause (for issues and terms)
    object_scope: frozenset[int] = frozenset()  # tokens of its object phrase (a proposal's issues)
    verb: int = -1  # token index of the verb of the trigger's clause, -1 for none
    future: bool = False  # told in the future ("will go on strike Tuesday"): its weekdays lie ahead
    reported: list[temporal.DateRef] = field(default_factory=list)  # days of the saying that reports it
    #: a definite mention of a deal told before, in a sentence of figures ("the contract raises pay 5% a year"):
    #: it adds its figures to that deal and tells nothing else
    anaphor: bool = False
    #: a later stage the sentence tells of the deal its relative clause makes: "the board on Friday APPROVED the
    #: contract the union reached Wednesday" -> (status, its dates, its verb, the dates of a saying that reports it)
    stage: tuple[str, list[temporal.DateRef], int, list[temporal.DateRef]] | None = None
    #: told in the simple present, as news tells what is scheduled ("talks RESUME Thursday"): its weekdays lie ahead
    scheduled: bool = False

    @property
    def rule(self) -> str:
        """The extractor name recorded with the evidence: frame, trigger lemma and the slots that filled it."""
        slots = sorted({f.slot.split(":")[0] for fs in self.roles.values() for f in fs})
        return f"frame:{self.name}:{'+'.join(slots) or 'trigger'}"

    def actors(self, role: str) -> list[str]:
        return [f.actor for f in self.roles.get(role, [])]
