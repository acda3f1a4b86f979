"""Page data: the facts each node or edge of a view stands for, and their evidence sentences and articles."""
from __future__ import annotations

from .data import Event, Source, StoreData, local_name
from .styles import RELATION_STYLES


class Page:
    """The evidence side of a view: `facts` are [text, [sentence index...], [name index...]], `evidence`
    [sentence, doc index, inferred], `docs` [title, date, outlet, identifier, untitled (1: the title is the
    article's first sentence)], `names` the names (label, aliases) of the actors a fact is about, which the page
    marks in its sentences; identical sentences of one article are stored once."""

    def __init__(self, data: StoreData | None):
        self.data = data
        self.facts: list[list] = []
        self.evidence: list[list] = []
        self.docs: list[list] = []
        self.names: list[list[str]] = []
        self._facts: dict = {}
        self._evidence: dict = {}
        self._order: list[tuple[str, str, str]] = []  # per sentence: its article's date and title, the sentence
        self._docs: dict = {}
        self._names: dict = {}
        self._events: dict = {}
        self._relations: dict = {}

    def _doc(self, doc: str) -> int:
        if doc not in self._docs:
            title, date = self.data.docs.get(doc, (local_name(doc) if doc else "unknown article", ""))
            source = self.data.sources.get(doc, Source("", local_name(doc) if doc else "", False))
            self._docs[doc] = len(self.docs)
            self.docs.append([title, date, source.outlet, source.identifier, int(source.untitled)])
        return self._docs[doc]

    def _name(self, iri: str) -> int:
        if iri not in self._names:
            names = [self.data.label(iri), *self.data.aliases.get(iri, [])]
            self._names[iri] = len(self.names)
            self.names.append(sorted(set(names), key=lambda n: (-len(n), n)))
        return self._names[iri]

    def _sentences(self, evidence: set[str]) -> list[int]:
        out = set()
        for key in self.data.sentence_keys(evidence):
            if key not in self._evidence:
                sentence, doc, inferred = key
                self._evidence[key] = len(self.evidence)
                d = self._doc(doc)
                self.evidence.append([sentence, d, int(inferred)])
                self._order.append((self.docs[d][1], self.docs[d][0], sentence))
            out.add(self._evidence[key])
        return sorted(out, key=self._order.__getitem__)

    def fact(self, text: str, evidence: set[str], about: tuple[str, ...] = ()) -> int:
        """The index of a fact (its text, evidence sentences and the actors it is `about`)."""
        sentences = self._sentences(evidence)
        names = sorted({self._name(a) for a in about})
        key = (text, tuple(sentences), tuple(names))
        if key not in self._facts:
            self._facts[key] = len(self.facts)
            self.facts.append([text, sentences, names])
        return self._facts[key]

    def months(self, facts: list[int]) -> set[str]:
        """The months (YYYY-MM) of the articles the facts' evidence sentences come from."""
        return {self.docs[self.evidence[e][1]][1][:7] for f in facts for e in self.facts[f][1]} - {""}

    def count(self, facts: list[int]) -> int:
        return len({s for f in facts for s in self.facts[f][1]})

    # -- facts of the graph --------------------------------------------------------------------------------
    def relation_fact(self, s: str, rel: str, o: str, role: str) -> int:
        key = (s, rel, o, role)
        if key not in self._relations:  # (a relation is a fact of both its ends: made once)
            label = RELATION_STYLES.get(rel, (rel,))[0] + (f" ({role})" if role else "")
            evidence = self.data.relations.get(key, set()) if self.data else set()
            self._relations[key] = self.fact(f"{self.data.label(s)} — {label} — {self.data.label(o)}", evidence,
                                             (s, o))
        return self._relations[key]

    def event_fact(self, ev: Event) -> int:
        if ev.iri not in self._events:  # (an event is a fact of each actor in it: its text is made once)
            self._events[ev.iri] = self.fact(self.data.event_text(ev), ev.evidence, (*ev.actors, *sorted(ev.issues)))
        return self._events[ev.iri]

    def actor_facts(self, actor: str, issue: str | None = None) -> list[int]:
        """Relations the actor is an end of, then events it takes part in (about `issue` alone, if given: on an
        issue's page an actor stands for what it did about that issue, not for its every event)."""
        facts = [self.relation_fact(*key) for key in self.data.relations_of.get(actor, [])]
        events = self.data.events_of.get(actor, [])
        if issue is not None:
            about = self.data.event_iris_about(issue)
            events = [ev for ev in events if ev.iri in about]
        facts += [self.event_fact(ev) for ev in events]
        return _unique(facts)

    def issue_facts(self, issue: str) -> list[int]:
        return _unique([self.event_fact(ev) for ev in self.data.events_about.get(issue, [])])

    def as_json(self) -> dict:
        return {"facts": self.facts, "evidence": self.evidence, "docs": self.docs, "names": self.names}


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))
