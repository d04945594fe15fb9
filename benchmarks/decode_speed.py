"""Decode speed of the `cpu` profile backbone against this machine's memory-bandwidth bound.

A decode step reads every weight once whatever the batch, so tokens/s per sequence cannot beat
(memory bandwidth / weight bytes); the batch multiplies it. Measured here: the copy bandwidth of a
large tensor, HF `generate` decode tokens/s at batch 1 and 4 (prefill timed apart), and, for one
critic_rs task, the share of its generate call spent prefilling the k identical prompts (what
prefilling each prompt once could save). Writes benchmarks/results/decode_speed.json.

    .venv/bin/python benchmarks/decode_speed.py [--profile cpu] [--new-tokens 64]
"""

from __future__ import annotations

import argparse
import time

import torch

from tenacious import paths
from tenacious.backbones import load_backbone
from tenacious.bench.load import load_critic_tasks
from tenacious.bench.prompts import critic_messages
from tenacious.infer import encode_prompt
from tenacious.io import write_json
from tenacious.profiles import load_profile
from tenacious.provenance import device_info, stamp

RESULT = paths.BENCHMARKS_DIR / "results" / "decode_speed.json"


def copy_bandwidth_gbs(mib: int = 512, repeats: int = 5) -> float:
    """Sustained read + write bandwidth of a tensor copy, in GB/s (bytes read and written both counted)."""
    src = torch.empty(mib * 2**20 // 4, dtype=torch.float32).fill_(1.0)
    dst = torch.empty_like(src)
    dst.copy_(src)
    start = time.perf_counter()
    for _ in range(repeats):
        dst.copy_(src)
    return 2 * src.numel() * 4 * repeats / (time.perf_counter() - start) / 1e9


def timed_generate(model, tok, prompts: list[list[int]], new_tokens: int) -> float:
    """Seconds for one greedy generate call of exactly `new_tokens` per row (EOS cannot end it early)."""
    ids = torch.tensor(prompts)
    start = time.perf_counter()
    with torch.no_grad():
        model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), do_sample=False,
                       max_new_tokens=new_tokens, min_new_tokens=new_tokens, pad_token_id=tok.pad_token_id)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--new-tokens", type=int, default=64)
    args = parser.parse_args()
    profile = load_profile(args.profile)
    backbone = load_backbone(profile.backbones["critic"], device="cpu", seed=0)
    model, tok = backbone.model.eval(), backbone.tokenizer
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    bandwidth = copy_bandwidth_gbs()
    task = load_critic_tasks("heldout")[0]
    prompt = encode_prompt(tok, critic_messages(task))
    rows = []
    for batch in (1, 4):
        prompts = [prompt] * batch
        timed_generate(model, tok, prompts, 2)  # warm-up
        prefill = timed_generate(model, tok, prompts, 1)
        total = timed_generate(model, tok, prompts, args.new_tokens)
        steps_per_s = (args.new_tokens - 1) / max(total - prefill, 1e-9)
        bound_steps = bandwidth * 1e9 / weight_bytes  # each step reads the weights once
        rows.append({"batch": batch, "prompt_tokens": len(prompt), "prefill_seconds": round(prefill, 3),
                     "decode_tokens_per_second": round(batch * steps_per_s, 2),
                     "decode_tokens_per_second_per_thread": round(batch * steps_per_s / torch.get_num_threads(), 2),
                     "bandwidth_bound_tokens_per_second": round(batch * bound_steps, 1),
                     "share_of_bound": round(steps_per_s / bound_steps, 3)})
    k, new = profile.ablate.k, profile.ablate.max_new_tokens
    prefill_k = timed_generate(model, tok, [prompt] * k, 1)
    full_k = timed_generate(model, tok, [prompt] * k, new)
    prefill_1 = timed_generate(model, tok, [prompt], 1)
    critic_rs = {"k": k, "max_new_tokens": new, "generate_seconds": round(full_k, 2),
                 "prefill_k_prompts_seconds": round(prefill_k, 2), "prefill_one_prompt_seconds": round(prefill_1, 2),
                 "saving_if_prefilled_once": round((prefill_k - prefill_1) / full_k, 3)}
    result = {"profile": profile.name, "backbone": backbone.name, "weight_mib": round(weight_bytes / 2**20, 1),
              "copy_bandwidth_gbs": round(bandwidth, 2), "threads": torch.get_num_threads(), "decode": rows,
              "critic_rs_one_task": critic_rs, "device": device_info(), "provenance": stamp(profile.name, backbone.name)}
    write_json(RESULT, result)
    print(f"{backbone.name}: {result['weight_mib']} MiB of weights, copy bandwidth {bandwidth:.1f} GB/s, "
          f"{torch.get_num_threads()} threads")
    print(f"{'batch':>5} {'prefill s':>9} {'decode tok/s':>12} {'bound tok/s':>11} {'of bound':>8}")
    for r in rows:
        print(f"{r['batch']:>5} {r['prefill_seconds']:>9.2f} {r['decode_tokens_per_second']:>12.1f} "
              f"{r['bandwidth_bound_tokens_per_second']:>11.1f} {r['share_of_bound']:>8.1%}")
    print(f"critic_rs, one task: generate {full_k:.1f} s for k={k} x {new} tokens; prefilling the k identical "
          f"prompts {prefill_k:.2f} s vs one {prefill_1:.2f} s -> prefilling once would save "
          f"{critic_rs['saving_if_prefilled_once']:.1%}")
    print(f"wrote {RESULT.relative_to(paths.REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
