"""One forward pass per preference pair that shares the prompt between chosen and rejected.

TRL's CPO/ORPO trainers run prompt + chosen and prompt + rejected as two full sequences and compute
vocabulary logits at every position. Here the prompt (85-94 % of a sequence) runs once with its KV
cache, both completions continue from that cache, and logits are taken for completion tokens only.
On 2 CPU cores this roughly halves a judge step; gradients flow through the cache into the prompt's
LoRA weights, so the objective is unchanged (tests compare it with TRL's own forward).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tenacious.infer import repeat_cache

LABEL_PAD = -100  # TRL's label padding value


class PairForward(NamedTuple):
    """What TRL's `concatenated_forward` returns, computed on completion tokens only."""

    chosen_logps: Any  # (B,) mean (or summed) log-prob of each chosen completion
    rejected_logps: Any
    chosen_logits: Any  # (tokens, vocab): completion positions only (TRL logs their mean)
    rejected_logits: Any
    chosen_nll: Any  # token-mean NLL of the chosen completions (ORPO's SFT term, completion only)


def split_row(input_ids: Any, attention_mask: Any, labels: Any) -> tuple[list[int], list[int]] | None:
    """(prompt ids, completion ids) of one right-padded TRL row, or None if the row has another shape."""
    n = int(attention_mask.sum())
    if n == 0 or not bool(attention_mask[:n].all()):
        return None
    ids, lab = input_ids[:n].tolist(), labels[:n].tolist()
    start = next((i for i, t in enumerate(lab) if t != LABEL_PAD), None)
    if not start or lab[start:] != ids[start:]:
        return None
    return ids[:start], ids[start:]


def split_batch(batch: dict) -> list[tuple[list[int], list[int], list[int]]] | None:
    """(prompt, chosen, rejected) ids per pair, or None if any pair's two prompts differ."""
    rows = []
    for i in range(batch["chosen_input_ids"].shape[0]):
        chosen = split_row(batch["chosen_input_ids"][i], batch["chosen_attention_mask"][i], batch["chosen_labels"][i])
        rejected = split_row(batch["rejected_input_ids"][i], batch["rejected_attention_mask"][i],
                             batch["rejected_labels"][i])
        if chosen is None or rejected is None or chosen[0] != rejected[0]:
            return None
        rows.append((chosen[0], chosen[1], rejected[1]))
    return rows


def shared_prompt_forward(model: Any, batch: dict, average: bool = True) -> PairForward | None:
    """Log-probs of each pair's completions after one shared prompt pass (None: use TRL's forward).

    `average=True` length-normalises (SimPO, ORPO); False sums (CPO's sigmoid loss). None is returned
    when the batch is not right-padded prompt + completion rows with one prompt per pair, or when the
    model returns no reusable cache (e.g. with gradient checkpointing).
    """
    import torch

    rows = split_batch(batch)
    if rows is None:
        return None
    device = next(model.parameters()).device
    logps: dict[str, list] = {"chosen": [], "rejected": []}
    logits_out: dict[str, list] = {"chosen": [], "rejected": []}
    nll_sum, nll_count = None, 0
    for prompt, chosen, rejected in rows:
        head = model(input_ids=torch.tensor([prompt], device=device), use_cache=True, logits_to_keep=1)
        cache = repeat_cache(head.past_key_values, 2)
        if cache is None:
            return None
        width = max(len(chosen), len(rejected))
        cont = torch.tensor([c + [0] * (width - len(c)) for c in (chosen, rejected)], device=device)
        mask = torch.tensor([[1] * (len(prompt) + len(c)) + [0] * (width - len(c)) for c in (chosen, rejected)],
                            device=device)
        positions = torch.arange(len(prompt), len(prompt) + width, device=device).expand(2, width)
        tail = model(input_ids=cont, attention_mask=mask, past_key_values=cache, position_ids=positions)
        # position t of the completion is predicted by the prompt's last logit (t = 0) or the tail at t - 1
        logits = torch.cat([head.logits[:, -1:, :].expand(2, 1, -1), tail.logits[:, :-1, :]], dim=1).float()
        token_logp = torch.log_softmax(logits, dim=-1).gather(-1, cont[..., None])[..., 0]
        for j, (side, c) in enumerate((("chosen", chosen), ("rejected", rejected))):
            total = token_logp[j, : len(c)].sum()
            logps[side].append(total / len(c) if average else total)
            logits_out[side].append(logits[j, : len(c)])
        chosen_total = -token_logp[0, : len(chosen)].sum()
        nll_sum = chosen_total if nll_sum is None else nll_sum + chosen_total
        nll_count += len(chosen)
    return PairForward(torch.stack(logps["chosen"]), torch.stack(logps["rejected"]),
                       torch.cat(logits_out["chosen"]), torch.cat(logits_out["rejected"]), nll_sum / nll_count)
