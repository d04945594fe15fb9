"""Backbones: the tiny Qwen3 builds deterministically and generates; LoRA lands on every target kind."""

import pytest
import torch

from tenacious import backbones
from tenacious.backbones import LORA_TARGET_MODULES, TINY, attach_lora, load_backbone
from tenacious.infer import encode_prompt


@pytest.fixture(scope="module")
def tiny():
    return load_backbone(TINY, device="cpu", seed=0)


def test_tiny_has_the_documented_shape(tiny):
    cfg = tiny.model.config
    assert (cfg.model_type, cfg.num_hidden_layers, cfg.hidden_size) == ("qwen3", 2, 64)
    assert (cfg.num_attention_heads, cfg.num_key_value_heads) == (4, 2)
    assert cfg.vocab_size == len(tiny.tokenizer)


def test_tiny_is_deterministic_for_a_seed():
    a, b, c = backbones.build_tiny(3), backbones.build_tiny(3), backbones.build_tiny(4)
    sa, sb, sc = a.state_dict(), b.state_dict(), c.state_dict()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)
    assert not all(torch.equal(sa[k], sc[k]) for k in sa)


def test_tiny_generates(tiny):
    out = backbones.generate_once(tiny, "Write a two-line cold email.", max_new_tokens=8)
    assert out["new_tokens"] > 0 and out["tokens_per_second"] > 0


def test_tokenizer_special_tokens_are_fixed(tiny):
    tok = tiny.tokenizer
    assert tok.eos_token == "<|im_end|>" and tok.pad_token == "<|endoftext|>" and tok.padding_side == "left"


def test_chat_prompt_uses_the_template(tiny):
    ids = encode_prompt(tiny.tokenizer, [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}])
    text = tiny.tokenizer.decode(ids)
    assert text.startswith("<|im_start|>system\nS<|im_end|>") and text.endswith("<|im_start|>assistant\n")


def test_lora_lands_on_all_seven_module_kinds():
    bb = load_backbone(TINY, device="cpu", seed=0)
    peft_model = attach_lora(bb, r=16, alpha=32, dropout=0.0)
    wrapped = {name.rsplit(".", 1)[-1] for name, mod in peft_model.named_modules() if hasattr(mod, "lora_A")}
    assert wrapped == set(LORA_TARGET_MODULES)
    trainable = [n for n, p in peft_model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)


def test_lora_on_the_top_layers_only_keeps_no_graph_below_them():
    bb = load_backbone(TINY, device="cpu", seed=0)
    total = bb.model.config.num_hidden_layers
    assert total >= 2 and backbones.top_layers(bb.model, 0) is None and backbones.top_layers(bb.model, total) is None
    peft_model = attach_lora(bb, r=4, alpha=8, dropout=0.0, layers=1)
    adapted = {int(name.split(".layers.")[1].split(".")[0]) for name, mod in peft_model.named_modules()
               if hasattr(mod, "lora_A")}
    assert adapted == {total - 1}
    assert peft_model.peft_config["default"].layers_to_transform == [total - 1]
    # nothing below the top layer needs a gradient, so the forward's graph starts there
    hidden = peft_model(input_ids=torch.tensor([[1, 2, 3]]), output_hidden_states=True).hidden_states
    assert not hidden[total - 1].requires_grad and hidden[total].requires_grad


def test_unknown_backbone():
    with pytest.raises(backbones.BackboneError, match="unknown backbone"):
        load_backbone("no-such-model", device="cpu")


def test_cuda_request_without_cuda_is_refused(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.delenv(backbones.ALLOW_CPU_ENV, raising=False)
    with pytest.raises(backbones.BackboneError, match="needs a CUDA GPU"):
        backbones.resolve_device("cuda")
    assert backbones.resolve_device("auto") == "cpu"


def test_cpu_debugging_run_must_be_asked_for(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setenv(backbones.ALLOW_CPU_ENV, "1")
    assert backbones.resolve_device("cuda") == "cpu"
    assert "debugging only" in capsys.readouterr().err


@pytest.mark.slow
def test_smollm2_from_the_wheel_loads_plain_and_chats():
    bb = load_backbone(backbones.SMOLLM2, device="cpu")
    assert bb.loader == "gguf-cache" and bb.dtype == "float32"
    assert getattr(bb.model.config, "quantization_config", None) is None  # trainable by TRL
    assert bb.model.config.num_hidden_layers == 30
    out = backbones.generate_once(bb, "Write a two-line cold email.", max_new_tokens=12)
    assert out["new_tokens"] > 0 and out["text"]
