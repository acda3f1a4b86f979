"""Long articles: the time and peak memory of extracting ONE article (spaCy, mentions, frames, assembly, RDF) as it
grows: by the number of actor names it repeats (500, 1,000, 2,000, 4,000) and by its size (125 KB, 990 KB: just
under spaCy's default `nlp.max_length`, and 1.5 MB: above it, within graph/ingest.py's MAX_BYTES). Extraction cost
should grow linearly with the article; never part of the tests.

Articles are synthetic (`long_article`): paragraphs of sentences made here from templates, naming guilds,
employers, studios and people, with dates and figures, all varied by a seeded random generator. Each case runs in a
fresh child process: the pipeline is loaded first (`load_seconds`, `base_rss_mb`), then the one article is extracted
(`seconds`); `peak_rss_mb` is the child's `ru_maxrss`.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_long_articles.py            # every case, a table
    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_long_articles.py --cases names:500 kb:125
    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_long_articles.py --write FILE --cases kb:1500  # the text only

Results on the development machine (2 cores; en_core_web_sm), before issue #12 and after it (parsing in pieces,
extraction indexed): benchmarks/results/long_articles.json. spaCy's own components take most of what is left
(9.4 s of the 4,000-name article's 14.5 s); guildgraph's part grows linearly with the article. Since then a long
article's pieces (25,000 characters) are parsed by up to 4 forked processes when the build runs in one: the
4,000-name article took 8.5 s and 9.6 s on an idle machine (9.7 s with one other process busy, 14.7 s with two);
125 KB 8.1 s, 990 KB 62.4 s (load 2.2). Later rules made it quadratic again (each undated saying scanned every event
of the article, each sentence every date mention): the 1.5 MB build of tests/test_long_articles.py took 339 s on
835eec7 and 152 s once both were indexed (bc3eed1). On e6b8511, idle: names:4000 16.4 s (237 MB), kb:990 82.5 s
(399 MB), kb:1500 134.2 s (505 MB), with more facts than before (53,381, 240,983 and 375,801 triples).

    case        chars      before: s, peak MB       after: s, peak MB
    names:500      26,569     2.6      279             1.9      278
    names:1000     52,890     5.8      369             3.9      369
    names:2000    105,587    13.9      558             7.6      538
    names:4000    210,678    38.6      891            14.5      563
    kb:125        125,001    19.8      623             9.6      538
    kb:990        990,003   358.6    3,235            61.3      631
    kb:1500     1,500,002    E088 (not built)        110.0      755
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

CASES = ["names:500", "names:1000", "names:2000", "names:4000", "kb:125", "kb:990", "kb:1500"]

GUILDS = [("Writers Guild of America", "WGA"), ("Screen Actors Guild", "SAG-AFTRA"),
          ("Directors Guild of America", "DGA"), ("International Alliance of Theatrical Stage Employees", "IATSE"),
          ("Animation Guild", "TAG")]
EMPLOYERS = [("Alliance of Motion Picture and Television Producers", "AMPTP")]
STUDIOS = ["Netflix", "Warner Bros. Discovery", "Paramount", "Sony Pictures", "Amazon", "Apple", "NBCUniversal",
           "Walt Disney Co."]
FIRST = ["Dana", "Ravi", "Ines", "Tobias", "Wren", "Kofi", "Mirela", "Hugo", "Selma", "Pavel", "Lucia", "Emeka"]
LAST = ["Ashdown", "Varga", "Holloway", "Mbeki", "Strand", "Quintero", "Falkner", "Ibarra", "Lisowski", "Redfern"]
CITIES = ["Los Angeles", "New York", "Burbank", "Atlanta", "Toronto"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ISSUES = ["residuals", "health plan contributions", "staffing minimums", "artificial intelligence", "wages",
          "pension funding"]


def _date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2007, 2024)}"


def _sentences(rng: random.Random) -> list[tuple[int, str]]:
    """(actor names in it, sentence) of one paragraph's worth of templates."""
    g, gs = rng.choice(GUILDS)
    e, es = rng.choice(EMPLOYERS)
    s1, s2 = rng.sample(STUDIOS, 2)
    p1 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    p2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    pct = rng.choice(["3", "4", "5", "5.5", "7", "11"])
    return [
        (2, f"The {g} met the {e} on {_date(rng)} in {rng.choice(CITIES)}."),
        (1, f"{gs} said the studios offered {pct}% raises and little on {rng.choice(ISSUES)}."),
        (2, f"{p1}, a spokesperson for {s1}, said talks would resume on {_date(rng)}."),
        (2, f"{s1} and {s2} told investors the dispute cost ${rng.randint(2, 90)} million in the quarter."),
        (1, f"Members of the {gs} voted {rng.randint(51, 98)} percent in favour of a strike authorization."),
        (2, f"{p2} of the {gs} called the offer from {es} an insult to {rng.randint(2, 170) * 1000:,} members."),
        (1, f"The {es} proposed a {rng.choice([2, 3, 4])}-year deal covering {rng.choice(ISSUES)}."),
        (2, f"On {_date(rng)}, the {gs} filed an unfair labor practice charge against {s2}."),
    ]


def long_article(names: int | None = None, chars: int | None = None, seed: int = 12) -> str:
    """A synthetic article of paragraphs (3 to 6 sentences each) until it names `names` actors or reaches `chars`
    characters; a headline and a date line first, as news has."""
    rng = random.Random(seed)
    parts = ["date 2023-07-14\nGuilds And Studios Trade Offers In Long Talks\n"]
    count, size = 0, len(parts[0])
    while (names is not None and count < names) or (chars is not None and size < chars):
        para = []
        for n, sentence in rng.sample(_sentences(rng), rng.randint(3, 6)):
            if names is not None and count + n > names:
                break
            para.append(sentence)
            count += n
        if not para:
            break
        text = " ".join(para)
        if chars is not None and size + len(text) + 2 > chars:
            text = text[:max(0, chars - size - 2)].rsplit(" ", 1)[0] + "."
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts) + "\n"


def case_text(case: str) -> str:
    kind, _, n = case.partition(":")
    return long_article(names=int(n)) if kind == "names" else long_article(chars=int(n) * 1000)


def run_case(case: str) -> dict:
    """In this process: load the pipeline, then extract the case's article once."""
    from graph.ingest import Article
    from graph.nlp import load_pipeline, piece_processes
    from graph.pipeline import parallel
    from graph.reference import load_reference

    text = case_text(case)
    article = Article(f"{case.replace(':', '-')}.txt", text, hashlib.sha256(text.encode()).hexdigest())
    t0 = time.perf_counter()
    reference = load_reference()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    try:  # (an older extractor raised where this one reports a skipped article)
        done = parallel._extract_chunk([article], nlp, reference, piece_processes())[0]  # as `build` does
        triples, error = len(getattr(done, "triples", ())), getattr(done, "reason", "")[:120]
    except Exception as e:  # noqa: BLE001 - reported in the table
        triples, error = 0, f"{type(e).__name__}: {str(e)[:100]}"
    seconds = time.perf_counter() - t0
    return {"case": case, "chars": len(text), "seconds": round(seconds, 1), "load_seconds": round(load_s, 1),
            "base_rss_mb": round(base), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "triples": triples, "error": error}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="*", default=CASES, help="names:N (N actor names) or kb:N (N thousand chars)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--write", help="write the case's article to this file instead of measuring")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a case may take (default 1800)")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child)))
        return
    if args.write:
        Path(args.write).write_text(case_text(args.cases[0]), encoding="utf-8")
        return
    rows = []
    print(f"{'case':<12}{'chars':>10}{'seconds':>9}{'peak MB':>9}{'base MB':>9}{'triples':>9}  error")
    for case in args.cases:
        try:
            out = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True, text=True,
                                 timeout=args.timeout)
        except subprocess.TimeoutExpired:
            out = subprocess.CompletedProcess([], 1, "", f"over {args.timeout:.0f} s: stopped")
        if out.returncode != 0 or not out.stdout.strip():
            row = {"case": case, "chars": 0, "seconds": 0, "peak_rss_mb": 0, "base_rss_mb": 0, "triples": 0,
                   "error": (out.stderr.strip().splitlines() or ["?"])[-1][:120]}
        else:
            row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{row['case']:<12}{row['chars']:>10,}{row['seconds']:>9}{row['peak_rss_mb']:>9}{row['base_rss_mb']:>9}"
              f"{row['triples']:>9}  {row['error']}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
