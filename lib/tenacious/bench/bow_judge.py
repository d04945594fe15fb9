"""A bag-of-words send gate: TF-IDF over the judge's own input text + multinomial logistic regression.

It is the shortcut baseline for the judge track. It reads exactly the user message a model judge
reads (brief + draft, rendered by `prompts.judge_instance_text`) but knows nothing of the rubric,
so whatever it gets right is learnable from surface wording alone. A trained judge that cannot
beat it has learned nothing a word counter could not. Fitted on the train split only; deterministic
(liblinear-free `lbfgs` solver, fixed `random_state`), so the same data gives the same predictions.
"""

from __future__ import annotations

from collections.abc import Sequence

from tenacious.bench.prompts import judge_instance_text


class BowJudge:
    """scikit-learn style estimator: `fit(items)` then `predict(items)` -> decisions."""

    def __init__(self, seed: int = 0, max_features: int = 20000, c: float = 4.0):
        self.seed = seed                  # random_state of the solver (lbfgs is deterministic; kept explicit)
        self.max_features = max_features  # vocabulary cap: unigrams + bigrams by document frequency
        self.c = c                        # inverse L2 strength; 4.0 fits wording without memorising ids
        self._pipeline = None

    @staticmethod
    def text(item: dict) -> str:
        return judge_instance_text(item)

    def fit(self, items: Sequence[dict]) -> BowJudge:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        if len({i["gold_decision"] for i in items}) < 2:
            raise ValueError("BowJudge.fit needs items of at least two gold decisions")
        self._pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=self.max_features, sublinear_tf=True),
            LogisticRegression(C=self.c, max_iter=2000, random_state=self.seed))
        self._pipeline.fit([self.text(i) for i in items], [i["gold_decision"] for i in items])
        return self

    def predict(self, items: Sequence[dict]) -> list[str]:
        if self._pipeline is None:
            raise RuntimeError("BowJudge.predict called before fit")
        return [str(p) for p in self._pipeline.predict([self.text(i) for i in items])]


def judge_shortcuts(items_by_split: dict[str, list[dict]], seed: int) -> dict:
    """Data-report figures: what the bag-of-words judge and the best constant answer score per split.

    Fitted on train; a benchmark whose held-out accuracy here is high measures wording, not judgement.
    """
    judge = BowJudge(seed=seed).fit(items_by_split["train"])
    out = {}
    for split in ("dev", "heldout"):
        items = items_by_split[split]
        gold = [i["gold_decision"] for i in items]
        predicted = judge.predict(items)
        majority = max(sorted(set(gold)), key=gold.count)
        out[split] = {"n": len(items),
                      "bow_accuracy": round(sum(p == g for p, g in zip(predicted, gold)) / len(items), 4),
                      "best_constant": majority, "best_constant_accuracy": round(gold.count(majority) / len(items), 4)}
    return out
