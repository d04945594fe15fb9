"""Inference cost on the `cpu` profile backbone, side by side on the same held-out items.

1. Critic: wall time of `critic_rs` (k candidates in one batched generate call + one shared-prompt
   scoring pass) over `baseline` (one greedy generation), per task, with the same max_new_tokens.
   Also shared-prompt scoring versus scoring each candidate as a full sequence.
2. Judge: label-likelihood classification (one prompt pass + five label continuations) versus
   generate-then-parse (greedy decode of the `DECISION:` line), speed and agreement.

Uses the trained adapters when `runs/<profile>/<track>/seed<N>/adapter` exists, else a fresh LoRA
(cost does not depend on the adapter's values; the JSON says which). Writes
benchmarks/results/inference_cost.json.

    .venv/bin/python benchmarks/inference_cost.py [--profile cpu] [--tasks 6] [--items 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from tenacious import paths
from tenacious.ablate import rank_candidates
from tenacious.backbones import adapter_disabled, attach_lora, load_backbone
from tenacious.bench.load import load_critic_tasks, load_judge_items
from tenacious.bench.prompts import critic_messages, judge_messages
from tenacious.infer import (
    classify_by_likelihood,
    encode_completion,
    encode_prompt,
    generate,
    judge_label_scorer,
    parse_decision,
)
from tenacious.io import write_json
from tenacious.profiles import load_profile

RESULT = paths.BENCHMARKS_DIR / "results" / "inference_cost.json"


def _with_adapter(profile, track: str):
    from peft import PeftModel

    seed = profile.train[track].seeds[0]
    backbone = load_backbone(profile.backbones[track], device="cpu", seed=seed)
    adapter = paths.train_run_dir(profile.name, track, seed) / "adapter"
    if (adapter / "adapter_config.json").is_file():
        backbone.model = PeftModel.from_pretrained(backbone.model, str(adapter))
        source = str(adapter.relative_to(paths.REPO_ROOT))
    else:
        cfg = profile.train[track]
        backbone.model = attach_lora(backbone, cfg.lora_r, cfg.lora_alpha, cfg.lora_dropout, seed=seed)
        source = "fresh LoRA (no trained adapter found)"
    backbone.model.eval()
    return backbone, source


def _naive_scores(model, prompt: list[int], conts: list[list[int]]) -> float:
    """Time scoring every candidate as its own full sequence (the shared-prompt path's baseline)."""
    start = time.perf_counter()
    with torch.no_grad():
        for c in conts:
            model(input_ids=torch.tensor([prompt + c]))
    return time.perf_counter() - start


def critic_costs(profile, n_tasks: int) -> dict:
    backbone, source = _with_adapter(profile, "critic")
    a, tok = profile.ablate, backbone.tokenizer
    rows = []
    for task in load_critic_tasks("heldout")[:n_tasks]:
        prompt = encode_prompt(tok, critic_messages(task, "neutral"))
        with adapter_disabled(backbone.model):
            base = generate(backbone.model, tok, [prompt], temperatures=None, max_new_tokens=a.max_new_tokens, seed=0)
            cands = generate(backbone.model, tok, [prompt] * a.k, temperatures=[a.temperature] * a.k,
                             max_new_tokens=a.max_new_tokens, seed=0)
        start = time.perf_counter()
        rank_candidates(backbone, task, cands.texts, profile.train.critic.beta)
        shared = time.perf_counter() - start
        naive = _naive_scores(backbone.model, prompt, [encode_completion(tok, c) for c in cands.texts])
        rows.append({"task_id": task["task_id"], "prompt_tokens": len(prompt),
                     "baseline_seconds": base.seconds, "baseline_new_tokens": base.new_tokens[0],
                     "rs_generate_seconds": cands.seconds, "rs_new_tokens": sum(cands.new_tokens),
                     "rs_score_seconds": shared, "naive_score_seconds": naive,
                     "ratio": (cands.seconds + shared) / base.seconds})
        print(f"  {task['task_id']}: baseline {base.seconds:.1f} s, critic_rs {cands.seconds + shared:.1f} s "
              f"(ratio x{rows[-1]['ratio']:.2f}); scoring shared {shared:.2f} s vs naive {naive:.2f} s", flush=True)
    ratios = [r["ratio"] for r in rows]
    return {"adapter": source, "k": a.k, "max_new_tokens": a.max_new_tokens, "tasks": rows,
            "ratio_median": statistics.median(ratios), "ratio_mean": statistics.fmean(ratios),
            "ratio_min": min(ratios), "ratio_max": max(ratios),
            "shared_vs_naive_scoring_speedup": sum(r["naive_score_seconds"] for r in rows)
            / sum(r["rs_score_seconds"] for r in rows)}


def judge_costs(profile, n_items: int) -> dict:
    backbone, source = _with_adapter(profile, "judge")
    tok = backbone.tokenizer
    rows = []
    for item in load_judge_items("heldout")[:n_items]:
        prompt = encode_prompt(tok, judge_messages(item))
        start = time.perf_counter()
        by_likelihood, _ = classify_by_likelihood(judge_label_scorer(backbone.model, tok, prompt))
        t_likelihood = time.perf_counter() - start
        gen = generate(backbone.model, tok, [prompt], temperatures=None, max_new_tokens=12, seed=0)
        parsed = parse_decision(gen.texts[0])
        rows.append({"item_id": item["item_id"], "likelihood_label": by_likelihood, "generated_label": parsed,
                     "likelihood_seconds": t_likelihood, "generate_seconds": gen.seconds})
    agree = sum(r["likelihood_label"] == r["generated_label"] for r in rows)
    parsed_ok = sum(r["generated_label"] is not None for r in rows)
    t_like = sum(r["likelihood_seconds"] for r in rows)
    t_gen = sum(r["generate_seconds"] for r in rows)
    print(f"  judge: likelihood {t_like:.1f} s vs generate-then-parse {t_gen:.1f} s over {len(rows)} items; "
          f"agreement {agree}/{len(rows)}; parseable generations {parsed_ok}/{len(rows)}")
    return {"adapter": source, "items": rows, "likelihood_seconds_total": t_like, "generate_seconds_total": t_gen,
            "speedup": t_gen / t_like, "agreement": agree / len(rows), "parseable_generations": parsed_ok / len(rows)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--tasks", type=int, default=6)
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args()
    profile = load_profile(args.profile)
    print(f"critic: {args.tasks} held-out tasks, k={profile.ablate.k}", flush=True)
    critic = critic_costs(profile, args.tasks)
    print(f"critic_rs / baseline wall-time ratio: median x{critic['ratio_median']:.2f} "
          f"(range x{critic['ratio_min']:.2f}-x{critic['ratio_max']:.2f}); shared-prompt scoring "
          f"x{critic['shared_vs_naive_scoring_speedup']:.2f} faster than naive")
    print(f"judge: {args.items} held-out items", flush=True)
    judge = judge_costs(profile, args.items)
    write_json(RESULT, {"profile": args.profile, "torch_threads": torch.get_num_threads(),
                        "critic": critic, "judge": judge})
    print(f"wrote {RESULT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
