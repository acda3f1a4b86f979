"""Lexicon: the extraction vocabulary of lexicon/*.yaml, loaded once, as frame specs and word sets."""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SetupError

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
FILES = ("frames.yaml", "hedges.yaml", "speech.yaml", "actors.yaml", "titles.yaml", "contracts.yaml", "terms.yaml")
POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}


@dataclass(frozen=True)
class Trigger:
    """One trigger entry: its words (the first by lemma, the rest as written) and part of speech."""

    words: tuple[str, ...]
    pos: str | None

    @property
    def head(self) -> str:
        return self.words[0]

    @property
    def text(self) -> str:
        return " ".join(self.words) + (f"/{self.pos}" if self.pos else "")


@dataclass(frozen=True)
class Role:
    name: str
    slots: tuple[str, ...]
    types: frozenset[str]
    all: bool = False  # fillers of every slot, not only of the first slot that has some
    one: bool = False  # the first filler alone ("X belongs to Y": one whole, whatever the parse hangs on Y)


#: support classes that carry the trigger only through their prepositions: a `bearer` its maker's through "with"
#: ("went into talks WITH three demands"), a `stative` verb its subject's through "in" ("the guild IS IN talks") or
#: "into" ("the guild is three weeks INTO talks")
CARRIED_THROUGH = {"bearer": ("with",), "stative": ("in", "into")}


@dataclass(frozen=True)
class FrameSpec:
    """A frame of frames.yaml: an event class or a relation property with its triggers and roles."""

    name: str
    cls: str
    triggers: tuple[Trigger, ...]
    roles: tuple[Role, ...]
    support: dict[str, frozenset[str]]
    exclude_objects: frozenset[str] = frozenset()
    exclude_subjects: frozenset[str] = frozenset()
    exclude_with_types: frozenset[str] = frozenset()  # actor types met "with" in another sense (an interview)
    exclude_modifiers: frozenset[str] = frozenset()
    exclude_governors: frozenset[str] = frozenset()
    exclude_subject_of: frozenset[str] = frozenset()  # verbs whose subject the noun trigger is in another sense
    exclude_holders: frozenset[str] = frozenset()  # verbs whose present tells of a contract in force ("has its own")
    forumless: frozenset[str] = frozenset()  # actions that name no forum: a charge relation only with one
    exclude_compound_heads: frozenset[str] = frozenset()  # nouns the trigger names the kind of ("talks committee")
    exclude_triggers: frozenset[str] = frozenset()
    needs_support: frozenset[str] = frozenset()
    needs_maker: frozenset[str] = frozenset()  # of those, nouns only the proposer's own verbs carry
    inverse: frozenset[str] = frozenset()  # triggers that give the two roles the other way round
    former_modifiers: frozenset[str] = frozenset()  # a deal of the past, told with no verb of its own
    earlier_modifiers: frozenset[str] = frozenset()  # another, earlier event of the kind (still an event)
    plural_only: frozenset[str] = frozenset()
    objects_required: dict[str, frozenset[str]] = field(default_factory=dict)
    places_required: dict[str, frozenset[str]] = field(default_factory=dict)  # "PUT 4% ON THE TABLE": where
    partner_required: frozenset[str] = frozenset()  # "SPENT Tuesday WITH the AMPTP": a meeting only with an actor
    subjects_required: dict[str, frozenset[str]] = field(default_factory=dict)
    status: dict[str, tuple[str, ...]] = field(default_factory=dict)
    begin: frozenset[str] = frozenset()
    end: frozenset[str] = frozenset()
    modifier_participles: frozenset[str] = frozenset()
    exclude_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    speech_senses: frozenset[str] = frozenset()
    needs_owner: frozenset[str] = frozenset()
    wholes_need: tuple[str, ...] = ()
    fellow_nouns: frozenset[str] = frozenset()
    owned_fellow_nouns: frozenset[str] = frozenset()
    past_only: frozenset[str] = frozenset()
    nonpast_only: frozenset[str] = frozenset()
    two_sided: frozenset[str] = frozenset()  # triggers that tell a deal only between two sides they name
    two_sided_nouns: frozenset[str] = frozenset()  # their acts as nouns ("the handshake sealed a deal")
    # a deal as the subject of these verbs with one of these objects passed its members' vote ("cleared a vote")
    passage_verbs: frozenset[str] = frozenset()
    passage_objects: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    counter_demands: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()
    needs_object: frozenset[str] = frozenset()
    joins: dict[str, frozenset[str]] = field(default_factory=dict)  # Strike: verbs that tell one only as joining
    member_subjects: frozenset[str] = frozenset()  # Strike: workers whose verb strikes for the article's union
    one_day: frozenset[str] = frozenset()  # Strike: words that say it lasts one day
    needs_figures: frozenset[str] = frozenset()
    contents_follow: frozenset[str] = frozenset()  # proposals whose contents the next sentence tells with "would"
    contents_kept: frozenset[str] = frozenset()  # verbs of such a sentence that keep a level
    needs_issue: frozenset[str] = frozenset()
    until_verbs: frozenset[str] = frozenset()  # a demand only by the clause "until" opens
    pay_nouns: frozenset[str] = frozenset()
    content_verbs: frozenset[str] = frozenset()
    reply_nouns: frozenset[str] = frozenset()
    reply_verbs: frozenset[str] = frozenset()
    carrier_nouns: frozenset[str] = frozenset()  # Strike: "lifted the strike ORDER": the strike itself
    venues: frozenset[str] = frozenset()  # LegalAction: "a claim in the high COURT against X" (the parse's "against")
    opening_verbs: frozenset[str] = frozenset()
    opening_modifiers: frozenset[str] = frozenset()
    union_opening_modifiers: frozenset[str] = frozenset()  # ... of a union's proposal only ("its FIRST package")
    session_preps: frozenset[str] = frozenset()  # "AT that session": a proposal made at a session told before
    session_nouns: frozenset[str] = frozenset()
    own_times: dict[str, frozenset[str]] = field(default_factory=dict)  # marks, preps, nouns of an act's own time
    asked_of: frozenset[str] = frozenset()
    predicates: frozenset[str] = frozenset()
    asked_from: frozenset[str] = frozenset()
    urging: frozenset[str] = frozenset()  # verbs whose object is urged to do what their clause says
    presupposing: frozenset[str] = frozenset()  # verbs that presuppose the relation however they are hedged
    accusing: frozenset[str] = frozenset()
    alleging: frozenset[str] = frozenset()
    readiness_adjectives: frozenset[str] = frozenset()
    readiness_verbs: frozenset[str] = frozenset()
    host_preps: frozenset[str] = frozenset()
    host_modifiers: frozenset[str] = frozenset()
    host_plain_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    medium_preps: frozenset[str] = frozenset()  # a noun any active verb takes so names its subject's medium
    medium_marked: frozenset[str] = frozenset()  # ... these nouns only as one of a kind ("in A post")

    def role(self, name: str) -> Role:
        return next(r for r in self.roles if r.name == name)

    def support_class(self, lemma: str, form: str = "") -> str | None:
        """The class of a support verb, by its lemma or, where the small model's lemma is wrong ("staged" as
        "stag"), by its form."""
        words = lemma_forms(lemma, form)
        for cls, verbs in self.support.items():
            if words & verbs and cls not in CARRIED_THROUGH:  # (those carry only through their preposition)
                return cls
        return None


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, used as a cache key
class Lexicon:
    frames: dict[str, FrameSpec]
    hedges: dict
    speech: dict
    actors: dict
    titles: dict
    contracts: dict
    terms: dict
    digest: str  # sha256 of the files, for the build fingerprint

    # -- word sets the mechanisms use, computed once ---------------------------------------------------------
    @functools.cached_property
    def negators(self) -> frozenset[str]:
        return frozenset(self.hedges["negators"])

    @functools.cached_property
    def negating_governors(self) -> frozenset[str]:
        return frozenset(self.hedges["negating_governors"]) | frozenset(self.hedges["negating_words"])

    @functools.cached_property
    def modals(self) -> frozenset[str]:
        return frozenset(self.hedges["modals"])

    @functools.cached_property
    def hypothetical_governors(self) -> frozenset[str]:
        return frozenset(self.hedges["hypothetical_governors"])

    @functools.cached_property
    def hypothetical_modifiers(self) -> frozenset[str]:
        return frozenset(self.hedges["hypothetical_modifiers"])

    @functools.cached_property
    def conditional_markers(self) -> frozenset[str]:
        return frozenset(self.hedges["conditional_markers"])

    @functools.cached_property
    def say_verbs(self) -> frozenset[str]:
        return frozenset(self.speech["verbs"])

    @functools.cached_property
    def message_nouns(self) -> frozenset[str]:
        return frozenset(w for w in self.speech["nouns"] if " " not in w)

    @functools.cached_property
    def body_nouns(self) -> frozenset[str]:
        return frozenset(self.actors["body_nouns"])

    @functools.cached_property
    def hypernyms(self) -> frozenset[str]:
        return frozenset(self.actors["hypernyms"])

    @functools.cached_property
    def other_modifiers(self) -> frozenset[str]:
        return frozenset(self.actors["other_modifiers"])

    @functools.cached_property
    def field_titles(self) -> frozenset[str]:
        """Titles that hold only with their field ("director OF INTERACTIVE CONTRACTS")."""
        return frozenset(t.lower() for t in self.titles.get("field_titles", ()))

    @functools.cached_property
    def honorifics(self) -> frozenset[str]:
        return frozenset(t.lower() for t in self.titles.get("honorifics", ()))

    @functools.cached_property
    def government_offices(self) -> frozenset[str]:
        return frozenset(self.titles.get("government_offices", ()))

    @functools.cached_property
    def own_titles(self) -> frozenset[str]:
        """Titles that hold on their own ("president", "chief negotiator"), lower case."""
        return frozenset(t.lower() for t in self.titles["titles"])

    @functools.cached_property
    def title_heads(self) -> frozenset[str]:
        """The last words of those titles: "president", "negotiator", "officer"."""
        return frozenset(t.split()[-1] for t in self.own_titles)

    @functools.cached_property
    def trades(self) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in self.actors["trades"].items()}


def lemma_forms(lemma: str, form: str = "") -> set[str]:
    """A word's lemma and the stems its form may have: "staged" -> stage, "hoping" -> hope, "filed" -> file."""
    out = {lemma.lower()}
    form = form.lower()
    if form:
        out.add(form)
        for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("s", ""), ("es", "")):
            if form.endswith(suffix) and len(form) > len(suffix) + 2:
                out.add(form[: -len(suffix)] + repl)
    return out


def parse_trigger(entry: str) -> Trigger:
    words, _, pos = entry.rpartition("/") if "/" in entry and entry.rsplit("/", 1)[1] in POS else (entry, "", "")
    return Trigger(tuple(words.split()), pos or None)


def _words(items) -> frozenset[str]:
    return frozenset(str(i) for i in (items or []))


def _frame(name: str, raw: dict, speech: dict) -> FrameSpec:
    if raw.get("triggers_from") == "speech":
        triggers = [Trigger((v,), "VERB") for v in speech["verbs"]] + \
                   [Trigger(tuple(n.split()), "NOUN") for n in speech["nouns"]]
    else:
        triggers = [parse_trigger(t) for t in raw.get("triggers", [])]
    exclude = raw.get("exclude") or {}
    roles = tuple(Role(r, tuple(spec["slots"]), frozenset(spec.get("types", [])), bool(spec.get("all")),
                       bool(spec.get("one")))
                  for r, spec in (raw.get("roles") or {}).items())
    return FrameSpec(
        name=name, cls=raw["class"], triggers=tuple(triggers), roles=roles,
        support={cls: _words(verbs) for cls, verbs in (raw.get("support") or {}).items()},
        exclude_objects=_words(exclude.get("objects")), exclude_subjects=_words(exclude.get("subjects")),
        exclude_with_types=frozenset(exclude.get("with_types") or ()),
        exclude_modifiers=_words(exclude.get("modifiers")),
        exclude_governors=_words(exclude.get("governors")), exclude_triggers=_words(exclude.get("triggers")),
        exclude_subject_of=_words(exclude.get("subject_of")), exclude_holders=_words(exclude.get("holders")),
        forumless=_words(raw.get("forumless")),
        exclude_compound_heads=_words(exclude.get("compound_heads")),
        needs_support=_words(raw.get("needs_support")), needs_maker=_words(raw.get("needs_maker")),
        inverse=_words(raw.get("inverse")),
        former_modifiers=_words(raw.get("former_modifiers")), earlier_modifiers=_words(raw.get("earlier_modifiers")),
        plural_only=_words(raw.get("plural_only")),
        objects_required={k: _words(v) for k, v in (raw.get("objects_required") or {}).items()},
        places_required={k: _words(v) for k, v in (raw.get("places_required") or {}).items()},
        partner_required=_words(raw.get("partner_required")),
        subjects_required={k: _words(v) for k, v in (raw.get("subjects_required") or {}).items()},
        status={k: tuple(v) for k, v in (raw.get("status") or {}).items()},
        begin=_words(raw.get("begin")), end=_words(raw.get("end")),
        modifier_participles=_words(raw.get("modifier_participles")), predicates=_words(raw.get("predicates")),
        exclude_preps={k: _words(v) for k, v in (exclude.get("preps") or {}).items()},
        speech_senses=_words(exclude.get("speech")), needs_owner=_words(raw.get("needs_owner")),
        wholes_need=tuple(raw.get("wholes_need") or ()), fellow_nouns=_words(raw.get("fellow_nouns")),
        owned_fellow_nouns=_words(raw.get("owned_fellow_nouns")),
        past_only=_words(raw.get("past_only")),
        nonpast_only=_words(raw.get("nonpast_only")), commitments=_words(raw.get("commitments")),
        two_sided=_words(raw.get("two_sided")), two_sided_nouns=_words(raw.get("two_sided_nouns")),
        passage_verbs=_words((raw.get("passage") or {}).get("verbs")),
        passage_objects=_words((raw.get("passage") or {}).get("objects")),
        counter_demands=_words(raw.get("counter_demands")), refusals=_words(raw.get("refusals")),
        needs_object=_words(raw.get("needs_object")),
        joins={k: _words(v) for k, v in (raw.get("joins") or {}).items()},
        member_subjects=_words(raw.get("member_subjects")),
        one_day=_words(raw.get("one_day")),
        needs_figures=_words(raw.get("needs_figures")), needs_issue=_words(raw.get("needs_issue")),
        contents_follow=_words(raw.get("contents_follow")), contents_kept=_words(raw.get("contents_kept")),
        until_verbs=_words(raw.get("until_verbs")),
        pay_nouns=_words(raw.get("pay_nouns")), content_verbs=_words(raw.get("content_verbs")),
        reply_nouns=_words(raw.get("reply_nouns")), reply_verbs=_words(raw.get("reply_verbs")),
        venues=_words(raw.get("venues")), carrier_nouns=_words(raw.get("carrier_nouns")),
        opening_verbs=_words(raw.get("opening_verbs")), opening_modifiers=_words(raw.get("opening_modifiers")),
        union_opening_modifiers=_words(raw.get("union_opening_modifiers")),
        session_preps=_words((raw.get("session_occasions") or {}).get("preps")),
        session_nouns=_words((raw.get("session_occasions") or {}).get("nouns")),
        own_times={k: _words(v) for k, v in (raw.get("own_times") or {}).items()},
        asked_of=_words(raw.get("asked_of")),
        asked_from=_words(raw.get("asked_from")), urging=_words(raw.get("urging")),
        presupposing=_words(raw.get("presupposing")),
        accusing=_words((raw.get("accusations") or {}).get("accusing")),
        alleging=_words((raw.get("accusations") or {}).get("alleging")),
        readiness_adjectives=_words((raw.get("readiness") or {}).get("adjectives")),
        readiness_verbs=_words((raw.get("readiness") or {}).get("verbs")), host_preps=_words(raw.get("host_preps")),
        host_modifiers=_words(raw.get("host_modifiers")), host_plain_preps={
            k: _words(v) for k, v in (raw.get("host_plain_preps") or {}).items()},
        medium_preps=_words((raw.get("medium") or {}).get("preps")),
        medium_marked=_words((raw.get("medium") or {}).get("marked")))


#: libyaml's safe loader where PyYAML was built with it: the same data, ~10x faster than the pure-Python one
#: (0.17 s of every build that extracts, in each worker process).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=2)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    raw, digest = {}, hashlib.sha256()
    for name in FILES:
        path = directory / name
        try:
            data = path.read_bytes()
            raw[name.removesuffix(".yaml")] = yaml.load(data, Loader=_LOADER) or {}
        except (OSError, yaml.YAMLError) as e:
            raise SetupError(f"cannot read the extraction lexicon {path}: {e}") from e
        digest.update(name.encode() + b"\0" + data)
        _no_yaml_booleans(raw[name.removesuffix(".yaml")], path)
    frames = {name: _frame(name, spec, raw["speech"]) for name, spec in raw["frames"].items()}
    return Lexicon(frames, raw["hedges"], raw["speech"], raw["actors"], raw["titles"], raw["contracts"],
                   raw["terms"], digest.hexdigest())


def _no_yaml_booleans(node, path: Path, where: str = "") -> None:
    """YAML reads an unquoted on, off, yes or no as a boolean: in a list of words or as a key it is a word lost
    ("walked out of" kept, "pushed on" not), so it is an error that says which word to quote."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        at = f"{where}/{key}" if where else str(key)
        if isinstance(key, bool) or isinstance(node, list) and isinstance(value, bool):
            raise SetupError(f"the extraction lexicon {path} reads {at} as {value if isinstance(node, list) else key}:"
                             " quote the word (YAML takes on, off, yes and no for true and false)")
        _no_yaml_booleans(value, path, at)


def lexicon_files(directory: Path = LEXICON_DIR) -> list[Path]:
    return [directory / name for name in FILES]
