"""Inference: batched generation, shared-prompt continuation scoring, critic ranking, judge labels.

The prompt token ids are built exactly as TRL's CPO/ORPO trainers build them (chat template
rendered by `tenacious.bench.prompts.render_prompt`, tokenized without special tokens, BOS prepended when
the tokenizer has one and the text does not start with it), so an adapter is scored on the same
ids it was trained on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tenacious.bench.prompts import JUDGE_LABELS, render_prompt


def encode_prompt(tokenizer: Any, messages: list[dict]) -> list[int]:
    """Prompt token ids, identical to the ids the TRL trainers feed the model during training."""
    ids = tokenizer(render_prompt(tokenizer, messages), add_special_tokens=False)["input_ids"]
    bos = tokenizer.bos_token_id
    if bos is not None and (not ids or ids[0] != bos):
        ids = [bos, *ids]
    return ids


def encode_completion(tokenizer: Any, text: str, add_eos: bool = True) -> list[int]:
    """Completion ids as the trainers append them: the text, then EOS."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if add_eos and (not ids or ids[-1] != tokenizer.eos_token_id):
        ids = [*ids, tokenizer.eos_token_id]
    return ids


def _per_row_temperature(temperatures: Sequence[float]):
    """A logits processor dividing each row by its own temperature: one generate call, mixed T."""
    import torch
    from transformers import LogitsProcessor

    class PerRowTemperature(LogitsProcessor):
        def __init__(self):
            self.t = torch.tensor([max(float(t), 1e-4) for t in temperatures])

        def __call__(self, input_ids, scores):
            return scores / self.t.to(scores.device, scores.dtype)[:, None]

    return PerRowTemperature()


@dataclass
class Generation:
    texts: list[str]
    new_tokens: list[int]
    seconds: float


def generate(model: Any, tokenizer: Any, prompts: Sequence[list[int]], *, temperatures: Sequence[float] | None,
             max_new_tokens: int, seed: int, past_key_values: Any = None) -> Generation:
    """One batched generate call over `prompts` (left-padded). `temperatures=None` is greedy;
    otherwise row i samples at temperatures[i] (T == 0 rows become effectively greedy).
    `past_key_values` is a cache of the rows' common prefix (see `generate_from_one_prompt`)."""
    import torch
    from transformers import LogitsProcessorList

    width = max(len(p) for p in prompts)
    pad = tokenizer.pad_token_id
    input_ids = torch.tensor([[pad] * (width - len(p)) + list(p) for p in prompts])
    attention = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    device = next(model.parameters()).device
    kwargs: dict = {"max_new_tokens": max_new_tokens, "pad_token_id": pad,
                    "eos_token_id": tokenizer.eos_token_id}
    if past_key_values is not None:
        kwargs["past_key_values"] = past_key_values
    if temperatures is None:
        kwargs["do_sample"] = False
    else:
        kwargs.update(do_sample=True, temperature=1.0, top_k=0, top_p=1.0,
                      logits_processor=LogitsProcessorList([_per_row_temperature(temperatures)]))
    start = time.perf_counter()
    with torch.no_grad(), torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        out = model.generate(input_ids=input_ids.to(device), attention_mask=attention.to(device), **kwargs)
    seconds = time.perf_counter() - start
    texts, counts = [], []
    for row in out[:, width:].tolist():
        if tokenizer.eos_token_id in row:
            row = row[: row.index(tokenizer.eos_token_id) + 1]
        row = [t for t in row if t != pad]
        counts.append(len(row))
        texts.append(tokenizer.decode(row, skip_special_tokens=True).strip())
    return Generation(texts=texts, new_tokens=counts, seconds=seconds)


def generate_from_one_prompt(model: Any, tokenizer: Any, prompt: list[int], *, temperatures: Sequence[float],
                             max_new_tokens: int, seed: int) -> Generation:
    """len(temperatures) samples of one prompt with its prefill run once, not once per row.

    The prompt's cache (all but its last token, which generate feeds itself) is repeated for the rows;
    on 2 CPU cores this saves ~17 % of a critic_rs task (benchmarks/results/decode_speed.json). Where the
    model returns no reusable cache, generate prefills the k rows itself, as before.
    """
    import torch

    k = len(temperatures)
    start = time.perf_counter()
    with torch.no_grad():
        head = model(input_ids=torch.tensor([prompt[:-1]], device=next(model.parameters()).device), use_cache=True,
                     logits_to_keep=1)
    cache = repeat_cache(head.past_key_values, k)
    prefill = time.perf_counter() - start
    gen = generate(model, tokenizer, [prompt] * k, temperatures=temperatures, max_new_tokens=max_new_tokens,
                   seed=seed, past_key_values=cache)
    return Generation(texts=gen.texts, new_tokens=gen.new_tokens, seconds=gen.seconds + prefill)


def repeat_cache(cache: Any, k: int) -> Any:
    """The prompt's KV cache repeated for k rows, in the form the model returned it, or None.

    transformers returns a `Cache` object (repeated in place); unsloth's fast Qwen2/Qwen3 forwards
    return legacy tuples, one `(key, value)` pair per layer (each tensor repeated on the batch axis).
    None means the cache cannot be reused and the caller recomputes the prompt for every row.
    """
    if hasattr(cache, "batch_repeat_interleave"):
        cache.batch_repeat_interleave(k)
        return cache
    if isinstance(cache, (tuple, list)) and cache and all(isinstance(layer, (tuple, list)) for layer in cache):
        return tuple(tuple(t.repeat_interleave(k, dim=0) for t in layer) for layer in cache)
    return None


def _full_sequence_logits(model: Any, prompt: list[int], continuations: Sequence[list[int]], width: int, device):
    """Logits predicting each continuation token, prompt recomputed per row (no reusable cache)."""
    import torch

    rows = torch.tensor([list(prompt) + list(c) + [0] * (width - len(c)) for c in continuations], device=device)
    mask = torch.tensor([[1] * (len(prompt) + len(c)) + [0] * (width - len(c)) for c in continuations],
                        device=device)
    return model(input_ids=rows, attention_mask=mask, use_cache=False).logits[:, len(prompt) - 1:-1, :]


def continuation_logprobs(model: Any, prompt: list[int], continuations: Sequence[list[int]]) -> list[list[float]]:
    """Per-token log-probs of each continuation after one shared prompt, in one scoring pass.

    The prompt is run once and its KV cache is repeated for every continuation, so scoring k
    candidates (or five labels) costs one prompt plus k short continuations, not k full sequences.
    Works with `Cache` objects and legacy tuple caches alike (see `repeat_cache`).
    """
    import torch

    device = next(model.parameters()).device
    k = len(continuations)
    width = max(len(c) for c in continuations)
    cont = torch.tensor([list(c) + [0] * (width - len(c)) for c in continuations], device=device)
    with torch.no_grad():
        # only the prompt's last logit is read: vocabulary logits at every prompt position cost ~1/4 of the pass
        head = model(input_ids=torch.tensor([prompt], device=device), use_cache=True, logits_to_keep=1)
        cache = repeat_cache(head.past_key_values, k)
        if cache is None:
            logits = _full_sequence_logits(model, prompt, continuations, width, device)
        else:
            mask = torch.tensor([[1] * (len(prompt) + len(c)) + [0] * (width - len(c)) for c in continuations],
                                device=device)
            positions = torch.arange(len(prompt), len(prompt) + width, device=device).expand(k, width)
            tail = model(input_ids=cont, attention_mask=mask, past_key_values=cache, position_ids=positions)
            logits = torch.cat([head.logits[:, -1:, :].expand(k, 1, -1), tail.logits[:, :-1, :]], dim=1)
        logp = torch.log_softmax(logits.float(), dim=-1).gather(-1, cont[..., None])[..., 0]
    return [logp[i, : len(c)].tolist() for i, c in enumerate(continuations)]


def simpo_scores(token_logprobs: Sequence[Sequence[float]], beta: float) -> list[float]:
    """SimPO's implicit reward: beta x length-normalised log-probability."""
    return [beta * sum(lp) / len(lp) for lp in token_logprobs]


def classify_by_likelihood(score_labels: Callable[[Sequence[str]], Sequence[float]],
                           labels: Sequence[str] = JUDGE_LABELS) -> tuple[str, dict[str, float]]:
    """Argmax over the labels' summed log-probs (ties go to the earlier, more cautious label)."""
    scores = [float(s) for s in score_labels(labels)]
    best = max(range(len(labels)), key=lambda i: (scores[i], -i))
    return labels[best], dict(zip(labels, scores, strict=True))


def judge_label_texts(labels: Sequence[str] = JUDGE_LABELS) -> list[str]:
    """The completion prefix scored for each label; the trained completion starts with it."""
    return [f"DECISION: {label}\n" for label in labels]


def judge_label_scorer(model: Any, tokenizer: Any, prompt: list[int]) -> Callable[[Sequence[str]], list[float]]:
    """A `score_labels` function for one prompt: summed log-prob of each label's completion prefix."""
    def score(labels: Sequence[str]) -> list[float]:
        conts = [encode_completion(tokenizer, t, add_eos=False) for t in judge_label_texts(labels)]
        return [sum(lp) for lp in continuation_logprobs(model, prompt, conts)]

    return score


def parse_decision(text: str) -> str | None:
    """The label of a generated `DECISION: <LABEL>` line (generate-then-parse), or None."""
    for line in text.splitlines():
        if line.strip().upper().startswith("DECISION:"):
            word = line.split(":", 1)[1].strip().upper()
            return next((label for label in JUDGE_LABELS if word.startswith(label)), None)
    return None
