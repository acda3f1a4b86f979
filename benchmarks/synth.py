"""A synthetic corpus for benchmarks: news-like articles about Hollywood labor, any number of them, seeded.

Articles are composed from paragraph templates (strikes, bargaining sessions, offers, tentative agreements,
statements with quotes, unfair-labor-practice charges, support from other unions, background) filled with the
curated actors of ontology/actors.ttl (their labels and aliases as printed in news, officers with their roles), the
bargaining issues' trigger words, dates between 2007 and 2024 and figures (raises, contract lengths, members). Each
article also names a few people and companies found by NER only (generated names), has a headline and a
publication-date line, and 190-380 words (about 290 on average). The same seed gives the same corpus; every
article text is unique.

    .venv/bin/python benchmarks/synth.py OUT_DIR --articles 1000 [--seed 6]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from graph.namespaces import HL
from graph.reference import load_reference

FIRST = ["Jordan", "Maya", "Alex", "Priya", "Daniel", "Sofia", "Marcus", "Elena", "Tomas", "Keisha", "Owen", "Lena",
         "Rafael", "Grace", "Victor", "Nadia", "Samuel", "Irene", "Hector", "Chloe", "Martin", "Yuki", "Andre", "Ruth"]
LAST = ["Reyes", "Okafor", "Lindqvist", "Castellano", "Brennan", "Nakamura", "Whitfield", "Ostrowski", "Delgado",
        "Haddad", "Pemberton", "Albright", "Moreau", "Kowalczyk", "Fairbanks", "Santoro", "Adeyemi", "Halvorsen",
        "Vance", "Marchetti", "Quinlan", "Abernathy", "Soto", "Engel"]
JOBS = ["a showrunner", "a television writer", "a background actor", "a script coordinator", "a stunt performer",
        "a camera operator", "a labor economist at UCLA", "an entertainment lawyer", "a picket captain",
        "a first-time director", "a costume designer", "an animation storyboard artist"]
SMALL_COMPANIES = ["Bluebird Pictures", "Halcyon Media", "Red Canyon Films", "Northlight Studios", "Silverlake Content",
                   "Ironwood Entertainment", "Cobalt Street Productions", "Meridian Television", "Harbor Lane Films"]
CITIES = ["Los Angeles", "New York", "Burbank", "Atlanta", "Culver City", "Studio City", "Toronto"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass(frozen=True)
class Cast:
    guilds: list  # (label, alias) pairs
    employers: list
    studios: list
    agencies: list
    outlets: list
    officers: dict  # org key -> [(person label, role)]
    issues: list  # (notation, [trigger phrases])


def load_cast() -> Cast:
    ref = load_reference()
    by_type: dict[str, list] = {}
    for a in ref.actors.values():
        by_type.setdefault(a.type, []).append(a)

    def names(kind):
        out = []
        for a in sorted(by_type.get(kind, []), key=lambda a: a.key):
            short = min((n for n in a.aliases if len(n) >= 3 and n.isupper()), key=len, default=None)
            out.append((a.key, a.label, short or a.label))
        return out
    officers: dict[str, list] = {}
    g = ref.reference
    for person, position in sorted(g.subject_objects(HL.holdsPosition)):
        org = g.value(position, HL.organization)
        role = g.value(position, HL.roleLabel)
        if org is None or role is None:
            continue
        label = ref.actors[ref.actor_key(person)].label
        officers.setdefault(ref.actor_key(org), []).append((label, str(role)))
    issues = []
    for notation, issue in sorted(ref.issues.items()):
        phrases = [t for t in issue.triggers if len(t) > 3 and t[0].islower()] or [issue.label.lower()]
        if notation != "Other":
            issues.append((notation, phrases))
    return Cast(names("Guild"), names("EmployerAssociation"), names("Studio"), names("GovernmentAgency"),
                names("MediaOutlet"), officers, issues)


def _date(rng: random.Random) -> dt.date:
    return dt.date(2007, 1, 1) + dt.timedelta(days=rng.randrange(18 * 365))


def _spelled(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _officer(cast: Cast, key: str, rng: random.Random) -> tuple[str, str] | None:
    people = cast.officers.get(key)
    return rng.choice(people) if people else None


def article(n: int, seed: int = 6, cast: Cast | None = None) -> tuple[str, str]:
    """(file name, text) of article `n` of the corpus with `seed`."""
    cast = cast or load_cast()
    rng = random.Random(f"{seed}:{n}")
    gkey, guild, gshort = rng.choice(cast.guilds)
    ekey, employer, eshort = rng.choice(cast.employers + cast.studios[:6]) if rng.random() < 0.3 \
        else rng.choice(cast.employers)
    studios = rng.sample(cast.studios, 3)
    outlet = rng.choice(cast.outlets)[1]
    agency = rng.choice(cast.agencies)[1]
    other_guild = rng.choice([g for g in cast.guilds if g[0] != gkey])
    issue_phrases = [rng.choice(p) for _, p in rng.sample(cast.issues, rng.randint(1, 3))]
    issues = " and ".join(issue_phrases) if len(issue_phrases) < 3 else \
        f"{issue_phrases[0]}, {issue_phrases[1]} and {issue_phrases[2]}"
    day = _date(rng)
    published = day + dt.timedelta(days=rng.randint(0, 3))
    raise_pct = rng.choice([3, 3.5, 4, 5, 5.5, 7, 11])
    years = rng.choice([3, 3, 3, 2, 4])
    members = rng.choice([11500, 13000, 16000, 65000, 160000, 170000])
    speaker = _officer(cast, gkey, rng)
    boss = _officer(cast, ekey, rng)
    writer, job = _person(rng), rng.choice(JOBS)
    company = rng.choice(SMALL_COMPANIES)
    weekday = WEEKDAYS[day.weekday()] if day.weekday() < 5 else "the weekend"
    kind = rng.choice(["strike", "talks", "offer", "deal", "charge", "statement"])

    headline = {
        "strike": f"{gshort} members walk off the job as talks with {eshort} collapse",
        "talks": f"{gshort} and {eshort} return to the bargaining table",
        "offer": f"{eshort} presents new offer to {gshort} on {issue_phrases[0]}",
        "deal": f"{gshort} reaches tentative agreement with {eshort}",
        "charge": f"{gshort} files unfair labor practice charge against {eshort}",
        "statement": f"{gshort} leaders warn of a long fight over {issue_phrases[0]}",
    }[kind]
    paras = []
    lead = {
        "strike": (f"The {guild} went on strike against the {employer} on {_spelled(day)}, after negotiations over "
                   f"{issues} broke down. About {members:,} members are expected to picket outside "
                   f"{studios[0][1]} and {studios[1][1]} in {rng.choice(CITIES)}."),
        "talks": (f"Negotiators for the {guild} and the {employer} met on {_spelled(day)} for the first time in "
                  f"weeks, resuming talks on a new contract that would cover {issues}."),
        "offer": (f"The {employer} presented a new proposal to the {guild} on {_spelled(day)}, offering a "
                  f"{raise_pct} percent increase in minimum pay in the first year and changes to {issues}."),
        "deal": (f"The {guild} reached a tentative agreement with the {employer} on {_spelled(day)}, ending months "
                 f"of talks. The {years}-year deal includes a {raise_pct} percent raise in the first year and new "
                 f"terms on {issues}."),
        "charge": (f"The {guild} filed an unfair labor practice charge against the {employer} with the {agency} on "
                   f"{_spelled(day)}, accusing the studios of refusing to bargain in good faith over {issues}."),
        "statement": (f"Leaders of the {guild} said on {weekday} that members were prepared for a long fight with "
                      f"the {employer} over {issues}."),
    }[kind]
    paras.append(lead)
    if speaker:
        person, role = speaker
        quote = rng.choice([
            "We are not going back to work without a fair contract",
            "Our members have been clear about what they need to survive in this business",
            "This agreement protects writers and performers for years to come",
            "The companies know exactly what it will take to reach a deal",
            "We will not let technology be used to replace our members",
        ])
        paras.append(f"\"{quote},\" said {person}, {role} of the {guild}, in a statement on {weekday}. "
                     f"{person.split()[-1]} added that the union would keep its members informed.")
    if boss:
        person, role = boss
        paras.append(f"{person}, {role} of {employer}, said the companies had made a generous offer. \"We want to "
                     f"get everyone back to work,\" {person.split()[-1]} said.")
    else:
        paras.append(f"A spokesperson for the {eshort} said the companies remained committed to reaching a deal "
                     f"that keeps the industry competitive.")
    extras = [
        f"The {other_guild[1]} said it supports the {gshort} and urged the {eshort} to return to the table.",
        f"According to {outlet}, the two sides remain far apart on {issue_phrases[-1]}.",
        f"{writer}, {job} who has worked with {company}, said the dispute had already cost crews weeks of work. "
        f"\"Everyone I know is worried about rent,\" {writer.split()[-1]} said.",
        f"Analysts estimate that the dispute costs the California economy about ${rng.randint(2, 60) / 10:.1f} "
        f"billion, with {studios[2][1]} and {company} among the companies delaying productions.",
        f"The previous contract between the {gshort} and the {eshort} expired on "
        f"{_spelled(day - dt.timedelta(days=rng.randint(10, 90)))}.",
        f"Members will vote on ratification over the next {rng.randint(2, 5)} weeks, and the board is expected "
        f"to recommend approval.",
        f"The {gshort} has about {members:,} members, many of whom work on shows for {studios[0][1]} and "
        f"{studios[2][1]}.",
        f"The union said that {issue_phrases[0]} was the most important issue for its members this year.",
        f"Talks are scheduled to continue on {_spelled(day + dt.timedelta(days=rng.randint(2, 20)))} at the "
        f"offices of the {eshort} in Sherman Oaks.",
        f"{_person(rng)}, a spokesperson for {company}, declined to comment.",
    ]
    rng.shuffle(extras)
    paras += extras[:rng.randint(6, 10)]
    background = [
        "The dispute comes as streaming has upended how writers and actors are paid.",
        "Industry observers said a prolonged stoppage could push back the fall television season.",
        "Production on dozens of scripted series has already been delayed.",
        "Both sides have traded public statements for weeks while meeting privately.",
        "The last industry-wide strike of this size shut down most scripted production for months.",
        "Residuals from streaming platforms have fallen sharply for many mid-career writers and actors.",
        "Smaller independent producers have asked for interim agreements so that their projects can go ahead.",
        "Late-night talk shows went dark within days, and several award shows were postponed.",
    ]
    paras.append(" ".join(rng.sample(background, rng.randint(2, 5))))
    # not a wire byline ("Reporting by NAME in CITY; editing by NAME"): the extractor reads a name after "Reporting
    # by" as a news outlet's, so a generated person quoted in one article would be an outlet in another
    paras.append(f"{_person(rng)} contributed from {rng.choice(CITIES)}, and {_person(rng)} edited the story.")
    text = f" date {published.isoformat()}\n{headline}\n\n" + "\n\n".join(paras) + "\n"
    return f"{n:06d}_{kind}.txt", text


def generate(out: Path, count: int, seed: int = 6, start: int = 0) -> list[Path]:
    """Write articles start .. start+count-1 into `out`; each text is unique (a repeated one is drawn again)."""
    out.mkdir(parents=True, exist_ok=True)
    cast = load_cast()
    seen: set[str] = set()
    paths = []
    for n in range(start, start + count):
        attempt = 0
        while True:
            name, text = article(n, seed + 1000 * attempt, cast)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    paths = generate(args.out, args.articles, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words} words) to {args.out}")


if __name__ == "__main__":
    main()
