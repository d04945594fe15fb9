"""Load and validate a run profile (smoke | cpu | paper) from the YAML files shipped in the package.

One loader for every stage: unknown keys, missing keys and wrong types are rejected with a
message that names the profile file and the dotted key, so a typo never silently changes a run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tenacious import paths
from tenacious.bench.prompts import PROMPT_FORMATS

PROFILE_NAMES = ("smoke", "cpu", "paper")

_TRACK = {
    "method": str,
    "seeds": [int],
    "beta": float,
    "simpo_gamma": float,
    "learning_rate": float,
    "lr_scheduler": str,
    "warmup_ratio": float,
    "num_epochs": int,
    "max_steps": int,
    "per_device_batch": int,
    "grad_accum": int,
    "max_length": int,
    "lora_r": int,
    "lora_alpha": int,
    "lora_dropout": float,
    "lora_layers": int,
    "optim": str,
    "precision": str,
    "logging_steps": int,
    "eval_steps": int,
    "save_steps": int,
    "max_eval_pairs": int,
}

SCHEMA: dict[str, Any] = {
    "name": str,
    "backbones": {"critic": str, "judge": str},
    "device": str,
    "prompt_format": str,
    "data": {"seed": int, "embedding_check": bool},
    "train": {"critic": _TRACK, "judge": _TRACK},
    "ablate": {
        "max_critic_tasks": int,
        "max_judge_items": int,
        "max_ranking_pools": int,
        "k": int,
        "temperature": float,
        "diverse_temperatures": [float],
        "max_new_tokens": int,
        "batch_size": int,
    },
    "stats": {"bootstrap_samples": int, "seed": int},
}

_CHOICES = {
    "device": ("cpu", "cuda", "auto"),
    "prompt_format": PROMPT_FORMATS,
    "train.critic.method": ("simpo",),
    "train.judge.method": ("orpo",),
    "train.critic.precision": ("fp32", "bf16", "fp16"),
    "train.judge.precision": ("fp32", "bf16", "fp16"),
}


class ProfileError(ValueError):
    """A profile that does not exist or does not match the schema."""


class Profile(dict):
    """A validated profile: a plain dict with attribute access for readability in notebooks."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    @property
    def name(self) -> str:  # dict has no .name; keep it explicit
        return self["name"]


def _wrap(value: Any) -> Any:
    return Profile({k: _wrap(v) for k, v in value.items()}) if isinstance(value, dict) else value


def _check_scalar(value: Any, typ: type, where: str, src: Path) -> Any:
    if typ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if typ is not bool and isinstance(value, bool) or not isinstance(value, typ):
        raise ProfileError(f"{src}: key '{where}' must be {typ.__name__}, got {type(value).__name__} ({value!r})")
    return value


def _validate(node: Any, schema: Any, where: str, src: Path) -> Any:
    if isinstance(schema, dict):
        if not isinstance(node, dict):
            raise ProfileError(f"{src}: key '{where or '<root>'}' must be a mapping, got {type(node).__name__}")
        unknown = sorted(set(node) - set(schema))
        if unknown:
            raise ProfileError(f"{src}: unknown key '{_join(where, unknown[0])}'")
        missing = sorted(set(schema) - set(node))
        if missing:
            raise ProfileError(f"{src}: missing key '{_join(where, missing[0])}'")
        return {k: _validate(node[k], schema[k], _join(where, k), src) for k in sorted(schema)}
    if isinstance(schema, list):
        if not isinstance(node, list) or not node:
            raise ProfileError(f"{src}: key '{where}' must be a non-empty list")
        return [_check_scalar(v, schema[0], f"{where}[{i}]", src) for i, v in enumerate(node)]
    value = _check_scalar(node, schema, where, src)
    if where in _CHOICES and value not in _CHOICES[where]:
        raise ProfileError(f"{src}: key '{where}' must be one of {_CHOICES[where]}, got {value!r}")
    return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def resolve_name(name: str) -> str:
    """`auto` becomes `paper` when CUDA is available, else `cpu`."""
    if name == "auto":
        return "paper" if cuda_available() else "cpu"
    return name


def load_profile_file(path: Path) -> Profile:
    """Validate one profile YAML file; errors name the file and the key."""
    path = Path(path)
    if not path.is_file():
        raise ProfileError(f"profile file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: invalid YAML: {exc}") from exc
    data = _validate(raw, SCHEMA, "", path)
    if data["name"] != path.stem:
        raise ProfileError(f"{path}: key 'name' is {data['name']!r} but the file is {path.stem!r}")
    return _wrap(data)


def load_profile(name: str) -> Profile:
    """Load a shipped profile by name (`smoke`, `cpu`, `paper` or `auto`)."""
    resolved = resolve_name(name)
    if resolved not in PROFILE_NAMES:
        raise ProfileError(f"unknown profile {name!r}; choose one of {', '.join(PROFILE_NAMES + ('auto',))}")
    return load_profile_file(paths.PROFILES_DIR / f"{resolved}.yaml")
