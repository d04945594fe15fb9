"""Model cards and the paper draft, rendered from numbers.json.

Nothing here measures anything: every number is read from the numbers dict the stats stage wrote
(through the shared table renderers and formatters), and the deploy recommendations are the ones
derived there from the confidence intervals. So a card or a paragraph cannot claim a number that
no code produced, which is the flaw of the published cards this artifact reproduces. The paper's
prose lives in the Markdown template `templates/paper.md` ($placeholders filled by `paper_fields`);
conditions and comparisons come from the experiment registry.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from huggingface_hub import EvalResult, ModelCardData

from tenacious import experiment, paths
from tenacious.backbones import SMOLLM2
from tenacious.bench.load import TRACKS
from tenacious.bench.rubric import DECISIONS
from tenacious.bench.scorer import DIMENSIONS
from tenacious.figures import CAPTIONS, CURVE_FIGURE
from tenacious.io import atomic_write_text
from tenacious.render import markdown_table
from tenacious.report import Sources, load_numbers
from tenacious.tables import ci, num, p_is, render_tables

LICENSE = "apache-2.0"
DATASETS = {"critic": "tenacious-bench/critic", "judge": "tenacious-bench/judge"}
# Local backbone names whose weights come from a hub model; hub names ("org/model") are used as they are.
HUB_IDS = {SMOLLM2: "HuggingFaceTB/SmolLM2-135M-Instruct"}
PUBLISHED = {"critic": "Tenacious-Critic-Qwen3-1.7B-SimPO-seed11", "judge": "Tenacious Judge LoRA (ORPO)"}
METHOD = {"critic": "SimPO", "judge": "ORPO"}
TAGS = {"critic": ["simpo", "reward-model", "rejection-sampling"], "judge": ["orpo", "classifier", "send-gate"]}
PAPER_TEMPLATE = paths.TEMPLATES_DIR / "paper.md"


def model_name(numbers: dict, track: str) -> str:
    backbone = numbers[track]["provenance"]["backbone"].split("/")[-1]
    return f"Tenacious-{track.capitalize()}-{backbone}-{METHOD[track]}-seed{numbers[track]['training']['primary_seed']}"


def _provenance_line(numbers: dict, track: str) -> str:
    p = numbers[track]["provenance"]
    return (f"**Profile** `{p['profile']}` · **backbone** `{p['backbone']}` · **seeds** {p['seeds']} · "
            f"**commit** `{p['commit']}` · **data hash** `{p['data_hash']}`")


# -------------------------------------------------------------------------------------- model cards

def _eval_results(numbers: dict, track: str) -> list[EvalResult]:
    """model-index entries: measured metrics of this model only, omitted when not measured."""
    t = numbers[track]["training"]
    h = numbers[track]["heldout"]
    dataset = DATASETS[track]
    if track == "critic":
        task = ("text-generation", "Cold-email selection by critic rejection sampling")
        delta = experiment.deltas()[experiment.CRITIC_LIFT]
        lift = h["deltas"][delta.name]
        rs = h["conditions"][delta.a]
        heldout = [("mean_rubric_score", f"held-out mean rubric score ({delta.a})", rs["mean"]),
                   ("lift_vs_baseline", f"held-out lift over {delta.b} (Δ {delta.name})", lift["mean_delta"]),
                   ("lift_vs_baseline_ci_low", f"Δ {delta.name} 95% CI low ({lift['method']})", lift["ci_low"]),
                   ("lift_vs_baseline_ci_high", f"Δ {delta.name} 95% CI high ({lift['method']})", lift["ci_high"])]
    else:
        task = ("text-classification", "Pre-send gate decision")
        cand = h["conditions"][experiment.judge_candidate()]
        heldout = [("accuracy", "held-out accuracy", cand["accuracy"]),
                   ("accuracy_ci_low", "accuracy 95% Wilson CI low", cand["ci_low"]),
                   ("accuracy_ci_high", "accuracy 95% Wilson CI high", cand["ci_high"])]
    dev = [("pair_accuracy", "validation pair accuracy (last eval)", t["validation_pair_accuracy"]),
           ("reward_margin", "validation reward margin (last eval)", t["validation_reward_margin"])]
    results = []
    for split, metrics in (("heldout", heldout), ("dev", dev)):
        for metric_type, name, value in metrics:
            if value is not None:
                results.append(EvalResult(task_type=task[0], task_name=task[1], dataset_type=dataset,
                                          dataset_name=f"Tenacious-Bench {track} ({split})", dataset_split=split,
                                          metric_type=metric_type, metric_name=name, metric_value=value))
    return results


def front_matter(numbers: dict, track: str) -> str:
    """Hugging Face card metadata (YAML), written by huggingface_hub itself so the Hub parses it."""
    backbone = numbers[track]["provenance"]["backbone"]
    data = ModelCardData(
        base_model=HUB_IDS.get(backbone, backbone), library_name="peft", pipeline_tag="text-generation",
        license=LICENSE, datasets=[DATASETS[track]], language=["en"], model_name=model_name(numbers, track),
        tags=["tenacious-bench", "lora", "peft", "trl", *TAGS[track]], eval_results=_eval_results(numbers, track),
    )
    return f"---\n{data.to_yaml()}\n---\n"


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body.rstrip()}\n"


def _compute_line(numbers: dict, track: str) -> str:
    c = numbers[track]["compute"]
    device = c["device"] or {}
    where = device.get("gpu") or (f"CPU ({device.get('cpu_threads')} threads)" if device else "unknown device")
    total = c["train_seconds"] + c["ablation_seconds"]
    return (f"Measured wall time: training {num(c['train_seconds'], 1)} s (all seeds) + held-out ablation "
            f"{num(c['ablation_seconds'], 1)} s (all conditions and seeds) = {num(total / 3600, 3)} h on {where}. "
            "Energy and CO₂ were not measured; multiply the hours by the device's power draw for an estimate.\n")


def _limitations(numbers: dict, track: str) -> str:
    """Limitations that follow from the numbers themselves (sample size, seeds, profile)."""
    n = numbers[track]
    p = n["provenance"]
    lines = []
    if p["profile"] != "paper":
        lines.append(f"Produced by the `{p['profile']}` profile (backbone `{p['backbone']}`), not the published "
                     "backbone: these numbers check the pipeline end to end and say nothing about the published model.")
    if len(p["seeds"]) == 1:
        lines.append("One training seed: the variance due to the seed is not estimated.")
    lines.append("The benchmark is synthetic (fictional companies, template-generated text); the score is rubric "
                 "compliance, not reply or meeting rates.")
    if track == "critic":
        name = experiment.CRITIC_LIFT
        a = n["heldout"]["deltas"][name]
        if a["ci_low"] is None:
            lines.append(f"{n['heldout']['n_items']} held-out tasks: too few for any bounded 95 % interval of "
                         f"Δ {name} (the exact sign-flip test's smallest two-sided p is 2/2^n; here "
                         f"{p_is(a['p_two_sided'])}); per-stratum deltas have fewer tasks still.")
        else:
            lines.append(f"{n['heldout']['n_items']} held-out tasks: the 95 % CI of Δ {name} is "
                         f"{num(a['ci_high'] - a['ci_low'])} wide; per-stratum intervals are wider still.")
        lines.append("Rejection sampling can only pick among its candidates: with little variance in the pool "
                     "the critic has nothing to choose between.")
    else:
        h = n["heldout"]
        smallest = min(p_["n"] for p_ in h["per_probe"])
        lines.append(f"{h['n_items']} held-out items, as few as {smallest} per probe: per-probe accuracies are "
                     "indicative only.")
        lines.append("Gold decisions come from construction (the violation each item's author put in), not from "
                     "human review of the drafts; the rule engines are measured against them like any other judge.")
        if "learning_curve" in n:
            lines.append(curve_sentence(n["learning_curve"]))
    return "".join(f"- {line}\n" for line in lines)


def curve_sentence(curve: dict) -> str:
    """How far the judge's training is from beating always-PASS, read off the measured learning curve."""
    b, best = curve["baselines"], curve["best"]
    stopped = "" if curve["complete"] else "; the run was stopped there and the script resumes it"
    if curve["first_win_over_always_pass"] is not None:
        verdict = (f"the judge first beats always-PASS with exact McNemar p < 0.05 after "
                   f"{num(curve['first_win_over_always_pass'], 2)} epochs")
    else:
        verdict = (f"at no measured point does the judge beat always-PASS with exact McNemar p < 0.05 (best "
                   f"{num(best['accuracy'])} after {num(best['epoch'], 2)} epochs, against always-PASS "
                   f"{num(b['always_pass'])}, bag-of-words {num(b['bow'])}, rules_v1 {num(b['rules_v1'])})")
    return (f"Learning curve on {curve['items']} {curve['split']} items, measured over {num(curve['measured_epochs'], 2)} "
            f"of {curve['planned_epochs']:g} epochs (`{curve['from'][0]['file']}`{stopped}): "
            f"{verdict}; the default schedule stops after {num(curve['default_schedule_epochs'], 3)} epochs.")


def model_card(numbers: dict, track: str) -> str:
    """A Hugging Face model card (README.md) for one track, mirroring the published card's sections."""
    tables = render_tables(numbers)
    n = numbers[track]
    rec = n["recommendation"]
    intro = (f"LoRA adapter trained with {METHOD[track]} on the Tenacious-Bench {track} track; this card reproduces "
             f"the published card *{PUBLISHED[track]}*. Every number is computed by the artifact's pipeline and "
             "read from `numbers.json`; nothing is copied from the published card.\n")
    if track == "judge":
        intro += ("\nTraining choice: ORPO's NLL term covers the chosen completion only (TRL 1.15 computes it over "
                  "prompt + completion, which mostly teaches the model to recite the fixed prompt). The prompt format "
                  "the adapters saw (`prompt_format`: `full` = the published cards' rubric prompt, `compact` = brief "
                  "and draft only) is listed with the hyper-parameters.\n")
    sections = [
        _section("Deploy recommendation", f"**{rec['decision']}** — {rec['reason']}\n\n_Rule: {rec['rule']}._"),
        _section("Headline", tables[f"{track}_headline"]),
        _section("Hyper-parameters", tables[f"{track}_hyperparameters"]),
        _section("Training history", tables[f"{track}_training_history"]),
    ]
    if track == "critic":
        sections += [_section("Held-out evaluation", tables["critic_heldout"]),
                     _section("Paired deltas", tables["critic_deltas"]),
                     _section("Controls over the same candidates", tables["critic_controls"]),
                     _section("Ranking fixed emails", tables["critic_ranking"] + "\n" + tables["critic_ranking_mcnemar"]),
                     _section("Per-stratum", tables["critic_strata"]),
                     _section("Cost-Pareto", tables["critic_pareto"]),
                     _section("Seeds", tables["critic_seeds"])]
    else:
        sections += [_section("Held-out evaluation", tables["judge_summary"]),
                     _section("Per-probe", tables["judge_per_probe"]),
                     _section("Per-stratum, and without the hand slice", tables["judge_per_stratum"]),
                     _section("Confusion matrix", tables["judge_confusion"]),
                     _section("Per-class precision and recall", tables["judge_per_class"]),
                     _section("McNemar", tables["judge_mcnemar"]),
                     _section("Calibration", tables["judge_calibration"]),
                     _section("Seeds", tables["judge_seeds"])]
    sections += [_section("Limitations", _limitations(numbers, track)),
                 _section("Environmental cost", _compute_line(numbers, track))]
    title = f"# {model_name(numbers, track)}\n"
    return "\n".join([front_matter(numbers, track), title, _provenance_line(numbers, track) + "\n", intro, *sections])


def write_model_cards(src: Sources) -> list[Path]:
    """model_cards/{critic,judge}/README.md from numbers.json; returns the written paths."""
    numbers = load_numbers(src)
    written = []
    for track in TRACKS:
        path = src.cards_dir / track / "README.md"
        atomic_write_text(path, model_card(numbers, track))
        written.append(path)
    return written


# -------------------------------------------------------------------------------------------- paper

def _figure(stem: str) -> str:
    return f"![{CAPTIONS[stem]}](figures/{stem}.png)\n\n_Figure: {CAPTIONS[stem]} ([PDF](figures/{stem}.pdf))._\n"


def _curve_figure(numbers: dict) -> list[str]:
    curve = numbers["judge"].get("learning_curve")
    return [_figure(CURVE_FIGURE) + "\n" + curve_sentence(curve) + "\n"] if curve else []


def _conditions_table() -> str:
    """The registry as the methods section shows it: what each condition is and what it costs."""
    return markdown_table([{"track": c.track, "condition": f"`{c.name}`", "role": c.role, "what it is": c.summary,
                            "model calls per item": c.cost} for c in experiment.CONDITIONS])


def _rankers_table() -> str:
    return markdown_table([{"ranker": f"`{r.name}`", "what it is": r.summary} for r in experiment.RANKERS])


def _accuracy_text(m: dict) -> str:
    """An accuracy as the paper's prose quotes it: value [Wilson CI] (correct/n)."""
    return f"{num(m['accuracy'])} {ci(m['ci_low'], m['ci_high'])} ({m['correct']}/{m['n']})"


def _control_fields(numbers: dict) -> dict[str, str]:
    """The numbers the controls-and-rankings paragraph of the template quotes."""
    c = numbers["critic"]
    conditions, ctl, rk = c["heldout"]["conditions"], c["controls"], c["ranking"]
    spread = ctl["range"]
    fields = {"k": str(max(t["k"] for t in ctl["per_task"])),
              "spread": f"{num(spread['point'])} {ci(spread['low'], spread['high'])}",
              "no_spread": str(ctl["no_spread"]["correct"]), "ranking_n": str(rk["n_pools"]),
              "ranking_total": str(rk["n_sealed_pairs"]),
              "rankers": _rankers_table().rstrip(), "scorer_hand": _accuracy_text(rk["scorer_hand_pairs"]),
              "chance_top1": num(rk["chance"]["top1"])}
    for name in (ctl["of"], *ctl["controls"]):
        m = conditions[name]
        fields[f"score_{name}"] = f"{num(m['mean'])} {ci(m['ci_low'], m['ci_high'])}"
    for ranker, evaluations in rk["rankers"].items():
        for evaluation, m in evaluations.items():
            fields[f"{ranker}_{evaluation}"] = _accuracy_text(m)
    for test in rk["mcnemar"].values():
        fields[f"p_{test['evaluation']}_{test['other']}"] = num(test["p_holm"], 3)
    return fields


def _comparisons_table() -> str:
    return markdown_table([{"Δ": d.name, "comparison": f"`{d.a}` − `{d.b}`", "question": d.question}
                           for d in experiment.DELTAS])


def delta_interval(d: dict) -> str:
    """A paired delta's interval and test as prose: `95 % CI [a, b], sign-flip p = x`, or why there is no interval."""
    p = f"sign-flip {p_is(d['p_two_sided'])}" if d["p_two_sided"] is not None else "no test"
    if d["ci_low"] is None:
        return f"no bounded 95 % interval with {d['n']} tasks, {p}"
    return f"95 % CI {ci(d['ci_low'], d['ci_high'], signed=True)}, {p}"


def _of(part: int, whole: int, unit: str) -> str:
    return f"{part} of {whole} {unit}"


def _scope_fields(numbers: dict) -> dict[str, str]:
    """Split sizes, the subsets evaluated, the pairs each adapter saw and the epochs, as the prose quotes them."""
    fields = {}
    for track, unit in (("critic", "tasks"), ("judge", "items")):
        sc, t = numbers[track]["scope"], numbers[track]["training"]
        missing = sc["strata_missing"]
        fields |= {
            f"{track}_split_sizes": " / ".join(f"{sc['records'][s]} {label}" for s, label in
                                               (("train", "train"), ("dev", "dev"), ("heldout", "held-out"))),
            f"{track}_pairs_split": f"{sc['pairs']['train']} train and {sc['pairs']['dev']} dev",
            f"{track}_subset": _of(sc["heldout_evaluated"], sc["heldout_available"], unit),
            f"{track}_subset_strata": ", ".join(f"{x['stratum']} {x['evaluated']}/{x['available']}"
                                                for x in sc["strata"]),
            f"{track}_strata_missing": ("every held-out stratum is represented" if not missing else
                                        f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} absent"),
            f"{track}_pairs_seen": str(t["pairs_seen"]), f"{track}_steps": str(t["global_step"]),
            f"{track}_pairs_per_step": str(t["pairs_per_step"]), f"{track}_epochs": num(t["epochs"], 3),
        }
    return fields


def _statistics_fields(numbers: dict) -> dict[str, str]:
    """The statistics paragraph's facts: families under Holm, the judge's predictions and prompts, the seed
    caveat and the rule engines with and without the hand-written slice they were revised on."""
    c, j = numbers["critic"], numbers["judge"]
    jh = j["heldout"]
    judge = experiment.judge_candidate()
    cand = jh["conditions"][judge]
    formats = [f"`{name}` reads the `{m['prompt_format']}` prompt" for name, m in jh["conditions"].items()
               if m["prompt_format"]]
    seeds = {track: len(numbers[track]["provenance"]["seeds"]) for track in ("critic", "judge")}
    rest = jh["without_hand_slice"]
    rules = [name for name in experiment.names("judge") if experiment.condition(name).producer == "rules"]
    hand = next((s for s in jh["per_stratum"] if s["stratum"] == rest["stratum"]), None)
    rule_lines = []
    for name in rules:
        all_items = jh["conditions"][name]
        line = f"`{name}` {num(all_items['accuracy'])} ({all_items['correct']}/{all_items['n']}) on all items"
        if rest["conditions"]:
            r = rest["conditions"][name]
            line += f", {num(r['accuracy'])} ({r['correct']}/{r['n']}) without the hand slice"
        if hand:
            h = hand["conditions"][name]
            line += f", {num(h['accuracy'])} ({h['correct']}/{h['n']}) on it"
        rule_lines.append(line)
    return {
        "delta_family": ", ".join(f"Δ {n}" for n in c["heldout"]["deltas"]),
        "mcnemar_family": str(len(jh["mcnemar_vs_candidate"])),
        "judge_predictions": ", ".join(f"{label} on {n}" for n, label in sorted(
            ((n, label) for label, n in cand["predicted_counts"].items() if n), key=lambda t: (-t[0], t[1])))
        + f" of the {cand['n']}",
        "prompt_formats": "; ".join(formats),
        "seed_caveat": ("one training seed per track, so no number here says how much a second seed would move it"
                        if max(seeds.values()) == 1 else
                        f"{seeds['critic']} critic and {seeds['judge']} judge seeds; the detailed numbers use the "
                        "first, the seed tables show the spread"),
        "hand_stratum": rest["stratum"], "rules_hand": "; ".join(rule_lines),
    }


def paper_fields(numbers: dict) -> dict[str, str]:
    """Every placeholder of templates/paper.md, from numbers.json and the experiment registry."""
    tables = render_tables(numbers)
    c, j = numbers["critic"], numbers["judge"]
    ch, jh = c["heldout"], j["heldout"]
    deltas = experiment.deltas()
    lift, over = deltas[experiment.CRITIC_LIFT], deltas[experiment.CRITIC_OVER_PROMPT]
    a, b = ch["deltas"][lift.name], ch["deltas"][over.name]
    candidate_cost = next(p["cost_ratio"] for p in ch["pareto"] if p["condition"] == lift.a)
    judge = experiment.judge_candidate()
    cand, best = jh["conditions"][judge], jh["conditions"][jh["best_baseline"]]
    stats_ = numbers["statistics"]
    return {
        "profile": numbers["profile"],
        "critic_provenance": _provenance_line(numbers, "critic"),
        "judge_provenance": _provenance_line(numbers, "judge"),
        "critic_n": str(ch["n_items"]), "critic_candidate": lift.a, "lift_reference": lift.b,
        "prompt_reference": over.b,
        "lift": num(a["mean_delta"], signed=True), "lift_ci": delta_interval(a),
        "candidate_cost": num(candidate_cost, 1),
        "over_prompt": num(b["mean_delta"], signed=True), "over_prompt_ci": delta_interval(b),
        "judge_n": str(jh["n_items"]), "judge_candidate": judge, "judge_accuracy": num(cand["accuracy"]),
        "judge_ci": ci(cand["ci_low"], cand["ci_high"]), "best_accuracy": num(best["accuracy"]),
        "best_baseline": jh["best_baseline"],
        "best_p": p_is(jh["mcnemar_vs_candidate"][jh["best_baseline"]]["p_value"]),
        "critic_decision": c["recommendation"]["decision"], "judge_decision": j["recommendation"]["decision"],
        "dimensions": ", ".join(f"`{d}`" for d in DIMENSIONS),
        "critic_train_pairs": str(c["training"]["train_pairs"]), "critic_eval_pairs": str(c["training"]["eval_pairs"]),
        "strata": ", ".join(f"{s['stratum']} {s['n']}" for s in ch["strata"]),
        "decisions": ", ".join(DECISIONS),
        "judge_train_pairs": str(j["training"]["train_pairs"]), "judge_eval_pairs": str(j["training"]["eval_pairs"]),
        "probes": ", ".join(f"{p['probe']} {p['n']}" for p in jh["per_probe"]),
        "gold_counts": ", ".join(f"{label} {jh['gold_counts'][label]}" for label in jh["labels"]),
        "critic_backbone": c["provenance"]["backbone"], "judge_backbone": j["provenance"]["backbone"],
        "conditions": _conditions_table().rstrip(), "comparisons": _comparisons_table().rstrip(),
        "bootstrap_samples": str(stats_["bootstrap_samples"]), "bootstrap_seed": str(stats_["bootstrap_seed"]),
        "critic_rule": c["recommendation"]["rule"], "judge_rule": j["recommendation"]["rule"],
        **_control_fields(numbers), **_scope_fields(numbers), **_statistics_fields(numbers),
        "scope_table": tables["scope"].rstrip(), "reproducibility": tables["reproducibility"].rstrip(),
        "critic_results": "\n".join([
            tables["critic_headline"], tables["critic_heldout"], tables["critic_deltas"], _figure("critic_per_task"),
            tables["critic_controls"],
            _figure("critic_ranking"), tables["critic_ranking"], tables["critic_ranking_mcnemar"],
            _figure("critic_pareto"),
            tables["critic_pareto"], _figure("critic_strata"), tables["critic_strata"], _figure("loss_critic"),
            _figure("reward_critic")]).rstrip(),
        "judge_results": "\n".join([
            tables["judge_headline"], tables["judge_summary"], _figure("judge_per_probe"), tables["judge_per_probe"],
            tables["judge_per_stratum"], _figure("judge_confusion"), _figure("judge_confusion_baselines"),
            tables["judge_per_class"], tables["judge_mcnemar"], _figure("judge_reliability"),
            _figure("judge_risk_coverage"), tables["judge_calibration"], _figure("loss_judge"),
            _figure("reward_judge"), _figure("validation_curves"), *_curve_figure(numbers)]).rstrip(),
        "critic_limitations": _limitations(numbers, "critic").rstrip(),
        "judge_limitations": _limitations(numbers, "judge").rstrip(),
        "critic_compute": _compute_line(numbers, "critic").rstrip(),
        "judge_compute": _compute_line(numbers, "judge").rstrip(),
    }


def render_paper(numbers: dict, template: Path = PAPER_TEMPLATE) -> str:
    """paper.md: the Markdown template with every $placeholder filled; a missing field is an error."""
    text = Template(template.read_text(encoding="utf-8"))
    try:
        return text.substitute(paper_fields(numbers))
    except KeyError as exc:
        raise ValueError(f"{template}: placeholder ${exc.args[0]} has no value in paper_fields") from None


def write_paper(src: Sources) -> Path:
    """paper.md under the profile's paper folder, from numbers.json."""
    atomic_write_text(src.paper_path, render_paper(load_numbers(src)))
    return src.paper_path
