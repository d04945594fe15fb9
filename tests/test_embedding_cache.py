"""The MiniLM embeddings (contamination check, sentence reader) are cached by a hash of the texts: a second run of unchanged data
reads them back bit for bit, and any changed text is embedded afresh."""

import numpy as np

from tenacious import paths
from tenacious.bench import embeddings


def test_same_texts_hit_the_cache_and_a_changed_text_misses(tmp_path, monkeypatch):
    calls = []

    def fake_embed(texts):
        calls.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts])

    monkeypatch.setattr(paths, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(embeddings, "embed_uncached", fake_embed)
    texts = ["Brief: Acme, fintech.", "Draft: hello there"]
    first = embeddings.embed(texts)
    again = embeddings.embed(list(texts))
    assert len(calls) == 1 and np.array_equal(first, again)
    assert embeddings.embedding_cache_path(texts).is_file()
    embeddings.embed(["Brief: Acme, fintech!", "Draft: hello there"])
    embeddings.embed(list(reversed(texts)))
    assert len(calls) == 3  # one changed character or a new order is a new key
