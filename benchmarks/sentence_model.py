"""Regex readings vs regex-or-MiniLM for four sentence classes on the independent slice (issue 19, v0.3).

For the families pressure, condescension, unsupported regulated claim and pitching when told to hold back,
compares on every labelled email of data/raw/v3 (critic_<voice>.jsonl):
- regex: the scorer flags one of the family's own kinds (tenacious.bench.scorer);
- regex or model: that, or bench.sentence_model finds a sentence within THRESHOLD of a family prototype
  (the pitch family only where the task says to hold back, as the scorer's check).
For each it reports recall on the bad emails of the family and false alarms on the good emails (a good email
flagged for the family), per voice group, and the seconds per email of each path (the model's first call
loads it; embeddings are cached under .cache/, so the timing below is measured on an empty cache).
Writes benchmarks/results/sentence_model.json.

    .venv/bin/python benchmarks/sentence_model.py
"""

from __future__ import annotations

import os
import time

from tenacious import paths
from tenacious.bench import contamination, independent, scorer, sentence_model
from tenacious.io import write_json

FAMILIES = {"pressure": "pressure", "condescension": "condescension",
            "unsupported_regulated_claim": "regulated_claim", "pitch_when_abstain": "pitch"}
OUT = paths.BENCHMARKS_DIR / "results" / "sentence_model.json"


def _block(rows: list[dict], key: str) -> dict:
    out = {}
    for family in FAMILIES:
        bad = [r for r in rows if r["violation"] == family]
        good = [r for r in rows if r["label"] == "good"]
        out[family] = {"n_bad": len(bad), "recall": round(sum(family in r[key] for r in bad) / len(bad), 4) if bad
                       else None,
                       "false_alarms_on_good": sum(family in r[key] for r in good), "n_good": len(good)}
    return out


def main() -> None:
    emails = independent.heldout_emails()
    start = time.perf_counter()
    scored = [scorer.score(e["task"], e["email"]) for e in emails]
    regex_seconds = time.perf_counter() - start
    contamination.embed_uncached(["warm-up"])  # model load, not counted per email
    start = time.perf_counter()
    contamination.embed_uncached([p for protos in sentence_model.PROTOTYPES.values() for p in protos])
    flat = [s for e in emails for s in sentence_model.sentences(e["email"])]
    contamination.embed_uncached(flat)  # the uncached cost of one pass over the slice
    model_seconds = time.perf_counter() - start
    similarities = sentence_model.classify([e["email"] for e in emails])
    rows = []
    for record, result, sims in zip(emails, scored, similarities):
        kinds = {v["kind"] for v in result["violations"]}
        regex = {f for f, own in scorer.VIOLATION_FAMILIES.items() if f in FAMILIES and kinds & set(own)}
        holds_back = scorer._holds_back(record["task"])
        model = {f for f, cls in FAMILIES.items() if cls in sentence_model.flagged(sims)
                 and (f != "pitch_when_abstain" or holds_back)}
        rows.append({"voice": record["voice"], "group": independent.voice_group(record["voice"]),
                     "label": record["label"], "violation": record["violation"], "regex": regex,
                     "regex_or_model": regex | model})
    groups = {g: [r for r in rows if r["group"] == g] for g in independent.VOICE_GROUPS} | {"all": rows}
    result = {
        "model": contamination.EMBEDDING_MODEL, "threshold": sentence_model.THRESHOLD,
        "n_emails": len(emails), "n_sentences": len(flat), "load_average": round(os.getloadavg()[0], 2),
        "seconds_per_email": {"regex_scorer": round(regex_seconds / len(emails), 4),
                              "model_sentences": round(model_seconds / len(emails), 4)},
        "groups": {g: {"regex": _block(rs, "regex"), "regex_or_model": _block(rs, "regex_or_model")}
                   for g, rs in groups.items()},
    }
    write_json(OUT, result)
    print(f"{'family':30} {'group':7} {'regex recall':>12} {'+model recall':>13} {'regex FA':>8} {'+model FA':>9}")
    for g, block in result["groups"].items():
        for family in FAMILIES:
            a, b = block["regex"][family], block["regex_or_model"][family]
            print(f"{family:30} {g:7} {a['recall']!s:>12} {b['recall']!s:>13} {a['false_alarms_on_good']:>8} "
                  f"{b['false_alarms_on_good']:>9}")
    print(f"seconds per email: regex scorer {result['seconds_per_email']['regex_scorer']}, "
          f"model sentences {result['seconds_per_email']['model_sentences']} (load {result['load_average']})")


if __name__ == "__main__":
    main()
