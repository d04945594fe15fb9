"""The learned sentence classes (bench.sentence_model) and their team-written bank (bench.sentence_bank).

The classification cases below were written for this file (in none of the bank's lists, none from data/raw/v3);
they pin the model's behaviour at the strict operating point. How well it reads unseen writers is measured by
benchmarks/sentence_model.py, not here.
"""

from __future__ import annotations

import numpy as np
import pytest

from tenacious.bench import independent, sentence_bank, sentence_model, wording


def test_every_family_has_forty_positives_and_forty_hard_negatives():
    for family in sentence_bank.FAMILIES:
        assert len(set(sentence_bank.POSITIVES[family])) >= 40, family
        assert len(set(sentence_bank.HARD_NEGATIVES[family])) >= 40, family


def test_no_positive_is_a_hard_negative_or_another_familys_positive():
    positives = {f: set(sentence_bank.POSITIVES[f]) for f in sentence_bank.FAMILIES}
    for family in sentence_bank.FAMILIES:
        for other in sentence_bank.FAMILIES:
            assert not positives[family] & set(sentence_bank.HARD_NEGATIVES[other]), (family, other)
            if other != family:
                assert not positives[family] & positives[other], (family, other)


def test_the_bank_copies_no_independent_writer():
    """No sentence of six words or more in the bank occurs in a writer's email (shorter ones are stock phrases
    anyone writes, "I'll leave it with you.", and the backstop reads none of them)."""
    written = {s for f in sentence_bank.FAMILIES for s in sentence_bank.POSITIVES[f] + sentence_bank.HARD_NEGATIVES[f]
               if len(s.split()) >= sentence_model.BACKSTOP_MIN_WORDS}
    emails = [e["email"] for e in independent.heldout_emails()]
    assert emails
    assert not [s for s in written if any(s in email for email in emails)]


def test_neutral_wording_leaves_out_flaws_and_keeps_offers_apart():
    neutral = sentence_bank.neutral()
    flaws = {s for texts in wording.STYLE_FLAWS.values() for t in texts for s in sentence_bank.sentences(t)}
    assert not flaws & set(neutral["plain"] + neutral["offers"])
    offer = wording.FIRST_OFFERS["engineers"][0].format(stack="Python")
    assert offer in neutral["offers"] and offer not in neutral["plain"]
    assert "Every team has a different bottleneck, so I would rather ask than assume." in neutral["plain"]


def test_the_pitch_family_never_trains_on_an_offer_as_a_negative():
    texts, labels, _ = sentence_model.training_set("pitch")
    negatives = {t for t, y in zip(texts, labels) if y == 0}
    assert not negatives & set(sentence_bank.neutral()["offers"])
    assert "Three Python engineers are free from 3 March." not in negatives  # an honest offer, over_commitment's


@pytest.mark.parametrize("features", sentence_model.FEATURES)
def test_training_is_deterministic(features):
    first = sentence_model._models(features)
    sentence_model._models.cache_clear()
    second = sentence_model._models(features)
    for family in sentence_bank.FAMILIES:
        assert np.array_equal(first[family]["reader"][1].coef_, second[family]["reader"][1].coef_), family
        assert first[family]["points"] == second[family]["points"], family


@pytest.mark.parametrize("features", sentence_model.FEATURES)
def test_thresholds_hold_the_false_positive_budget_on_team_data(features):
    card = sentence_model.model_card(features)
    for family, entry in card.items():
        strict, loose = entry["points"]["strict"], entry["points"]["loose"]
        assert strict["oof_false_positive_hard"] == 0.0, family
        assert loose["oof_false_positive_hard"] <= 0.05, family
        assert max(strict["oof_false_positive_all"], loose["oof_false_positive_all"]) <= 0.01, family
        assert strict["threshold"] >= loose["threshold"] >= sentence_model.MIN_THRESHOLD, family


@pytest.mark.parametrize("sentence,expected", [
    ("Sign before Friday or the price goes up by a fifth.", {"pressure"}),
    ("Honestly, you seem not to understand what your own team needs.", {"condescension"}),
    ("We are fully certified for SOC 2 and HIPAA, so your audit is covered.", {"regulated_claim"}),
    ("We guarantee your new app will be live within three weeks.", {"over_commitment"}),
    ("Would two of our data engineers help with the pipeline work this quarter?", {"pitch"}),
    ("No hurry, reply whenever it suits you.", set()),
    ("Is hiring the main constraint for your team this year?", set()),
    ("Thanks for the update on the launch.", set()),
    ("I might be wrong, but it looks like the team is growing.", set()),
])
def test_own_sentences(sentence, expected):
    assert sentence_model.flags([sentence])[0] == expected


def test_classify_names_the_email_sentence_behind_each_family():
    email = "Hi Dana,\n\nThanks for the update on the launch. Sign before Friday or the price goes up by a fifth.\n\nBest"
    best = sentence_model.classify([email, "Thanks!"])
    prob, sentence = best[0]["pressure"]
    assert sentence == "Sign before Friday or the price goes up by a fifth." and prob >= sentence_model.threshold(
        "pressure")
    assert sentence_model.email_flags(best[0]) == {"pressure"}
    assert best[1] == {family: (0.0, "") for family in sentence_bank.FAMILIES}


def test_the_backstop_reads_pressure_only_in_unnegated_sentences():
    """'I will not push' sits beside pushing in the embedding: the model flags it, the backstop does not."""
    negated = "Understood, and I will not push any further on this."
    assert "pressure" in sentence_model.flags([negated])[0]
    assert [f for f, _, _ in sentence_model.backstop(negated)] == []
    flagged = sentence_model.backstop("Hi Dana,\n\nSign before Friday or the price goes up by a fifth.\n\nBest")
    assert [(f, s) for f, _, s in flagged] == [("pressure", "Sign before Friday or the price goes up by a fifth.")]


def test_the_backstop_does_not_depend_on_what_was_read_before():
    """A sentence's probability is the same read alone or in one batch with others (4 decimals)."""
    text = "We are fully certified for SOC 2 and HIPAA, so your audit is covered."
    sentence_model._SENTENCE_PROBS.clear()
    alone = sentence_model.backstop(text)
    sentence_model._SENTENCE_PROBS.clear()
    sentence_model.backstop("Thanks for the update on the launch. " + text + " Would a call help next week?")
    assert sentence_model.backstop(text) == alone and [f for f, _, _ in alone] == ["regulated_claim"]


def test_the_backstop_reads_no_fragment_under_six_words():
    fragment = "Only two engineers left!"  # five words
    assert len(fragment.split()) < sentence_model.BACKSTOP_MIN_WORDS
    assert sentence_model.backstop(fragment) == []
