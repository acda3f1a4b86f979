"""The extraction manifest: small sentences written for each frame (tests/extraction/*.jsonl), in paraphrase groups
(active, passive, apposition, coordination, nominalisation, pronoun, negation, hypothetical, future ...), each with
the facts it must give and the ones it must not. A case the extractor still gets wrong is listed with
`known_failure` (the reason), run, and reported as an expected failure, never deleted."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.extract import extract_text

MANIFEST = Path(__file__).resolve().parent / "extraction"
EVENT_ROLES = {"Strike": ("by", "strikingParty"), "NegotiationSession": ("participants", "participant"),
               "Proposal": ("by", "proposedBy"), "Agreement": ("parties", "party"),
               "Statement": ("by", "statedBy"), "LegalAction": ("by", "filedBy")}
OTHER_ROLES = {"against": ("target", "against"), "to": ("proposedTo",), "with": ("filedWith",)}
DATES = {"date": "date", "start": "start", "end": "end"}


def cases():
    out = []
    for path in sorted(MANIFEST.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                marks = [pytest.mark.xfail(reason=case["known_failure"], strict=True)] \
                    if case.get("known_failure") else []
                out.append(pytest.param(case, id=f"{path.stem}:{n}:{case.get('group', '')}", marks=marks))
    return out


def _as_list(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _event_matches(ev, want: dict) -> bool:
    if ev.kind != want["type"]:
        return False
    key, role = EVENT_ROLES[want["type"]]
    actors = set(ev.roles.get(role, []))
    if not set(_as_list(want.get(key))) <= actors:
        return False
    for field, roles in OTHER_ROLES.items():
        if field in want:
            have = {a for r in roles for a in ev.roles.get(r, [])}
            if not set(_as_list(want[field])) <= have:
                return False
    for field, attr in DATES.items():
        if field in want and str(getattr(ev, attr) or None) != str(want[field]):
            return False
    if "status" in want and ev.status != want["status"]:
        return False
    if "issue" in want and want["issue"] not in ev.issues:
        return False
    if "terms" in want:  # [percent, year] or [percent, year, issue]
        wanted = sorted(((float(p), y, *rest) for p, y, *rest in want["terms"]), key=str)
        have = sorted(((t.percent, t.year, t.issue)[:len(w)] for t, w in zip(ev.terms, wanted)), key=str) \
            if len(ev.terms) == len(wanted) and len({len(w) for w in wanted}) <= 1 else None
        if have != wanted:
            return False
    return True


def _relation_matches(r, want: list) -> bool:
    s, p, o, *role = want
    same = (r.s, r.p, r.o) == (s, p, o) or (p == "negotiatesWith" and (r.o, r.s) == (s, o))
    return same and (not role or (r.role or "").lower() == str(role[0]).lower())


@pytest.fixture(scope="module", autouse=True)
def _pipeline(nlp):
    """Load spaCy once (session fixture) before the first extraction."""


@pytest.mark.parametrize("case", cases())
def test_manifest(case):
    date = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    facts = extract_text(case["text"], date=date)
    found = [f"{e.kind} {e.roles} date={e.date} start={e.start} status={e.status}" for e in facts.events]
    for want in case.get("events", []):
        assert any(_event_matches(e, want) for e in facts.events), f"no event {want} in {found}"
    for kind in case.get("no_events", []):
        assert not [e for e in facts.events if e.kind == kind], f"unexpected {kind}: {found}"
    for want in case.get("not_events", []):
        assert not any(_event_matches(e, want) for e in facts.events), f"unexpected {want}: {found}"
    rels = [(r.s, r.p, r.o, r.role) for r in facts.relations]
    for want in case.get("relations", []):
        assert any(_relation_matches(r, want) for r in facts.relations), f"no relation {want} in {rels}"
    for want in case.get("no_relations", []):
        s, p, o = want
        assert not [r for r in facts.relations if (r.s, r.p, r.o) == (s, p, o)], f"unexpected {want}: {rels}"
    for kind in case.get("no_relation_types", []):
        assert not [r for r in facts.relations if r.p == kind], f"unexpected {kind}: {rels}"
    for key, type_ in case.get("actors", {}).items():
        assert key in facts.actors and facts.actors[key].type == type_, f"actor {key} {type_}: {facts.actors}"
    for key in case.get("no_actors", []):
        assert key not in facts.actors, f"unexpected actor {key}: {facts.actors}"


def test_every_event_a_case_names_uses_only_fields_its_type_is_checked_on():
    """A field the matcher does not read for that type ("by" of an Agreement, whose key is "parties") would make a
    case pass whatever the extractor gives."""
    read = {"type", *OTHER_ROLES, *DATES, "status", "issue", "terms"}
    unread = [(c.id, want) for c in cases() for key in ("events", "not_events") for want in c.values[0].get(key, [])
              if set(want) - read - {EVENT_ROLES[want["type"]][0]}]
    assert not unread


def test_a_lexicon_file_that_is_not_yaml_is_named_in_a_setup_error(tmp_path):
    """A linguist's slip in a lexicon file stops the build with the file and the place, not a traceback."""
    import shutil

    from graph.errors import SetupError
    from graph.extract.lexicon import FILES, LEXICON_DIR, load_lexicon

    for name in FILES:
        shutil.copy(LEXICON_DIR / name, tmp_path / name)
    assert load_lexicon(tmp_path).frames == load_lexicon(LEXICON_DIR).frames  # the copy reads as the original
    (tmp_path / "hedges.yaml").write_text("hedges: [reportedly, allegedly\n", encoding="utf-8")
    load_lexicon.cache_clear()
    with pytest.raises(SetupError, match=r"(?s)hedges\.yaml.*line 2"):
        load_lexicon(tmp_path)


def test_an_unquoted_on_or_no_in_a_lexicon_list_is_a_setup_error(tmp_path):
    """YAML reads an unquoted on, off, yes or no as true or false: the word would be lost ("pushed on" kept as a
    demand, "no" not a negator), so the loader names the word to quote instead."""
    import shutil

    from graph.errors import SetupError
    from graph.extract.lexicon import FILES, LEXICON_DIR, load_lexicon

    for name in FILES:
        shutil.copy(LEXICON_DIR / name, tmp_path / name)
    hedges = (tmp_path / "hedges.yaml").read_text(encoding="utf-8")
    assert '"no"' in hedges
    (tmp_path / "hedges.yaml").write_text(hedges.replace('"no"', "no", 1), encoding="utf-8")
    load_lexicon.cache_clear()
    with pytest.raises(SetupError, match=r"hedges\.yaml reads negators/\d+ as False: quote the word"):
        load_lexicon(tmp_path)
    load_lexicon.cache_clear()
    assert "no" in load_lexicon(LEXICON_DIR).negators
