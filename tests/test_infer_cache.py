"""Shared-prompt scoring works whatever cache form the model returns: a `Cache`, legacy tuples (as unsloth's
fast Qwen forwards return) or nothing reusable (the prompt is then recomputed per row)."""

import pytest
import torch
from transformers import DynamicCache

from tenacious import backbones
from tenacious.backbones import TINY, load_backbone
from tenacious.infer import (
    classify_by_likelihood,
    continuation_logprobs,
    encode_completion,
    encode_prompt,
    generate,
    generate_from_one_prompt,
    judge_label_scorer,
    repeat_cache,
)


class TupleCacheModel(torch.nn.Module):
    """Wraps a transformers model the way unsloth behaves: takes tuples or a Cache, returns tuples."""

    def __init__(self, inner, drop_cache: bool = False):
        super().__init__()
        self.inner, self.drop_cache = inner, drop_cache

    def forward(self, input_ids, attention_mask=None, past_key_values=None, position_ids=None, use_cache=None,
                logits_to_keep=0):  # unsloth's fast forwards take logits_to_keep too
        if isinstance(past_key_values, tuple):
            cache = DynamicCache()
            for i, (key, value) in enumerate(past_key_values):
                cache.update(key, value, i)
            past_key_values = cache
        out = self.inner(input_ids=input_ids, attention_mask=attention_mask, past_key_values=past_key_values,
                         position_ids=position_ids, use_cache=use_cache, logits_to_keep=logits_to_keep)
        if out.past_key_values is not None:
            legacy = tuple((layer.keys, layer.values) for layer in out.past_key_values.layers)
            out.past_key_values = None if self.drop_cache else legacy
        return out


def _full_sequence_reference(model, prompt, continuations):
    """Each continuation scored as its own full sequence, no cache: the ground truth."""
    out = []
    with torch.no_grad():
        for c in continuations:
            logits = model(input_ids=torch.tensor([prompt + c])).logits[0, len(prompt) - 1:-1]
            out.append(torch.log_softmax(logits.float(), -1).gather(-1, torch.tensor(c)[:, None])[:, 0].tolist())
    return out


def _check_all_cache_forms(bb):
    prompt = encode_prompt(bb.tokenizer, [{"role": "user", "content": "Write a two-line cold email to Ana."}])
    conts = [encode_completion(bb.tokenizer, t) for t in ("Subject: Hi\n\nHello Ana.", "No.", "Subject: x")]
    want = _full_sequence_reference(bb.model, prompt, conts)
    for model in (bb.model, TupleCacheModel(bb.model), TupleCacheModel(bb.model, drop_cache=True)):
        got = continuation_logprobs(model, prompt, conts)
        assert [len(g) for g in got] == [len(c) for c in conts]
        for g, w in zip(got, want, strict=True):
            assert g == pytest.approx(w, abs=2e-4)


def test_tiny_scores_the_same_with_cache_objects_tuples_and_no_cache():
    _check_all_cache_forms(load_backbone(TINY, device="cpu", seed=0))


@pytest.mark.slow
def test_smollm2_scores_the_same_with_cache_objects_tuples_and_no_cache():
    _check_all_cache_forms(load_backbone(backbones.SMOLLM2, device="cpu"))


def test_judge_labels_under_a_tuple_cache_model_match_the_plain_model():
    bb = load_backbone(TINY, device="cpu", seed=1)
    prompt = encode_prompt(bb.tokenizer, [{"role": "user", "content": "Decide: DECISION, RULE, RATIONALE."}])
    plain = classify_by_likelihood(judge_label_scorer(bb.model, bb.tokenizer, prompt))
    legacy = classify_by_likelihood(judge_label_scorer(TupleCacheModel(bb.model), bb.tokenizer, prompt))
    assert plain[0] == legacy[0]
    assert list(legacy[1].values()) == pytest.approx(list(plain[1].values()), abs=1e-3)


def test_repeat_cache_repeats_tuples_on_the_batch_axis_and_refuses_unknown_forms():
    key = torch.arange(6.0).reshape(1, 1, 3, 2)
    legacy = ((key, key + 1), (key + 2, key + 3))
    out = repeat_cache(legacy, 3)
    assert len(out) == 2 and out[1][1].shape == (3, 1, 3, 2)
    assert torch.equal(out[1][1][2], key[0] + 3)
    assert repeat_cache(None, 3) is None and repeat_cache((), 3) is None


def test_sampling_k_rows_of_one_prompt_prefills_it_once_and_changes_nothing():
    """generate_from_one_prompt (one prefill, cache repeated) gives the k rows plain generate gives."""
    backbone = load_backbone(TINY, device="cpu", seed=0)
    model, tok = backbone.model.eval(), backbone.tokenizer
    prompt = encode_prompt(tok, [{"role": "user", "content": "Write one short line about engineering teams."}])
    calls = []
    hook = model.register_forward_pre_hook(lambda m, args, kwargs: calls.append(kwargs["input_ids"].shape),
                                           with_kwargs=True)
    try:
        shared = generate_from_one_prompt(model, tok, prompt, temperatures=[0.0, 0.0, 0.0], max_new_tokens=6, seed=3)
    finally:
        hook.remove()
    plain = generate(model, tok, [prompt] * 3, temperatures=None, max_new_tokens=6, seed=3)
    assert shared.texts == plain.texts and shared.new_tokens == plain.new_tokens
    assert calls[0] == (1, len(prompt) - 1)  # the one prefill
    assert all(shape[1] <= 1 for shape in calls[1:]), "generate re-ran the prompt"
