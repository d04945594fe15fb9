"""What the critic's fixed-pool rankings and its base-ranked control cost on a profile's backbone (issue 21 budget).

A shared-prompt scoring pass (`infer.continuation_logprobs`) runs the prompt once and the n continuations as one
padded batch, so its cost follows its token rows: prompt + n x the longest continuation. This counts the token
rows of every fixed pool and of `base_ranked_of_k` on every held-out task (the prompt and k candidates of
max_new_tokens + EOS: critic_rs's candidates mostly hit the cap), and estimates their seconds two ways: from the
quiet-machine seconds per token row of critic_rs's own scoring pass (benchmarks/results/inference_cost.json),
and, with `--pools N > 0`, from timing `ablate.rank_pools` for the model rankers (critic: adapter on; base:
adapter off) on the first N pools here and now (the JSON records the load average: on a shared machine the
timing is an upper bound). Uses the trained critic adapter where `runs/<profile>/critic/seed<N>/adapter` exists,
else a fresh LoRA (the cost does not depend on its values). Writes
benchmarks/results/critic_ranking_cost_<profile>.json.

    .venv/bin/python benchmarks/critic_ranking_cost.py [--profile cpu] [--pools 0]
"""

from __future__ import annotations

import argparse
import os
import statistics

from tenacious import ablate, experiment, paths
from tenacious.backbones import attach_lora, load_backbone, load_tokenizer
from tenacious.bench.load import load_critic_heldout_pairs, load_critic_tasks
from tenacious.bench.pools import fixed_pools
from tenacious.bench.prompts import trained_messages
from tenacious.infer import encode_completion, encode_prompt
from tenacious.io import read_json, write_json
from tenacious.profiles import load_profile
from tenacious.provenance import stamp


def _backbone(profile):
    seed = profile.train.critic.seeds[0]
    adapter = paths.train_run_dir(profile.name, "critic", seed) / "adapter"
    if (adapter / "adapter_config.json").is_file():
        return ablate._load_with_adapter(profile, "critic", seed), str(adapter.relative_to(paths.REPO_ROOT))
    backbone = load_backbone(profile.backbones.critic, device="cpu", seed=seed)
    cfg = profile.train.critic
    backbone.model = attach_lora(backbone, cfg.lora_r, cfg.lora_alpha, cfg.lora_dropout, seed=seed)
    backbone.model.eval()
    return backbone, "fresh LoRA (no trained adapter found)"


def _reference_seconds_per_row() -> float:
    """Seconds per token row of critic_rs's scoring pass on the quiet machine (inference_cost.json, mean of tasks)."""
    critic = read_json(paths.BENCHMARKS_DIR / "results" / "inference_cost.json")["critic"]
    rows = [t["rs_score_seconds"] / (t["prompt_tokens"] + critic["k"] * critic["max_new_tokens"])
            for t in critic["tasks"]]
    return statistics.mean(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--pools", type=int, default=0, help="pools to time here (0: token counts only)")
    args = parser.parse_args()
    profile = load_profile(args.profile)
    tok, fmt, a = load_tokenizer(profile.backbones.critic), profile.prompt_format, profile.ablate
    pools = fixed_pools(load_critic_heldout_pairs())

    def prompt_tokens(task: dict) -> int:
        return len(encode_prompt(tok, trained_messages("critic", task, fmt)))

    pool_rows = [prompt_tokens(p["task"]) + len(p["emails"]) * max(len(encode_completion(tok, e)) for e in p["emails"])
                 for p in pools]
    task_rows = [prompt_tokens(t) + a.k * (a.max_new_tokens + 1) for t in load_critic_tasks("heldout")]
    per_row = _reference_seconds_per_row()
    result = {
        "profile": profile.name, "pools": len(pools), "token_rows_per_pool": statistics.mean(pool_rows),
        "token_rows_per_task_base_ranked_of_k": statistics.mean(task_rows),
        "reference_seconds_per_token_row": per_row,
        "estimate_seconds_per_pool_per_model_ranker": per_row * statistics.mean(pool_rows),
        "estimate_seconds_all_pools_both_model_rankers": 2 * per_row * sum(pool_rows),
        "estimate_seconds_per_task_base_ranked_of_k": per_row * statistics.mean(task_rows),
        "provenance": stamp(profile.name, profile.backbones.critic, list(profile.train.critic.seeds)),
    }
    if args.pools:
        backbone, source = _backbone(profile)
        timed = pools[:args.pools]
        seconds = {r.name: statistics.mean(row["wall_seconds"] for row in ablate.rank_pools(
            backbone, timed, r, 0, profile.train.critic.beta, fmt)) for r in experiment.RANKERS
            if r.producer == "likelihood"}
        result["timed_here"] = {"adapter": source, "pools": len(timed), "load_average": os.getloadavg(),
                                "seconds_per_pool": seconds,
                                "seconds_per_token_row": {r: v * len(timed) / sum(pool_rows[:len(timed)])
                                                          for r, v in seconds.items()}}
    write_json(paths.BENCHMARKS_DIR / "results" / f"critic_ranking_cost_{profile.name}.json", result)


if __name__ == "__main__":
    main()
