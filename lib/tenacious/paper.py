"""Model cards and the paper draft, rendered from numbers.json.

Nothing here measures anything: every number is read from the numbers dict the stats stage wrote
(through the shared table renderers and formatters), and the deploy recommendations are the ones
derived there from the confidence intervals. So a card or a paragraph cannot claim a number that
no code produced, which is the flaw of the published cards this artifact reproduces.
"""

from __future__ import annotations

from pathlib import Path

from huggingface_hub import EvalResult, ModelCardData

from tenacious.backbones import SMOLLM2
from tenacious.figures import FIGURES
from tenacious.io import atomic_write_text
from tenacious.report import JUDGE_CANDIDATE, Sources, load_numbers
from tenacious.tables import ci, num, render_tables
from tenacious.train import TRACKS

LICENSE = "apache-2.0"
DATASETS = {"critic": "tenacious-bench/critic", "judge": "tenacious-bench/judge"}
# Local backbone names whose weights come from a hub model; hub names ("org/model") are used as they are.
HUB_IDS = {SMOLLM2: "HuggingFaceTB/SmolLM2-135M-Instruct"}
PUBLISHED = {"critic": "Tenacious-Critic-Qwen3-1.7B-SimPO-seed11", "judge": "Tenacious Judge LoRA (ORPO)"}
METHOD = {"critic": "SimPO", "judge": "ORPO"}
TAGS = {"critic": ["simpo", "reward-model", "rejection-sampling"], "judge": ["orpo", "classifier", "send-gate"]}


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
        lift = h["deltas"]["A"]
        rs = h["conditions"]["critic_rs"]
        heldout = [("mean_rubric_score", "held-out mean rubric score (critic_rs)", rs["mean"]),
                   ("lift_vs_baseline", "held-out lift over the base model (Δ A)", lift["mean_delta"]),
                   ("lift_vs_baseline_ci_low", "Δ A 95% CI low (paired bootstrap)", lift["ci_low"]),
                   ("lift_vs_baseline_ci_high", "Δ A 95% CI high (paired bootstrap)", lift["ci_high"])]
    else:
        task = ("text-classification", "Pre-send gate decision")
        cand = h["conditions"][JUDGE_CANDIDATE]
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
        a = n["heldout"]["deltas"]["A"]
        lines.append(f"{n['heldout']['n_items']} held-out tasks: the 95 % CI of Δ A is "
                     f"{num(a['ci_high'] - a['ci_low'])} wide; per-stratum intervals are wider still.")
        lines.append("Rejection sampling can only pick among its candidates: with little variance in the pool "
                     "the critic has nothing to choose between (Δ D tests a more diverse pool).")
    else:
        h = n["heldout"]
        smallest = min(p_["n"] for p_ in h["per_probe"])
        lines.append(f"{h['n_items']} held-out items, as few as {smallest} per probe: per-probe accuracies are "
                     "indicative only.")
        lines.append("The gold labels come from the rubric-v2 rule engine (`rules`), which therefore scores 100 % "
                     "by construction; the judge is measured against that rubric, not against human review.")
    return "".join(f"- {line}\n" for line in lines)


def model_card(numbers: dict, track: str) -> str:
    """A Hugging Face model card (README.md) for one track, mirroring the published card's sections."""
    tables = render_tables(numbers)
    n = numbers[track]
    rec = n["recommendation"]
    intro = (f"LoRA adapter trained with {METHOD[track]} on the Tenacious-Bench {track} track; this card reproduces "
             f"the published card *{PUBLISHED[track]}*. Every number is computed by the artifact's pipeline and "
             "read from `numbers.json`; nothing is copied from the published card.\n")
    sections = [
        _section("Deploy recommendation", f"**{rec['decision']}** — {rec['reason']}\n\n_Rule: {rec['rule']}._"),
        _section("Headline", tables[f"{track}_headline"]),
        _section("Hyper-parameters", tables[f"{track}_hyperparameters"]),
        _section("Training history", tables[f"{track}_training_history"]),
    ]
    if track == "critic":
        sections += [_section("Held-out evaluation", tables["critic_heldout"]),
                     _section("Paired deltas", tables["critic_deltas"]),
                     _section("Per-stratum", tables["critic_strata"]),
                     _section("Cost-Pareto", tables["critic_pareto"]),
                     _section("Seeds", tables["critic_seeds"])]
    else:
        sections += [_section("Held-out evaluation", tables["judge_summary"]),
                     _section("Per-probe", tables["judge_per_probe"]),
                     _section("Confusion matrix", tables["judge_confusion"]),
                     _section("Per-class precision and recall", tables["judge_per_class"]),
                     _section("McNemar", tables["judge_mcnemar"]),
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
    return f"![{FIGURES[stem]}](figures/{stem}.png)\n\n_Figure: {FIGURES[stem]} ([PDF](figures/{stem}.pdf))._\n"


def render_paper(numbers: dict) -> str:
    """paper.md: abstract, benchmark, methods, results, limitations; figures linked relatively."""
    tables = render_tables(numbers)
    c, j = numbers["critic"], numbers["judge"]
    ch, jh = c["heldout"], j["heldout"]
    a, b = ch["deltas"]["A"], ch["deltas"]["B"]
    rs_cost = next(p["cost_ratio"] for p in ch["pareto"] if p["condition"] == "critic_rs")
    cand, best = jh["conditions"][JUDGE_CANDIDATE], jh["conditions"][jh["best_baseline"]]
    test = jh["mcnemar_vs_candidate"][jh["best_baseline"]]
    stats_ = numbers["statistics"]

    abstract = (
        f"Tenacious-Bench tests two LoRA preference-tuned models for a B2B sales-outreach agent. On "
        f"{ch['n_items']} sealed held-out tasks, rejection sampling ranked by the SimPO critic changes the mean "
        f"rubric score by {num(a['mean_delta'], signed=True)} (95 % CI {ci(a['ci_low'], a['ci_high'], signed=True)}) "
        f"over the base model at {num(rs_cost, 1)}× its forward passes, and by {num(b['mean_delta'], signed=True)} "
        f"({ci(b['ci_low'], b['ci_high'], signed=True)}) over a one-pass style-guide prompt. On {jh['n_items']} "
        f"held-out items the ORPO judge reaches {num(cand['accuracy'])} accuracy (Wilson 95 % CI "
        f"{ci(cand['ci_low'], cand['ci_high'])}) against {num(best['accuracy'])} for the best honest baseline "
        f"(`{jh['best_baseline']}`; exact McNemar p = {num(test['p_value'], 4)}). The recommendations derived from "
        f"these intervals: critic **{c['recommendation']['decision']}**, judge **{j['recommendation']['decision']}**."
    )
    strata = ", ".join(f"{s['stratum']} {s['n']}" for s in ch["strata"])
    probes = ", ".join(f"{p['probe']} {p['n']}" for p in jh["per_probe"])
    bench = (
        f"**Critic track.** Each task is a fictional prospect brief with an instruction; a deterministic rubric "
        f"scores an email on grounding, tone, ICP fit, AI-maturity gating and scheduling (overall in [0, 1]). "
        f"Training uses {c['training']['train_pairs']} preference pairs ({c['training']['eval_pairs']} for "
        f"validation); the sealed held-out split evaluated here has {ch['n_items']} tasks ({strata}).\n\n"
        f"**Judge track.** Each item is a brief plus one agent draft with a gold decision from construction (the "
        f"violation its author put in, or none; SUPPRESS, ESCALATE, BLOCK, PENALISE, PASS). Training uses {j['training']['train_pairs']} pairs "
        f"({j['training']['eval_pairs']} for validation); the held-out split evaluated here has {jh['n_items']} "
        f"items ({probes}); gold decisions: "
        + ", ".join(f"{label} {jh['gold_counts'][label]}" for label in jh["labels"]) + ".\n\n"
        "Splits are grouped by generator template, the held-out files are sealed by SHA-256 and verified before "
        "every evaluation, and held-out inputs are checked for n-gram and embedding overlap with training data."
    )
    methods = (
        f"The critic is a LoRA adapter on `{c['provenance']['backbone']}` trained with SimPO; at inference the base "
        f"model (adapter off) samples k candidates and the adapter's length-normalised log-probability ranks them "
        f"(`critic_rs`; `critic_rs_diverse` samples across temperatures and prompts). Baselines: the base model "
        f"greedy (`baseline`) and with a condensed style guide in the system prompt (`promptaug`). The judge is a "
        f"LoRA adapter on `{j['provenance']['backbone']}` trained with ORPO and classifies by label likelihood; "
        "it is compared with `always_pass`, the published 7 rules (`rules_v1`), the rubric-v2 rule engine "
        "(`rules`), a bag-of-words classifier fitted on train (`bow`, the wording shortcut) and the base model "
        "zero-shot.\n\n"
        f"Statistics (unit: the held-out item): paired bootstrap for critic deltas (B = {stats_['bootstrap_samples']}, "
        f"seed {stats_['bootstrap_seed']}, 95 % percentile CI, one-sided p, wins/losses/ties), Wilson intervals for "
        f"accuracies, exact McNemar between judges. Deploy rules: critic — {c['recommendation']['rule']}; judge — "
        f"{j['recommendation']['rule']}."
    )
    results = "\n".join([
        "### Critic\n", tables["critic_headline"], tables["critic_heldout"], tables["critic_deltas"],
        _figure("critic_pareto"), tables["critic_pareto"], _figure("critic_strata"), tables["critic_strata"],
        _figure("loss_critic"), _figure("reward_critic"),
        "### Judge\n", tables["judge_headline"], tables["judge_summary"], _figure("judge_per_probe"),
        tables["judge_per_probe"], _figure("judge_confusion"), tables["judge_mcnemar"],
        _figure("loss_judge"), _figure("reward_judge"),
    ])
    limitations = ("**Critic.**\n\n" + _limitations(numbers, "critic") + "\n**Judge.**\n\n"
                   + _limitations(numbers, "judge"))
    lines = [
        "# Tenacious-Bench: a sales-outreach benchmark with a SimPO critic and an ORPO judge\n",
        f"Critic: {_provenance_line(numbers, 'critic')}  \nJudge: {_provenance_line(numbers, 'judge')}\n",
        ("_Every number in this draft is rendered from `numbers.json`; the tables are in `tables/`, the model "
         "cards in `model_cards/`._\n"),
        _section("Abstract", abstract), _section("1. Benchmark", bench), _section("2. Methods", methods),
        _section("3. Results", results), _section("4. Limitations", limitations),
        _section("Compute", f"Critic: {_compute_line(numbers, 'critic')}\nJudge: {_compute_line(numbers, 'judge')}"),
        _section("Reproduce", f"`python -m tenacious.pipeline --profile {numbers['profile']}` (or `./run_all.sh`).\n"),
    ]
    return "\n".join(lines)


def write_paper(src: Sources) -> Path:
    """paper.md under the profile's paper folder, from numbers.json."""
    atomic_write_text(src.paper_path, render_paper(load_numbers(src)))
    return src.paper_path

