"""How the rules and the scorer read the independent slice: data/reports/independent.json (v0.3).

Figures are given per voice group (`independent.VOICE_GROUPS`: the development voices whose misses were
read, the unseen voices that were not) and pooled:

- judge: the rule engine (rubric v2) against gold: accuracy, and per probe (the rule it tests, PASS included)
  precision and recall. Rules 5 and 9 read other prospects (their names and facts, the peers cited to them)
  from a fixed registry (`registry`): the items of the draft's own voice file, sorted by item id, the
  prospects its writer invented and could cite. A verdict therefore never depends on which other voices are
  scored with it: adding a voice changes no other voice's verdicts. (The whole held-out split as registry was
  measured too: the everyday words of team-written threads, "april", "free", "mornings", then read as another
  prospect's facts, 7 false alarms on the development voices.);
- critic: the scorer's overall on the good and the bad emails: AUC (the chance a good email outscores a bad
  one, ties half), the lowest good and highest bad score, the shares on the right side of the targets
  (good >= GOOD_MIN, bad <= BAD_MAX) and, per violation family, recall (bad emails of that family at or
  below BAD_MAX) and the share where one of the family's own kinds fired.

`misses` keep the text of every miss, worst first, for the failure galleries of the dataset cards.
Earlier one-off measurements are carried into the report when their files exist: the first measurement of
three voices while unseen, before any fix that followed it (benchmarks/results/independent_first_unseen.json),
and each blind round's one measurement (`BLIND_ROUNDS`, written by benchmarks/blind_round.py), kept as it was
measured before its voices became development voices.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tenacious import paths
from tenacious.bench import independent, judge_rules, rubric, scorer
from tenacious.io import read_json

GOOD_MIN = 0.7  # a grounded, well-written email scores at least this
BAD_MAX = 0.6   # an email with any hard violation scores at most this
TARGETS = {"scorer_auc_min": 0.95, "good_min": GOOD_MIN, "bad_max": BAD_MAX, "rules_accuracy_min": 0.95,
           "rules_recall_min_per_probe": 0.9}
_RESULTS = paths.REPO_ROOT / "benchmarks" / "results"
BLIND_ROUNDS: tuple[tuple[str, Path], ...] = (("round 1", _RESULTS / "independent_blind.json"),
                                              ("round 2", _RESULTS / "independent_blind_round2.json"),
                                              ("round 3", _RESULTS / "independent_blind_round3.json"),
                                              ("round 4", _RESULTS / "independent_blind_round4.json"))
FIRST_UNSEEN = _RESULTS / "independent_first_unseen.json"
_DECIMALS = 4
PROBE_OF_RULE = {r.number: r.probe for r in rubric.RULES}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, _DECIMALS)


def auc(good: Sequence[float], bad: Sequence[float]) -> float | None:
    """P(a good email's score > a bad one's), ties counted half; None without both classes."""
    if not good or not bad:
        return None
    wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return wins / (len(good) * len(bad))


def _groups(records: Sequence[dict]) -> dict[str, list[dict]]:
    out = {group: [r for r in records if independent.voice_group(r["voice"]) == group]
           for group in independent.VOICE_GROUPS}
    return {**out, "all": list(records)}


# --- judge ------------------------------------------------------------------------------------------


def _judge_block(rows: list[dict]) -> dict:
    """Accuracy and per-probe precision / recall of one group's (item, predicted rule) rows."""
    probes = (*rubric.PROBES, rubric.PASS_PROBE)
    per_probe = {}
    for probe in probes:
        gold = [r for r in rows if r["gold_probe"] == probe]
        predicted = [r for r in rows if r["predicted_probe"] == probe]
        hits = sum(r["gold_probe"] == probe for r in predicted)
        per_probe[probe] = {"n_gold": len(gold), "n_predicted": len(predicted), "true_positives": hits,
                            "recall": _round(hits / len(gold)) if gold else None,
                            "precision": _round(hits / len(predicted)) if predicted else None}
    correct = sum(r["gold"] == r["predicted"] for r in rows)
    recalls = [p["recall"] for name, p in per_probe.items() if p["recall"] is not None and name != rubric.PASS_PROBE]
    return {"n": len(rows), "accuracy": _round(correct / len(rows)) if rows else None,
            "min_probe_recall": min(recalls) if recalls else None, "per_probe": per_probe,
            "by_voice": {v: _round(sum(r["gold"] == r["predicted"] for r in rows if r["voice"] == v)
                                   / max(1, sum(r["voice"] == v for r in rows)))
                         for v in independent.VOICES if any(r["voice"] == v for r in rows)}}


def registry(items: Sequence[dict], voice: str):
    """The other prospects a draft of `voice` is read against: the slice items of that voice, sorted by item id
    (judge_rules.peer_index over them)."""
    return judge_rules.peer_index(sorted((i for i in items if i["voice"] == voice), key=lambda i: i["item_id"]))


def judge_report(items: Sequence[dict]) -> dict:
    """The rule engine on the slice's judge items, each voice against its fixed registry, per voice group,
    with every miss."""
    registries = {voice: registry(items, voice) for voice in sorted({i["voice"] for i in items})}
    rows = []
    for item in items:
        fired = judge_rules.explain(item, "v2", registries[item["voice"]])[0]
        rows.append({"item_id": item["item_id"], "voice": item["voice"], "group": independent.voice_group(item["voice"]),
                     "probe": item["probe_id"], "kind": item["kind"], "gold": item["gold_decision"],
                     "gold_probe": PROBE_OF_RULE[item["gold_rule"]], "predicted": fired["decision"],
                     "predicted_probe": fired["probe"], "fired": fired["reason"], "draft": item["draft"],
                     "reason": item["reason"]})
    misses = sorted((r for r in rows if r["gold"] != r["predicted"]),
                    key=lambda r: (-abs(rubric.SEVERITY[r["gold"]] - rubric.SEVERITY[r["predicted"]]), r["item_id"]))
    keep = ("item_id", "voice", "group", "probe", "kind", "gold", "predicted", "fired", "reason", "draft")
    return {"engine": "judge_rules.explain (rubric v2), other prospects from each voice's fixed registry "
                      "(the voice's own items, sorted by item id)",
            "groups": {g: _judge_block(rs) for g, rs in _groups(rows).items()},
            "misses": [{k: r[k] for k in keep} for r in misses]}


# --- critic -----------------------------------------------------------------------------------------


def _critic_block(rows: list[dict]) -> dict:
    good = [r["overall"] for r in rows if r["label"] == "good"]
    bad = [r["overall"] for r in rows if r["label"] == "bad"]
    families = {}
    for family, kinds in scorer.VIOLATION_FAMILIES.items():
        of = [r for r in rows if r["violation"] == family]
        families[family] = {"n": len(of),
                            "recall": _round(sum(r["overall"] <= BAD_MAX for r in of) / len(of)) if of else None,
                            "own_kind_fired": _round(sum(bool(set(kinds) & set(r["kinds"])) for r in of) / len(of))
                            if of else None}
    return {"n_good": len(good), "n_bad": len(bad), "auc": _round(auc(good, bad)),
            "min_good": min(good, default=None), "max_bad": max(bad, default=None),
            "good_at_least_min": _round(sum(g >= GOOD_MIN for g in good) / len(good)) if good else None,
            "bad_at_most_max": _round(sum(b <= BAD_MAX for b in bad) / len(bad)) if bad else None,
            "per_family": families}


def critic_report(emails: Sequence[dict]) -> dict:
    """The scorer on the slice's labelled emails, per voice group, with every email on the wrong side."""
    rows = []
    for record in emails:
        result = scorer.score(record["task"], record["email"])
        rows.append({"email_id": record["email_id"], "voice": record["voice"],
                     "group": independent.voice_group(record["voice"]), "label": record["label"],
                     "violation": record["violation"], "overall": result["overall"],
                     "kinds": sorted({v["kind"] for v in result["violations"]}), "reason": record["reason"],
                     "email": record["email"]})
    wrong = [r for r in rows if (r["label"] == "good" and r["overall"] < GOOD_MIN)
             or (r["label"] == "bad" and r["overall"] > BAD_MAX)]
    wrong.sort(key=lambda r: (-(GOOD_MIN - r["overall"] if r["label"] == "good" else r["overall"] - BAD_MAX),
                              r["email_id"]))
    return {"scorer": f"tenacious.bench.scorer.score ({scorer.VERSION})",
            "groups": {g: _critic_block(rs) for g, rs in _groups(rows).items()},
            "misses": wrong}


def report(items: Sequence[dict], emails: Sequence[dict]) -> dict:
    """data/reports/independent.json: both tracks on the slice, the targets, the first unseen measurement and the
    blind rounds."""
    out = {"voices": {v: independent.voice_group(v) for v in independent.VOICES},
           "targets": TARGETS, "judge": judge_report(items), "critic": critic_report(emails)}
    if FIRST_UNSEEN.is_file():
        out["first_unseen_measurement"] = read_json(FIRST_UNSEEN)
    out["blind_rounds"] = [{"round": name, **read_json(path)} for name, path in BLIND_ROUNDS if path.is_file()]
    return out
