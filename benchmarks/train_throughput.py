"""Training throughput on the `cpu` profile backbone: both trainers, fp32 vs bf16 autocast, side by side.

Each (trainer, precision) runs in its own subprocess (clean peak RSS) for the same optimiser steps on
the same data and seed, with the profile's batch (2 x grad-accum). Prints a table and writes
benchmarks/results/train_throughput.json: seconds per optimiser step, tokens per second, peak RSS,
and the per-step losses of both precisions with their largest gap, so the bf16 decision can be read
off the numbers.

    .venv/bin/python benchmarks/train_throughput.py [--profile cpu] [--steps 4]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from tenacious import paths
from tenacious.io import write_json

RESULT = paths.BENCHMARKS_DIR / "results" / "train_throughput.json"
# A bf16 run is skipped when bf16 matmuls are this many times slower than fp32 on this CPU:
# the training steps would take hours and the decision is already made by the kernel timing.
BF16_HOPELESS = 5.0


def matmul_gflops(dtype_name: str, size: tuple[int, int, int] = (768, 576, 1536), repeats: int = 10) -> float:
    """Sustained GFLOP/s of one transformer-sized matmul in a dtype (the step's dominant kernel)."""
    import torch

    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}[dtype_name]
    m, k, n = size
    a, b = torch.randn(m, k, dtype=dtype), torch.randn(k, n, dtype=dtype)
    a @ b
    start = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * m * k * n * repeats / (time.perf_counter() - start) / 1e9


def one_config(profile_name: str, track: str, precision: str, steps: int) -> dict:
    """Train `steps` optimiser steps in this process and measure them."""
    import torch

    from tenacious.backbones import load_backbone
    from tenacious.profiles import load_profile
    from tenacious.train import build_trainer

    profile = load_profile(profile_name)
    cfg = dict(profile.train[track])
    cfg.update(max_steps=steps, precision=precision, eval_steps=10_000, save_steps=10_000, logging_steps=1,
               warmup_ratio=0.0)
    seed = cfg["seeds"][0]
    backbone = load_backbone(profile.backbones[track], device="cpu", seed=seed)
    out = paths.runs_dir("bench") / f"{track}_{precision}"
    trainer = build_trainer(profile, track, seed, backbone, out, cfg)
    ds = trainer.train_dataset
    per_pair = [len(p) + len(c) + len(r) for p, c, r in
                zip(ds["prompt_input_ids"], ds["chosen_input_ids"], ds["rejected_input_ids"], strict=True)]
    pairs_per_step = cfg["per_device_batch"] * cfg["grad_accum"]
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    losses = [r["loss"] for r in trainer.state.log_history if "loss" in r]
    tokens = sum(per_pair) / len(per_pair) * pairs_per_step * steps
    return {"track": track, "precision": precision, "steps": steps, "seconds_per_step": seconds / steps,
            "tokens_per_second": tokens / seconds, "mean_tokens_per_pair": sum(per_pair) / len(per_pair),
            "losses": losses, "torch_threads": torch.get_num_threads(),
            "peak_rss_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--one", nargs=2, metavar=("TRACK", "PRECISION"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print("RESULT " + json.dumps(one_config(args.profile, args.one[0], args.one[1], args.steps)))
        return 0
    kernels = {p: matmul_gflops(p) for p in ("fp32", "bf16")}
    print(f"matmul GFLOP/s: fp32 {kernels['fp32']:.1f}, bf16 {kernels['bf16']:.1f}", flush=True)
    precisions = ["fp32"]
    if kernels["fp32"] / kernels["bf16"] < BF16_HOPELESS:
        precisions.append("bf16")
    else:
        print(f"bf16 is {kernels['fp32'] / kernels['bf16']:.0f}x slower per matmul: bf16 training runs skipped")
    rows = []
    for track in ("critic", "judge"):
        for precision in precisions:
            print(f"running {track} {precision} for {args.steps} steps ...", flush=True)
            proc = subprocess.run([sys.executable, __file__, "--profile", args.profile, "--steps", str(args.steps),
                                   "--one", track, precision], capture_output=True, text=True, check=False)
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if proc.returncode != 0 or line is None:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            rows.append(json.loads(line[len("RESULT "):]))
    comparison = {}
    for track in ("critic", "judge") if "bf16" in precisions else ():
        fp32, bf16 = (next(r for r in rows if r["track"] == track and r["precision"] == p) for p in ("fp32", "bf16"))
        gaps = [abs(a - b) for a, b in zip(fp32["losses"], bf16["losses"], strict=False)]
        step_noise = [abs(a - b) for a, b in zip(fp32["losses"], fp32["losses"][1:], strict=False)]
        comparison[track] = {
            "bf16_speedup": fp32["seconds_per_step"] / bf16["seconds_per_step"],
            "max_loss_gap": max(gaps) if gaps else None,
            "fp32_step_to_step_loss_change": max(step_noise) if step_noise else None,
        }
    print(f"\n{'track':<7} {'precision':<9} {'s/step':>8} {'tok/s':>8} {'peak RSS GiB':>13}")
    for r in rows:
        print(f"{r['track']:<7} {r['precision']:<9} {r['seconds_per_step']:>8.1f} {r['tokens_per_second']:>8.1f} "
              f"{r['peak_rss_gib']:>13.2f}")
    for track, c in comparison.items():
        print(f"{track}: bf16 speed-up x{c['bf16_speedup']:.2f}, max |loss fp32 - bf16| = {c['max_loss_gap']:.4f} "
              f"(fp32 step-to-step change up to {c['fp32_step_to_step_loss_change']:.4f})")
    decision = ("bf16" if comparison and all(c["bf16_speedup"] > 1 and c["max_loss_gap"] <= c["fp32_step_to_step_loss_change"]
                                            for c in comparison.values()) else "fp32")
    print(f"cpu profile precision: {decision}")
    write_json(RESULT, {"profile": args.profile, "steps": args.steps, "matmul_gflops": kernels, "runs": rows,
                        "comparison": comparison, "decision": decision})
    print(f"wrote {RESULT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
