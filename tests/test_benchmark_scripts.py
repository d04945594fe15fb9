"""The benchmark scripts' own logic (their measurements run by hand; see README "Benchmarks")."""

import importlib.util

from tenacious import paths


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, paths.BENCHMARKS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_learning_curve_points_cover_the_epochs_densely_early():
    curve = _script("judge_learning_curve")
    steps = curve.eval_steps(188, 2)
    assert steps == [0, 12, 24, 47, 70, 94, 141, 188, 235, 282, 329, 376]
    assert curve.eval_steps(188, 1) == [0, 12, 24, 47, 70, 94, 141, 188]
    assert curve.eval_steps(10, 3)[-1] == 30  # the last epoch is always measured


def test_learning_curve_summary_counts_by_hand():
    curve = _script("judge_learning_curve")
    gold = ["BLOCK", "BLOCK", "PASS", "PASS"]
    judge = ["BLOCK", "BLOCK", "PASS", "BLOCK"]
    s = curve.summarise(gold, judge, {"always_pass": ["PASS"] * 4})
    assert s["accuracy"] == 0.75 and s["predicted"] == {"BLOCK": 3, "PASS": 1}
    assert s["mcnemar"]["always_pass"]["judge_only_right"] == 2  # the two BLOCKs
    assert s["mcnemar"]["always_pass"]["baseline_only_right"] == 1  # the last PASS
    assert 0 < s["ci95"][0] < 0.75 < s["ci95"][1] <= 1


def test_decision_only_variant_keeps_the_label_lines_and_its_own_files():
    curve = _script("judge_learning_curve")
    pair = {"pair_id": "judge-x", "chosen": "DECISION: BLOCK\nRULE: 5\nRATIONALE: the draft says 'ref #12'.",
            "rejected": "DECISION: PASS\nRULE: 11\nRATIONALE: No rule fires."}
    cut = curve.decision_only(pair)
    assert cut["chosen"] == "DECISION: BLOCK\nRULE: 5" and cut["rejected"] == "DECISION: PASS\nRULE: 11"
    assert cut["pair_id"] == "judge-x" and pair["chosen"].endswith("'ref #12'.")  # the input is left alone
    assert curve._suffix({}) == "" and curve._suffix({"beta": 1.0}, True) == "_decisiononly_beta1.0"


def test_settings_read_numbers_as_numbers():
    curve = _script("judge_learning_curve")
    assert curve._setting("learning_rate=2e-4") == ("learning_rate", 2e-4)  # YAML 1.1 alone would give "2e-4"
    assert curve._setting("grad_accum=4") == ("grad_accum", 4) and curve._setting("method=orpo") == ("method", "orpo")
