"""Held-out ablations: critic conditions over the sealed tasks and judge conditions over the items.

The conditions are the experiment registry's (`tenacious.experiment`); each names its producer, a
function here, and `run_critic` / `run_judge` dispatch on that key. Every run starts with `verify_seal()`, before any model is loaded. Each (condition, seed) is written
as one part file when it completes, so an interrupted stage resumes at the next condition; the
parts are merged into `runs/<profile>/ablate/{critic,judge}.jsonl`, one validated line per
(item, condition, seed). The critic's controls re-rank critic_rs's own candidates (`critic_rerank`), and its
rankers score the fixed pools built from the sealed hand pairs (`run_critic_ranking`, `tenacious.bench.pools`;
`runs/<profile>/ablate/critic_ranking.jsonl`, one line per (pool, ranker, seed)). A part is named by the hash
of everything its rows depend on (`_fingerprint`:
the adapter, the profile's ablation and prompt settings, the condition's registry entry, the code of
`tenacious.ablate` and every package module it imports, the content of the records it reads), so a
re-run reuses exactly the parts made under the same settings, code and data and recomputes the rest;
the pipeline's `--force` deletes the parts folder.

Costs: `forward_passes` counts model calls for the item: each generated sequence is one (prefill +
decode), and one shared-prompt scoring call is one; `wall_seconds` is the item's share of its
batch's wall time. Both count what the row itself ran: a control's candidates were generated (and counted) in
critic_rs's row, so the control's cost is its re-ranking alone.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from tenacious import experiment, paths
from tenacious.backbones import Backbone, adapter_disabled, load_backbone, resolve_device
from tenacious.bench import judge_rules
from tenacious.bench.bow_judge import BowJudge
from tenacious.bench.load import judge_items_path, load_critic_heldout_pairs, load_critic_tasks, load_judge_items
from tenacious.bench.pools import fixed_pools
from tenacious.bench.prompts import critic_messages, judge_messages, trained_messages
from tenacious.bench.schema import validate_critic_ranking_trace, validate_critic_trace, validate_judge_trace
from tenacious.bench.scorer import score
from tenacious.bench.seal import verify_seal
from tenacious.bench.shortcuts import shorter_email_scores
from tenacious.infer import (
    classify_by_likelihood,
    continuation_logprobs,
    encode_completion,
    encode_prompt,
    generate,
    generate_from_one_prompt,
    judge_label_scorer,
    simpo_scores,
)
from tenacious.io import read_jsonl, sha256_file, sha256_text, stable_json, write_jsonl
from tenacious.provenance import code_hash
from tenacious.subsets import critic_subset, judge_subset, stratified_subset

ABLATION_CODE = ("tenacious.ablate",)  # with every package module it imports: the code a part's rows depend on


def _load_with_adapter(profile, track: str, seed: int) -> Backbone:
    """The track's base backbone with the trained adapter of `seed` attached (PEFT format)."""
    from peft import PeftModel

    adapter = paths.train_run_dir(profile.name, track, seed) / "adapter"
    if not (adapter / "adapter_config.json").is_file():
        raise FileNotFoundError(f"no trained {track} adapter at {adapter}; run the train stage first")
    backbone = load_backbone(profile.backbones[track], device=profile.device, seed=seed)
    backbone.model = PeftModel.from_pretrained(backbone.model, str(adapter))
    backbone.model.eval()
    return backbone


def _batches(seq: Sequence, size: int) -> list[Sequence]:
    return [seq[i:i + size] for i in range(0, len(seq), size)]


def _part(profile: str, track: str, condition: str, seed: int, fingerprint: str) -> Path:
    return paths.ablate_parts_dir(profile) / f"{track}_{condition}_seed{seed}_{fingerprint[:16]}.jsonl"


def _fingerprint(profile, track: str, seed: int, c: experiment.Condition | experiment.Ranker, records: list[dict],
                 reads: tuple[Path, ...] = (), code: str | None = None) -> str:
    """What a part's rows depend on: the seed's adapter, the profile's ablation and prompt settings and the
    track's backbone and beta, the condition's registry entry (producer and settings), the code (`code`, else
    hashed here), and the content of the records it scores plus any other sealed file it reads (`reads`)."""
    adapter = paths.train_run_dir(profile.name, track, seed) / paths.ADAPTER_WEIGHTS
    key = {"adapter": sha256_file(adapter) if adapter.is_file() else None, "ablate": profile.ablate,
           "beta": profile.train[track].beta, "backbone": profile.backbones[track],
           "device": resolve_device(profile.device),
           "prompt_format": profile.prompt_format,
           "condition": {"name": c.name, "producer": c.producer, "settings": c.settings},
           "code": code or code_hash(*ABLATION_CODE), "records": sha256_text(stable_json(records, indent=None)),
           "reads": {f.name: sha256_file(f) for f in reads}}
    return sha256_text(stable_json(key, indent=None))


def _cached_part(path: Path, ids: list[str], validate) -> list[dict] | None:
    """A finished part file covering exactly these items, or None (then the condition re-runs)."""
    if not path.is_file():
        return None
    rows = read_jsonl(path, validate)
    return rows if [r["item_id"] for r in rows] == ids else None


def _run_condition(profile, track: str, c: experiment.Condition | experiment.Ranker, seed: int, records: list[dict],
                   validate, produce: Callable[[], list[dict]], code: str, reads: tuple[Path, ...] = (),
                   id_key: str | None = None, label: str | None = None) -> list[dict]:
    """A part's rows, from its file where one was made under the same key, else produced and written.

    `id_key` names the records' id field (default: task_id or item_id by track); `label` names the part file
    (default: the condition's name)."""
    ids = [r[id_key or ("task_id" if track == "critic" else "item_id")] for r in records]
    label = label or c.name
    part = _part(profile.name, track, label, seed, _fingerprint(profile, track, seed, c, records, reads, code))
    rows = _cached_part(part, ids, validate)
    if rows is None:
        rows = produce()
        for stale in part.parent.glob(f"{track}_{label}_seed{seed}_*.jsonl"):  # made under other settings
            stale.unlink()
        write_jsonl(part, rows, validate)
    return rows


def _registered(track: str, producers: dict) -> tuple[experiment.Condition, ...]:
    """The track's registry conditions, checked up front: each names a producer this module has."""
    found = experiment.conditions(track)
    unknown = [f"{c.name} ({c.producer})" for c in found if c.producer not in producers]
    if unknown:
        raise ValueError(f"{track} condition(s) {unknown} name no producer; ablate knows {sorted(producers)}")
    return found


# ---------------------------------------------------------------------------------------------- critic

def _critic_trace(task: dict, condition: str, seed: int, outputs: list[str], scores: list[float],
                  selected: int, passes: int, tokens: int, seconds: float, verdict: dict | None = None) -> dict:
    """One trace line; `verdict` is the rubric's reading of the selected email where the caller has it already."""
    verdict = verdict or score(task, outputs[selected])
    return {"item_id": task["task_id"], "condition": condition, "seed": seed, "outputs": outputs,
            "candidate_scores": scores, "selected_index": selected,
            "score": {"overall": verdict["overall"], "dimensions": verdict["dimensions"]},
            "forward_passes": passes, "generated_tokens": tokens, "wall_seconds": round(seconds, 4)}


def critic_greedy(backbone: Backbone, tasks: list[dict], condition: str, seed: int, system_variant: str,
                  max_new_tokens: int, batch_size: int) -> list[dict]:
    """k=1, greedy, adapter off: `baseline` (neutral system prompt) and `promptaug` (style guide)."""
    rows = []
    for batch in tqdm(_batches(tasks, batch_size), desc=f"critic {condition}", unit="batch"):
        prompts = [encode_prompt(backbone.tokenizer, critic_messages(t, system_variant)) for t in batch]
        with adapter_disabled(backbone.model):
            gen = generate(backbone.model, backbone.tokenizer, prompts, temperatures=None,
                           max_new_tokens=max_new_tokens, seed=seed)
        for t, text, n in zip(batch, gen.texts, gen.new_tokens, strict=True):
            rows.append(_critic_trace(t, condition, seed, [text], [], 0, 1, n, gen.seconds / len(batch)))
    return rows


def _best(scores: Sequence[float]) -> int:
    """The index of the highest score; ties go to the earlier candidate."""
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def rank_candidates(backbone: Backbone, task: dict, candidates: list[str], beta: float,
                    prompt_format: str = "full") -> list[float]:
    """The critic's SimPO reward of each candidate: one shared-prompt scoring pass, in the prompt format the
    critic was trained on (adapter on, unless the caller disables it: then the base model's own reading)."""
    tok = backbone.tokenizer
    prompt = encode_prompt(tok, trained_messages("critic", task, prompt_format))
    conts = [encode_completion(tok, c) for c in candidates]
    return simpo_scores(continuation_logprobs(backbone.model, prompt, conts), beta)


def critic_rejection_sampling(backbone: Backbone, tasks: list[dict], condition: str, seed: int,
                              temperatures: Sequence[float], system_variants: Sequence[str], beta: float,
                              max_new_tokens: int, batch_size: int, prompt_format: str = "full") -> list[dict]:
    """k candidates per task from one batched generate call (adapter off), ranked by the critic.

    Candidate i of a task is sampled at temperatures[i] with system_variants[i]; `critic_rs` uses one
    temperature and the neutral prompt for all k, `critic_rs_diverse` a sweep and mixed prompts.
    """
    k = len(temperatures)
    # One prompt for all k (critic_rs): one generate call per task, its prompt prefilled once. Mixed prompts
    # (critic_rs_diverse), or unsloth's fast generate, whose cache handling is its own: tasks share a call.
    one_prompt = len(set(system_variants)) == 1 and backbone.loader != "unsloth"
    per_call = 1 if one_prompt else max(1, batch_size // k)
    rows = []
    for batch in tqdm(_batches(tasks, per_call), desc=f"critic {condition}", unit="batch"):
        prompts = [encode_prompt(backbone.tokenizer, critic_messages(t, v)) for t in batch for v in system_variants]
        with adapter_disabled(backbone.model):
            if one_prompt:
                gen = generate_from_one_prompt(backbone.model, backbone.tokenizer, prompts[0],
                                               temperatures=list(temperatures), max_new_tokens=max_new_tokens,
                                               seed=seed)
            else:
                gen = generate(backbone.model, backbone.tokenizer, prompts,
                               temperatures=list(temperatures) * len(batch), max_new_tokens=max_new_tokens, seed=seed)
        gen_share = gen.seconds / len(batch)
        for j, task in enumerate(batch):
            outs = gen.texts[j * k:(j + 1) * k]
            start = time.perf_counter()
            scores = rank_candidates(backbone, task, outs, beta, prompt_format)
            best = _best(scores)
            rows.append(_critic_trace(task, condition, seed, outs, scores, best, k + 1,
                                      sum(gen.new_tokens[j * k:(j + 1) * k]),
                                      gen_share + time.perf_counter() - start))
    return rows


def critic_rerank(backbone: Backbone, tasks: list[dict], source: list[dict], condition: str, seed: int, ranker: str,
                  beta: float, prompt_format: str = "full") -> list[dict]:
    """Another choice among the candidates of `source` (one row per task, in task order); nothing is decoded.

    `random`: a uniform draw, seeded by (condition, seed, task), so a re-run picks the same candidate; `base`:
    the critic's score with the adapter off (the untrained backbone's length-normalised log-likelihood);
    `scorer`: the rubric's best (its candidate_scores are the rubric's overall score of every candidate).
    """
    rows = []
    for task, src in zip(tasks, source, strict=True):
        if src["item_id"] != task["task_id"]:
            raise ValueError(f"{condition}: source row {src['item_id']} is not task {task['task_id']}")
        outs, start, verdict, passes = src["outputs"], time.perf_counter(), None, 0
        if ranker == "random":
            scores: list[float] = []
            best = random.Random(f"{condition}:{seed}:{task['task_id']}").randrange(len(outs))
        elif ranker == "base":
            with adapter_disabled(backbone.model):
                scores = rank_candidates(backbone, task, outs, beta, prompt_format)
            best, passes = _best(scores), 1
        elif ranker == "scorer":
            verdicts = [score(task, o) for o in outs]
            scores = [v["overall"] for v in verdicts]
            best = _best(scores)
            verdict = verdicts[best]
        else:
            raise ValueError(f"{condition}: unknown ranker {ranker!r}; expected random, base or scorer")
        rows.append(_critic_trace(task, condition, seed, outs, scores, best, passes, 0,
                                  time.perf_counter() - start, verdict))
    return rows


def run_critic(profile, tasks: list[dict], seed: int, backbone: Backbone | None = None) -> list[dict]:
    """Every critic condition of the registry for one critic seed (adapter of that seed)."""
    a, beta = profile.ablate, profile.train.critic.beta
    backbone = backbone or _load_with_adapter(profile, "critic", seed)
    code = code_hash(*ABLATION_CODE)
    k = a.k
    if len(a.diverse_temperatures) != k:
        raise ValueError(f"profile {profile.name}: ablate.diverse_temperatures must list k={k} temperatures")
    temperatures = {"fixed": [a.temperature] * k, "sweep": list(a.diverse_temperatures)}

    def greedy(c: experiment.Condition) -> list[dict]:
        return critic_greedy(backbone, tasks, c.name, seed, c.settings["prompts"][0], a.max_new_tokens, a.batch_size)

    def rejection_sampling(c: experiment.Condition) -> list[dict]:
        prompts = c.settings["prompts"]  # cycled over the k candidates
        return critic_rejection_sampling(backbone, tasks, c.name, seed, temperatures[c.settings["temperatures"]],
                                         [prompts[i % len(prompts)] for i in range(k)], beta, a.max_new_tokens,
                                         a.batch_size, profile.prompt_format)

    done: dict[str, list[dict]] = {}

    def rerank(c: experiment.Condition) -> list[dict]:
        if c.settings["of"] not in done:
            raise ValueError(f"condition {c.name} re-ranks {c.settings['of']}, which must come before it in the "
                             "registry")
        return critic_rerank(backbone, tasks, done[c.settings["of"]], c.name, seed, c.settings["ranker"], beta,
                             profile.prompt_format)

    producers = {"greedy": greedy, "rejection_sampling": rejection_sampling, "rerank": rerank}
    for c in _registered("critic", producers):
        done[c.name] = _run_condition(profile, "critic", c, seed, tasks, validate_critic_trace,
                                      lambda c=c: producers[c.producer](c), code)
    return [r for rows in done.values() for r in rows]


def rank_pools(backbone: Backbone | None, pools: list[dict], ranker: experiment.Ranker, seed: int, beta: float,
               prompt_format: str = "full") -> list[dict]:
    """One ranker's scores of every fixed pool: `likelihood` (one shared-prompt scoring pass with the adapter on
    or off, as `rank_candidates`) or `shorter_email` (no model)."""
    rows = []
    for pool in tqdm(pools, desc=f"pools {ranker.name}", unit="pool", disable=ranker.producer != "likelihood"):
        start = time.perf_counter()
        if ranker.producer == "likelihood":
            if ranker.settings["adapter"]:
                scores = rank_candidates(backbone, pool["task"], pool["emails"], beta, prompt_format)
            else:
                with adapter_disabled(backbone.model):
                    scores = rank_candidates(backbone, pool["task"], pool["emails"], beta, prompt_format)
            passes = 1
        elif ranker.producer == "shorter_email":
            scores, passes = shorter_email_scores(pool["emails"]), 0
        else:
            raise ValueError(f"ranker {ranker.name}: unknown producer {ranker.producer!r}")
        rows.append({"item_id": pool["pool_id"], "ranker": ranker.name, "seed": seed, "roles": pool["roles"],
                     "emails": pool["emails"], "scores": scores, "reference_scores": pool["reference_scores"],
                     "forward_passes": passes, "generated_tokens": 0,
                     "wall_seconds": round(time.perf_counter() - start, 4)})
    return rows


def run_critic_ranking(profile, pools: list[dict], seed: int, backbone: Backbone | None = None) -> list[dict]:
    """Every ranker of the registry over the fixed pools, for one critic seed (adapter of that seed)."""
    code = code_hash(*ABLATION_CODE)

    def produce(r: experiment.Ranker) -> list[dict]:
        nonlocal backbone
        if r.producer == "likelihood":
            backbone = backbone or _load_with_adapter(profile, "critic", seed)
        return rank_pools(backbone, pools, r, seed, profile.train.critic.beta, profile.prompt_format)

    rows = []
    for r in experiment.RANKERS:
        rows += _run_condition(profile, "critic", r, seed, pools, validate_critic_ranking_trace,
                               lambda r=r: produce(r), code, id_key="pool_id", label=f"ranking-{r.name}")
    return rows


# ---------------------------------------------------------------------------------------------- judge

def _judge_trace(item: dict, condition: str, seed: int, predicted: str, logprobs: dict | None,
                 passes: int, seconds: float) -> dict:
    return {"item_id": item["item_id"], "condition": condition, "seed": seed, "predicted": predicted,
            "label_logprobs": logprobs, "gold": item["gold_decision"], "forward_passes": passes,
            "generated_tokens": 0, "wall_seconds": round(seconds, 6), "rationale": None}


def judge_constant(items: list[dict], condition: str, seed: int, decision: str) -> list[dict]:
    """The same decision for every item: `always_pass` is the published card's "no judge"."""
    return [_judge_trace(item, condition, seed, decision, None, 0, 0.0) for item in items]


def judge_rule_based(items: list[dict], condition: str, seed: int, rubric: str) -> list[dict]:
    """The rule engine under one rubric: `rules_v1` (published 7 rules) or `rules` (rubric v2)."""
    rows = []
    for item in items:
        start = time.perf_counter()
        predicted, _ = judge_rules.decide(item, rubric=rubric)
        rows.append(_judge_trace(item, condition, seed, predicted, None, 0, time.perf_counter() - start))
    return rows


def judge_bag_of_words(train_items: list[dict], items: list[dict], seed: int, condition: str = "bow") -> list[dict]:
    """`bow`: TF-IDF + logistic regression fitted on the train split, the shortcut a model must beat."""
    start = time.perf_counter()
    predicted = BowJudge(seed=seed).fit(train_items).predict(items)
    share = (time.perf_counter() - start) / max(1, len(items))
    return [_judge_trace(item, condition, seed, p, None, 0, share) for item, p in zip(items, predicted, strict=True)]


def judge_by_likelihood(backbone: Backbone, items: list[dict], condition: str, seed: int,
                        adapter_on: bool, prompt_format: str = "full") -> list[dict]:
    """Label-likelihood classification: one prompt pass, five label continuations, argmax.

    `prompt_format` is the condition's (`experiment.prompt_format`): the adapter reads the format it was
    trained on, zero-shot (adapter off) the full rubric prompt, since the compact one names rules it never saw.
    """
    rows = []
    for item in tqdm(items, desc=f"judge {condition}", unit="item"):
        start = time.perf_counter()
        prompt = encode_prompt(backbone.tokenizer, judge_messages(item, prompt_format))
        scorer = judge_label_scorer(backbone.model, backbone.tokenizer, prompt)
        if adapter_on:
            predicted, logprobs = classify_by_likelihood(scorer)
        else:
            with adapter_disabled(backbone.model):
                predicted, logprobs = classify_by_likelihood(scorer)
        rows.append(_judge_trace(item, condition, seed, predicted, logprobs, 1, time.perf_counter() - start))
    return rows


def run_judge(profile, items: list[dict], seed: int, backbone: Backbone | None = None) -> list[dict]:
    """Every judge condition of the registry for one judge seed; the model loads only if one needs it."""
    code = code_hash(*ABLATION_CODE)

    def likelihood(c: experiment.Condition) -> list[dict]:
        nonlocal backbone
        backbone = backbone or _load_with_adapter(profile, "judge", seed)
        return judge_by_likelihood(backbone, items, c.name, seed, adapter_on=c.settings["adapter"],
                                   prompt_format=experiment.prompt_format(c.name, profile.prompt_format))

    producers: dict[str, Callable[[experiment.Condition], list[dict]]] = {
        "constant": lambda c: judge_constant(items, c.name, seed, c.settings["decision"]),
        "rules": lambda c: judge_rule_based(items, c.name, seed, c.settings["rubric"]),
        "bag_of_words": lambda c: judge_bag_of_words(load_judge_items("train"), items, seed, c.name),
        "likelihood": likelihood,
    }
    reads = {"bag_of_words": (judge_items_path("train"),)}  # fitted on the train split, besides the items it scores
    rows = []
    for c in _registered("judge", producers):
        rows += _run_condition(profile, "judge", c, seed, items, validate_judge_trace,
                               lambda c=c: producers[c.producer](c), code, reads.get(c.producer, ()))
    return rows


def evenly_spaced(records: list[dict], n: int) -> list[dict]:
    """`n` records spread evenly over the (stratum/probe-ordered) list; n = 0 keeps all of them."""
    if not n or n >= len(records):
        return records
    return [records[(i * len(records)) // n] for i in range(n)]


def run_ablation(profile) -> dict[str, Path]:
    """The whole stage: verify the seal, run every condition and ranker for every seed, write the trace files."""
    resolve_device(profile.device)  # a GPU-only profile stops here, before anything is read
    verify_seal(paths.DATA_DIR)
    a = profile.ablate
    tasks = load_critic_tasks("heldout")
    items = load_judge_items("heldout")
    tasks, items = critic_subset(tasks, a.max_critic_tasks), judge_subset(items, a.max_judge_items)
    pairs = sorted(load_critic_heldout_pairs(), key=lambda p: p["pair_id"])  # every flaw dimension present
    pools = fixed_pools(stratified_subset(pairs, a.max_ranking_pools, lambda p: p["dimension"], lambda p: p["pair_id"]))
    critic_rows, ranking_rows = [], []
    for seed in profile.train.critic.seeds:
        backbone = _load_with_adapter(profile, "critic", seed)
        critic_rows += run_critic(profile, tasks, seed, backbone)
        ranking_rows += run_critic_ranking(profile, pools, seed, backbone)
    judge_rows = [r for seed in profile.train.judge.seeds for r in run_judge(profile, items, seed)]
    written = {track: paths.traces_path(profile.name, track) for track in ("critic", "judge")}
    written["critic_ranking"] = paths.ranking_traces_path(profile.name)
    write_jsonl(written["critic"], critic_rows, validate_critic_trace)
    write_jsonl(written["judge"], judge_rows, validate_judge_trace)
    write_jsonl(written["critic_ranking"], ranking_rows, validate_critic_ranking_trace)
    return written


def load_traces(profile: str, track: str) -> list[dict]:
    validate: Any = validate_critic_trace if track == "critic" else validate_judge_trace
    return read_jsonl(paths.traces_path(profile, track), validate)


def trace_summary(rows: list[dict]) -> list[dict]:
    """Per (condition, seed): items, mean quality (rubric score or accuracy), passes and wall time."""
    groups: dict[tuple[str, int], list[dict]] = {}
    for r in rows:
        groups.setdefault((r["condition"], r["seed"]), []).append(r)
    out = []
    for (condition, seed), rs in groups.items():
        quality = [r["score"]["overall"] if "score" in r else float(r["predicted"] == r["gold"]) for r in rs]
        out.append({"condition": condition, "seed": seed, "items": len(rs),
                    "mean_quality": sum(quality) / len(rs),
                    "mean_forward_passes": sum(r["forward_passes"] for r in rs) / len(rs),
                    "wall_seconds": sum(r["wall_seconds"] for r in rs)})
    return out
