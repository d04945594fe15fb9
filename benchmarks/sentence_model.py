"""The scorer alone vs scorer-or-learned-sentence-model on every voice of the independent slice (issue 19).

bench.sentence_model reads five sentence classes (pressure, condescension, unsupported regulated claim,
over-commitment, pitch) with logistic regressions on MiniLM embeddings, trained only on the team's bank
(bench.sentence_bank), so every voice of data/raw/v3 is out of sample for it. On every labelled email:
- regex: the scorer as it is (tenacious.bench.scorer.score) and the families whose own kinds fired;
- regex or model: that, plus the families the model flags (pitch only where the task holds back, as the
  scorer's check), and the simulated score if a model flag made the email a hard violation
  (overall capped at BAD_MAX).
Per voice, per voice group and pooled: per family recall on the bad emails of that family (flagged, and at
most BAD_MAX), false alarms on good emails, and the scorer's targets (AUC, good >= GOOD_MIN, bad <= BAD_MAX),
for each feature set and operating point of the model. Cost: seconds per email of the scorer, of the model cold (embedding
uncached, model already loaded; load time reported apart) and cached. Writes benchmarks/results/sentence_model.json.

    .venv/bin/python benchmarks/sentence_model.py [--out PATH] [--scorer-tree TEXT]

Since 851f57c the scorer itself reads the model for pressure and regulated claims (its backstop), so a rerun on
the current tree sets the wired scorer beside the all-family reader; the committed results were measured before it
was wired (their `scorer` field names the commit). --scorer-tree records which scorer the regex side is (e.g. an older commit's lib/ run with this script and
bench.sentence_model / bench.sentence_bank copied beside it: round 2's scorer, blind on legal, brit and story).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from tenacious import paths
from tenacious.bench import embeddings, independent, scorer, sentence_model
from tenacious.bench.independent_report import BAD_MAX, GOOD_MIN, auc
from tenacious.io import write_json

FAMILY_CLASS = {"pressure": "pressure", "condescension": "condescension",
                "unsupported_regulated_claim": "regulated_claim", "over_commitment": "over_commitment",
                "pitch_when_abstain": "pitch"}
CONFIGS = [(features, point) for features in sentence_model.FEATURES for point in sentence_model.OPERATING_POINTS]
COLD_SAMPLE = 40  # emails whose sentences are embedded uncached for the cold timing
OUT = paths.BENCHMARKS_DIR / "results" / "sentence_model.json"


def _ratio(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


def _block(rows: list[dict], point: str) -> dict:
    good = [r for r in rows if r["label"] == "good"]
    bad = [r for r in rows if r["label"] == "bad"]
    families = {}
    for family in FAMILY_CLASS:
        of = [r for r in bad if r["violation"] == family]
        families[family] = {
            "n_bad": len(of),
            "recall_flagged": {"regex": _ratio(sum(family in r["regex"] for r in of), len(of)),
                               "model": _ratio(sum(family in r["model"][point] for r in of), len(of)),
                               "regex_or_model": _ratio(sum(family in r["regex"] | r["model"][point] for r in of),
                                                        len(of))},
            "recall_at_most_bad_max": {"regex": _ratio(sum(r["overall"] <= BAD_MAX for r in of), len(of)),
                                       "regex_or_model": _ratio(sum(r["capped"][point] <= BAD_MAX for r in of),
                                                                len(of))},
            "false_alarms_on_good": {"regex": sum(family in r["regex"] for r in good),
                                     "model": sum(family in r["model"][point] for r in good)}}

    def targets(key: str) -> dict:
        g = [r[key] if key == "overall" else r[key][point] for r in good]
        b = [r[key] if key == "overall" else r[key][point] for r in bad]
        return {"auc": round(auc(g, b), 4) if g and b else None,
                "good_at_least_min": _ratio(sum(x >= GOOD_MIN for x in g), len(g)),
                "bad_at_most_max": _ratio(sum(x <= BAD_MAX for x in b), len(b))}

    return {"n_good": len(good), "n_bad": len(bad),
            "good_with_any_model_flag": sum(bool(r["model"][point]) for r in good),
            "targets": {"regex": targets("overall"), "regex_or_model": targets("capped")},
            "per_family": families}


def _timings(emails: list[dict], flat: list[str], regex_seconds: float) -> dict:
    """Seconds per email: the scorer (first in-process pass), the model's embedding uncached on a sample (model
    loaded beforehand, the load reported apart) and the whole model path with the embeddings cached."""
    start = time.perf_counter()
    embeddings.embed_uncached(["warm-up"])
    load = time.perf_counter() - start
    sample = emails[:COLD_SAMPLE]
    start = time.perf_counter()
    embeddings.embed_uncached([s for e in sample for s in sentence_model.sentences(e["email"])])
    cold = (time.perf_counter() - start) / len(sample)
    start = time.perf_counter()
    sentence_model.classify([e["email"] for e in emails])
    cached = (time.perf_counter() - start) / len(emails)
    return {"regex_scorer": round(regex_seconds / len(emails), 4), "model_load_once": round(load, 2),
            "model_cold_embedding": round(cold, 4), "model_cached": round(cached, 6),
            "cold_sample_emails": len(sample), "n_sentences": len(flat),
            "torch_threads": _threads(), "load_average": round(os.getloadavg()[0], 2)}


def _threads() -> int:
    import torch

    return torch.get_num_threads()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--scorer-tree", default="the working tree", help="which scorer the regex side is")
    args = parser.parse_args()
    emails = independent.heldout_emails()
    start = time.perf_counter()
    scored = [scorer.score(e["task"], e["email"]) for e in emails]
    regex_seconds = time.perf_counter() - start
    texts = [e["email"] for e in emails]
    flat = [s for t in texts for s in sentence_model.sentences(t)]
    best = {features: sentence_model.classify(texts, features) for features in sentence_model.FEATURES}
    rows, catches = [], []
    for i, (record, result) in enumerate(zip(emails, scored)):
        kinds = {v["kind"] for v in result["violations"]}
        regex = {f for f in FAMILY_CLASS if kinds & set(scorer.VIOLATION_FAMILIES[f])}
        holds_back = scorer._holds_back(record["task"])
        model, capped = {}, {}
        for features, point in CONFIGS:
            name, scores = f"{features}/{point}", best[features][i]
            flagged = sentence_model.email_flags(scores, point, features)
            model[name] = {f for f, cls in FAMILY_CLASS.items() if cls in flagged
                           and (f != "pitch_when_abstain" or holds_back)}
            capped[name] = min(result["overall"], BAD_MAX) if model[name] else result["overall"]
            for f in sorted(model[name] - regex):
                prob, sentence = scores[FAMILY_CLASS[f]]
                catches.append({"reading": name, "email_id": record["email_id"], "label": record["label"],
                                "violation": record["violation"], "family": f, "probability": prob,
                                "sentence": sentence})
        rows.append({"voice": record["voice"], "group": independent.voice_group(record["voice"]),
                     "label": record["label"], "violation": record["violation"], "overall": result["overall"],
                     "regex": regex, "model": model, "capped": capped})
    groups = ({v: [r for r in rows if r["voice"] == v] for v in independent.VOICES}
              | {g: [r for r in rows if r["group"] == g] for g in independent.VOICE_GROUPS} | {"all": rows})
    result = {
        "model": f"{embeddings.EMBEDDING_MODEL} (+ word n-grams) + logistic regression per family "
                 "(bench.sentence_model)",
        "scorer": f"tenacious.bench.scorer.score ({scorer.VERSION}) of {args.scorer_tree}",
        "training": {features: sentence_model.model_card(features) for features in sentence_model.FEATURES},
        "n_emails": len(emails),
        "seconds_per_email": _timings(emails, flat, regex_seconds),
        "readings": {f"{features}/{point}": {g: _block(rs, f"{features}/{point}") for g, rs in groups.items() if rs}
                     for features, point in CONFIGS},
        "model_only_flags": catches,
    }
    write_json(args.out, result)
    _print(result)


def _print(result: dict) -> None:
    for name, block in result["readings"].items():
        features, point = name.split("/")
        print(f"\n== {name} (thresholds "
              + ", ".join(f"{f} {v['points'][point]['threshold']:.3f}" for f, v in result["training"][features].items())
              + ")")
        print(f"{'group':9} {'AUC':>13} {'good>=.7':>13} {'bad<=.6':>13} {'good w/ flag':>12}")
        for g, b in block.items():
            a, m = b["targets"]["regex"], b["targets"]["regex_or_model"]
            print(f"{g:9} {a['auc']!s:>6}->{m['auc']!s:<6} {a['good_at_least_min']!s:>6}->"
                  f"{m['good_at_least_min']!s:<6} {a['bad_at_most_max']!s:>6}->{m['bad_at_most_max']!s:<6} "
                  f"{b['good_with_any_model_flag']:>5}/{b['n_good']}")
        print(f"{'family (all voices | unseen)':30} {'n':>3} {'regex':>6} {'model':>6} {'either':>6} "
              f"{'<=.6 before->after':>19} {'FA regex':>8} {'FA model':>8}")
        for g in ("all", "unseen"):
            for f, v in block[g]["per_family"].items():
                r, s = v["recall_flagged"], v["recall_at_most_bad_max"]
                print(f"{g[:3] + ' ' + f:30} {v['n_bad']:>3} {r['regex']!s:>6} {r['model']!s:>6} "
                      f"{r['regex_or_model']!s:>6} {s['regex']!s:>9}->{s['regex_or_model']!s:<9} "
                      f"{v['false_alarms_on_good']['regex']:>8} {v['false_alarms_on_good']['model']:>8}")
    print("\nseconds per email:", result["seconds_per_email"])


if __name__ == "__main__":
    main()
