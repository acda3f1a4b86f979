"""Sanity checks for the held-out gold files (run: .venv/bin/python tests/heldout/check_gold.py [FOLDER or FILE ...];
the folder defaults to this one, tests/blind is the other; a path that is neither a folder nor a gold file is an
error, so that a typo never passes as "OK")."""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ETYPES = {"Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet", "Person"}
PREDS = {"holdsPosition", "memberOf", "negotiatesWith", "strikesAgainst", "supports", "partOf", "filedChargeAgainst"}
ISSUES = {"ArtificialIntelligence", "Residuals", "Staffing", "Compensation", "ViewershipTransparency",
          "HealthAndPension", "WorkingConditions", "Other"}
EVKEYS = {
    "Strike": {"type", "by", "against", "start", "end", "issues"},
    "NegotiationSession": {"type", "participants", "date"},
    "Proposal": {"type", "by", "to", "date", "issue", "terms"},
    "Agreement": {"type", "parties", "date", "status", "terms"},
    "Statement": {"type", "by", "date"},
    "LegalAction": {"type", "by", "against", "with", "date"},
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
errors = []

def err(f, msg):
    errors.append(f"{f}: {msg}")

ARGS = [pathlib.Path(a) for a in sys.argv[1:]] or [HERE]
GOLDS = []
for arg in ARGS:
    if arg.is_dir():
        GOLDS += sorted(arg.glob("*.gold.json"))
    elif arg.is_file() and arg.name.endswith(".gold.json"):
        GOLDS.append(arg)
    else:
        sys.exit(f"{arg}: not a folder of gold files nor a .gold.json file")
if not GOLDS:
    sys.exit(f"no .gold.json files under {', '.join(map(str, ARGS))}")

for gold in GOLDS:
    f = gold.name
    try:
        g = json.loads(gold.read_text(encoding="utf-8"))
    except ValueError as e:  # json.JSONDecodeError, and bad UTF-8
        err(f, f"JSON parse error: {e}")
        continue
    txt_path = gold.parent / g["doc"]
    if g["doc"] != f.replace(".gold.json", ".txt") or not txt_path.exists():
        err(f, f"doc mismatch / missing: {g['doc']}")
        continue
    text = txt_path.read_text(encoding="utf-8")
    m = re.match(r"^ date (\d{4}-\d{2}-\d{2})\n", text)
    if (m.group(1) if m else None) != g["published"]:
        err(f, f"published {g['published']} vs date line {m.group(1) if m else None}")
    # entities
    owner = {}
    for e in g["entities"]:
        if e["type"] not in ETYPES:
            err(f, f"bad entity type {e}")
        for s in [e["name"], *e["aliases"]]:
            if s not in text:
                err(f, f"string not in text: {s!r}")
            if s in owner and owner[s] is not e:
                err(f, f"string {s!r} belongs to two entities")
            owner[s] = e
    lower = {}
    for s, e in owner.items():
        if s.lower() in lower and lower[s.lower()] is not e:
            err(f, f"case-insensitive clash: {s!r}")
        lower[s.lower()] = e

    def ref(x, where, allow_none=False, allow_list=False):
        if x is None:
            if not allow_none:
                err(f, f"null ref in {where}")
            return
        if isinstance(x, list):
            if not allow_list:
                err(f, f"list not allowed in {where}")
            for y in x:
                ref(y, where)
            return
        if x not in owner:
            err(f, f"unresolved ref {x!r} in {where}")

    for r in g["relations"]:
        if r["p"] not in PREDS:
            err(f, f"bad predicate {r}")
        ref(r["s"], r)
        ref(r["o"], r)
        if r["p"] == "holdsPosition" and "role" not in r:
            err(f, f"holdsPosition without role {r}")
        if r["p"] == "filedChargeAgainst":
            ref(r.get("with"), r)
    # symmetric duplicates
    seen = set()
    for r in g["relations"]:
        key = (r["p"], id(owner[r["s"]]), id(owner[r["o"]]), r.get("role"))
        if r["p"] == "negotiatesWith":
            key = (r["p"], frozenset([id(owner[r["s"]]), id(owner[r["o"]])]))
        if key in seen:
            err(f, f"duplicate relation {r}")
        seen.add(key)
    for ev in g["events"]:
        t = ev["type"]
        if t not in EVKEYS:
            err(f, f"bad event type {ev}")
            continue
        if set(ev) != EVKEYS[t]:
            err(f, f"keys {sorted(ev)} != {sorted(EVKEYS[t])} in {ev}")
        for k in ("date", "start", "end"):
            if k in ev and ev[k] is not None and not ISO.match(ev[k]):
                err(f, f"non-ISO {k} in {ev}")
        if t == "Strike":
            ref(ev["by"], ev)
            ref(ev["against"], ev, allow_none=True, allow_list=True)
            if not set(ev["issues"]) <= ISSUES:
                err(f, f"bad issues {ev}")
        elif t == "NegotiationSession":
            ref(ev["participants"], ev, allow_list=True)
        elif t == "Proposal":
            ref(ev["by"], ev)
            ref(ev["to"], ev, allow_none=True, allow_list=True)
            if ev["issue"] is not None and ev["issue"] not in ISSUES:
                err(f, f"bad issue {ev}")
        elif t == "Agreement":
            ref(ev["parties"], ev, allow_list=True)
        elif t == "Statement":
            ref(ev["by"], ev)
        elif t == "LegalAction":
            ref(ev["by"], ev)
            ref(ev["against"], ev, allow_none=True, allow_list=True)
            ref(ev["with"], ev, allow_none=True)
        for term in ev.get("terms", []):
            year = term.get("year")
            good_year = year is None or isinstance(year, int) and year >= 1
            if not isinstance(term.get("percent"), (int, float)) or not good_year:
                err(f, f"bad term {term}")
            if "issue" in term and term["issue"] not in ISSUES:
                err(f, f"bad term issue {term}")
    if not set(g["issues"]) <= ISSUES or len(set(g["issues"])) != len(g["issues"]):
        err(f, f"bad article issues {g['issues']}")
    print(f"{f}: {len(g['entities'])} entities, {len(g['relations'])} relations, {len(g['events'])} events")

print("\n".join(errors) if errors else "OK: all checks passed")
sys.exit(1 if errors else 0)
