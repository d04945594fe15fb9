"""Learned sentence classes (MiniLM embeddings + one logistic regression per family), beside bench.claims.

Five families of the scorer's hard checks are sentence classes a regex reads only by its wording: pressure,
condescension, an unsupported regulated claim, over-commitment and a pitch (a violation where the task says to
hold back). This module embeds each sentence with the offline all-MiniLM-L6-v2 model (bench.embeddings.embed,
cached under .cache/) and reads each family with a logistic regression (on the embedding, by default beside the
sentence's word n-grams: `FEATURES`) trained on the team's own bank
(bench.sentence_bank: positives, hard negatives, the generator's neutral wording), never on data/raw/v3.

Training is deterministic (fixed folds and solver, no sampling) and derived from the bank at first use, so there
is no weight file: the same bank gives the same weights. Each family's threshold is set on the team data only:
the lowest probability at which at most a set share of the out-of-fold hard negatives (`OPERATING_POINTS`:
'strict' 1 %, 'loose' 5 %) and 1 % of all negatives reach it, never below 0.5.

The scorer reads it as a backstop (`backstop`, at the strict point; for pressure and regulated claims only, see
bench.scorer): a sentence the model puts in a family that none of the family's regex readings caught becomes
that family's hard violation. It was chosen after two blind measurements of the all-family reader beside each
round's scorer (benchmarks/sentence_model.py, out of sample for the model): round 2's blind voices AUC 0.856 ->
0.879 and bad <= 0.6 0.755 -> 0.796, round 3's 0.900 -> 0.922 and 0.810 -> 0.857, good emails unchanged on both.
Its families and guards were set after reading those rounds; on round 4, its first blind round as wired, it
moved no figure (benchmarks/results/independent_blind_round4.json).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from scipy import sparse

from tenacious.bench import embeddings, sentence_bank
from tenacious.bench.sentence_bank import FAMILIES, sentences

# Feature sets: the MiniLM embedding alone, or beside tf-idf word 1-2-grams of the sentence (the embedding is
# nearly blind to negation: "we are certified" and "we are not certified" sit close). The default is the one
# with the higher mean out-of-fold recall at the strict point on the team's bank (0.45 vs 0.29).
FEATURES: tuple[str, ...] = ("minilm", "minilm_ngrams")
DEFAULT_FEATURES = "minilm_ngrams"
NGRAM_WEIGHT = 1.0
C = 4.0  # inverse L2 strength of each regression
FOLDS = 5
SEED = 0
# Operating points: the out-of-fold share of the family's hard negatives allowed at or above the threshold (with
# 41 hard negatives, 'strict' allows none and 'loose' two); at most ALL_FALSE_POSITIVE of all negatives either way.
OPERATING_POINTS: dict[str, float] = {"strict": 0.01, "loose": 0.05}
ALL_FALSE_POSITIVE = 0.01
MIN_THRESHOLD = 0.5
# Families whose hard negatives are honest sentences for every other family too (a pitch family's negatives
# are not: an honest offer is a pitch).
_SHARED_NEGATIVES = tuple(f for f in FAMILIES if f != "pitch")

__all__ = ["FAMILIES", "backstop", "classify", "email_flags", "flags", "model_card", "probabilities", "sentences",
           "threshold"]


def training_set(family: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(texts, labels, hard) for one family: its positives (1), then negatives (0); `hard` marks its own
    hard negatives. Negatives: its hard negatives, the other families' shared hard negatives, the neutral
    wording (the generator's offers only where the family is not `pitch`)."""
    neutral = sentence_bank.neutral()
    own = list(sentence_bank.HARD_NEGATIVES[family])
    others = [] if family == "pitch" else [s for f in _SHARED_NEGATIVES if f != family
                                           for s in sentence_bank.HARD_NEGATIVES[f]]
    plain = neutral["plain"] + ([] if family == "pitch" else neutral["offers"])
    positives = list(sentence_bank.POSITIVES[family])
    negatives = list(dict.fromkeys(own + others + plain))
    texts = positives + negatives
    labels = np.array([1] * len(positives) + [0] * len(negatives))
    hard = np.array([False] * len(positives) + [s in set(own) for s in negatives])
    return texts, labels, hard


def _regression():
    """One family's regression (sklearn is imported here, not with the scorer: most scores never train)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", solver="lbfgs", max_iter=3000)


def _design(texts: list[str], vectors: np.ndarray, vectorizer):
    """The regression's input: the embeddings, beside the texts' tf-idf word n-grams when there is a vectorizer."""
    if vectorizer is None:
        return vectors
    return sparse.hstack([sparse.csr_matrix(vectors), NGRAM_WEIGHT * vectorizer.transform(texts)]).tocsr()


def _fit(texts: list[str], vectors: np.ndarray, y: np.ndarray, features: str) -> tuple:
    """(vectorizer or None, fitted regression) for one feature set."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = None
    if features == "minilm_ngrams":
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    return vectorizer, _regression().fit(_design(texts, vectors, vectorizer), y)


def _predict(reader: tuple, texts: list[str], vectors: np.ndarray) -> np.ndarray:
    vectorizer, model = reader
    return model.predict_proba(_design(texts, vectors, vectorizer))[:, 1]


def _out_of_fold(texts: list[str], x: np.ndarray, y: np.ndarray, features: str) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    probs = np.zeros(len(y))
    for train, test in folds.split(x, y):
        reader = _fit([texts[i] for i in train], x[train], y[train], features)
        probs[test] = _predict(reader, [texts[i] for i in test], x[test])
    return probs


def _threshold(probs: np.ndarray, y: np.ndarray, hard: np.ndarray, hard_rate: float) -> float:
    """The lowest cut at which at most `hard_rate` of the hard negatives and ALL_FALSE_POSITIVE of all negatives
    reach it (never below MIN_THRESHOLD)."""
    cut = MIN_THRESHOLD
    for group, rate in ((hard, hard_rate), (y == 0, ALL_FALSE_POSITIVE)):
        values = np.sort(probs[group])[::-1]
        allowed = int(np.floor(rate * len(values)))
        if allowed < len(values):
            cut = max(cut, float(values[allowed]) + 1e-6)
    return round(cut, 6)


@lru_cache(maxsize=len(FEATURES))
def _models(features: str) -> dict[str, dict]:
    """Per family: the reader fitted on the whole bank, its thresholds and its out-of-fold figures."""
    if features not in FEATURES:
        raise ValueError(f"features: {features!r} is not one of {FEATURES}")
    texts = sorted({t for f in FAMILIES for t in training_set(f)[0]})
    vectors = dict(zip(texts, embeddings.embed(texts)))
    out = {}
    for family in FAMILIES:
        sample, y, hard = training_set(family)
        x = np.stack([vectors[t] for t in sample])
        oof = _out_of_fold(sample, x, y, features)
        points = {}
        for point, rate in sorted(OPERATING_POINTS.items()):
            cut = _threshold(oof, y, hard, rate)
            points[point] = {"threshold": cut, "oof_recall": round(float((oof[y == 1] >= cut).mean()), 4),
                             "oof_false_positive_hard": round(float((oof[hard] >= cut).mean()), 4),
                             "oof_false_positive_all": round(float((oof[y == 0] >= cut).mean()), 4)}
        out[family] = {"reader": _fit(sample, x, y, features), "points": points, "n_positive": int(y.sum()),
                       "n_negative": int((y == 0).sum()), "n_hard": int(hard.sum())}
    return out


def model_card(features: str = DEFAULT_FEATURES) -> dict:
    """Each family's training sizes and, per operating point, threshold and out-of-fold recall / false positives
    (team data only)."""
    return {family: {k: v for k, v in m.items() if k != "reader"} for family, m in sorted(_models(features).items())}


def probabilities(texts: list[str], features: str = DEFAULT_FEATURES) -> dict[str, np.ndarray]:
    """Each family's probability for every text (one embedding pass, cached)."""
    if not texts:
        return {family: np.zeros(0) for family in FAMILIES}
    x = embeddings.embed(texts)
    return {family: _predict(m["reader"], texts, x) for family, m in sorted(_models(features).items())}


def threshold(family: str, point: str = "strict", features: str = DEFAULT_FEATURES) -> float:
    """The family's probability threshold at an operating point."""
    return _models(features)[family]["points"][point]["threshold"]


def flags(texts: list[str], point: str = "strict", features: str = DEFAULT_FEATURES) -> list[set[str]]:
    """The families each sentence belongs to (probability at or above the family's threshold)."""
    probs = probabilities(texts, features)
    return [{f for f in FAMILIES if probs[f][i] >= threshold(f, point, features)} for i in range(len(texts))]


def classify(emails: list[str], features: str = DEFAULT_FEATURES) -> list[dict[str, tuple[float, str]]]:
    """Per email, each family's highest sentence probability and that sentence ('' for an email without one)."""
    split = [sentences(email) for email in emails]
    probs = probabilities([s for group in split for s in group], features)
    out, at = [], 0
    for group in split:
        best = {}
        for family in FAMILIES:
            values = probs[family][at:at + len(group)]
            k = int(np.argmax(values)) if len(group) else -1
            best[family] = (round(float(values[k]), 4), group[k]) if len(group) else (0.0, "")
        at += len(group)
        out.append(best)
    return out


def email_flags(scores: dict[str, tuple[float, str]], point: str = "strict",
                features: str = DEFAULT_FEATURES) -> set[str]:
    """The families whose best sentence (a `classify` entry, same features) reaches the family's threshold."""
    return {f for f, (p, _) in scores.items() if p >= threshold(f, point, features)}


# The scorer's backstop reads at the strict point only (no out-of-fold hard negative reaches it), and pressure
# never in a negated sentence: the embedding is nearly blind to negation ("I will not push", "no rush" sit beside
# "I must push"), and a negated urgency is the regex readings' job (bench.claims reads "don't miss out" by
# structure). Claims and promises keep negated sentences: "you will not need to worry about the audit" is one.
BACKSTOP_POINT = "strict"
_NEGATED = re.compile(r"\b(?:not|never|no|nothing|nobody|none|neither|nor|cannot|without)\b|n't\b", re.IGNORECASE)
_NEGATION_BLIND = frozenset({"pressure"})
# ... nor a fragment under six words ("Still one question only:"): too little for a class the bank teaches by
# whole sentences, and what a short line asserts the regex readings see whole.
BACKSTOP_MIN_WORDS = 6
_SENTENCE_PROBS: dict[str, dict[str, float]] = {}  # sentence -> family -> probability, per process


def backstop(text: str) -> list[tuple[str, float, str]]:
    """(family, probability, sentence) for every family whose best sentence of `text` (of BACKSTOP_MIN_WORDS or
    more; for pressure, unnegated) reaches its strict threshold, families in FAMILIES order. A text's new
    sentences are embedded in one batch, once per process (no file per call); probabilities are rounded to 4
    decimals before the comparison, so the last bits of a batched product never decide a flag."""
    found = [s for s in sentences(text) if len(s.split()) >= BACKSTOP_MIN_WORDS]
    new = sorted({s for s in found if s not in _SENTENCE_PROBS})
    if new:
        x = embeddings.embed(new, cache=False)
        probs = {family: _predict(m["reader"], new, x) for family, m in sorted(_models(DEFAULT_FEATURES).items())}
        for i, sentence in enumerate(new):
            _SENTENCE_PROBS[sentence] = {family: round(float(probs[family][i]), 4) for family in FAMILIES}
    out = []
    for family in FAMILIES:
        read = [s for s in found if family not in _NEGATION_BLIND or not _NEGATED.search(s)]
        best = max(read, key=lambda s: _SENTENCE_PROBS[s][family], default=None)
        if best is not None and _SENTENCE_PROBS[best][family] >= threshold(family, BACKSTOP_POINT):
            out.append((family, _SENTENCE_PROBS[best][family], best))
    return out
