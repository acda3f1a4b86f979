"""Extraction speed: the whole build (ingest, spaCy, mentions, frames, assembly, RDF, store) against spaCy's own
`nlp.pipe` alone (the model with the sentence rules, without guildgraph's components), on the bundled corpus repeated
to about 200k words. The ratio is what counts: what guildgraph adds around spaCy should cost little. Each side is
run `--repeat` times, alternately, and the fastest run of each is kept: the machine's other load only ever adds time.

Run: .venv/bin/python benchmarks/bench_extraction.py [--words 200000] [--repeat 2]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from graph.ingest import ingest
from graph.nlp import load_pipeline
from graph.pipeline import build
from graph.reference import normalize_quotes
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(target_words: int, out: Path) -> int:
    """Copies of the corpus articles, each made unique (duplicate texts are built once)."""
    arts = ingest([ROOT / "corpus"]).articles
    words, n = 0, 0
    while words < target_words:
        for a in arts:
            n += 1
            (out / f"{n:05d}_{a.identifier}").write_text(a.text + f"\n\nCopy {n}.\n", encoding="utf-8")
            words += len(a.text.split())
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    spacy_runs, build_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = make_corpus(args.words, corpus)
        nlp = load_pipeline(with_frames=False)
        texts = [normalize_quotes(a.text) for a in ingest([corpus]).articles]
        for run in range(args.repeat):
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            spacy_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with open_store(Path(tmp) / f"store{run}") as store:
                report = build([corpus], store, exports_dir=None)
            build_runs.append(time.perf_counter() - t0)
    spacy_s, build_s = min(spacy_runs), min(build_runs)
    result = {"words": words, "articles": len(report.built), "repeat": args.repeat,
              "spacy_runs": [round(s, 2) for s in spacy_runs], "build_runs": [round(s, 2) for s in build_runs],
              "spacy_seconds": round(spacy_s, 2),
              "build_seconds": round(build_s, 2), "spacy_words_per_second": round(words / spacy_s),
              "build_words_per_second": round(words / build_s), "ratio_build_to_spacy": round(build_s / spacy_s, 2)}
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "extraction.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
