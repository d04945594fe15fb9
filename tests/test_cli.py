"""The `tenacious` command: the README's examples as written, bad input, empty drafts, pair-format eval, adapters.

The README examples are read from README.md and run here, so the documented output cannot drift
from what the command prints. After an intended change, refresh them with
`.venv/bin/python tests/test_cli.py --update-readme`.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import re
import shlex
import sys
from pathlib import Path

import pytest

from tenacious import cli
from tenacious.bench import inputs, schema

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FIXTURES = Path(__file__).parent / "fixtures" / "cli"
SECTION = "## Use it on your own drafts"
_BLOCK = re.compile(r"```(bash|text)\n(.*?)```", re.DOTALL)
_HEREDOC = re.compile(r"cat > (\S+) <<'EOF'\n(.*?)\nEOF\n", re.DOTALL)


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of one `tenacious` call."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse usage errors
                code = exc.code
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def readme_examples(text: str) -> list[tuple[str, re.Match]]:
    """(bash script, its output block) for every bash block of the section followed by a text block."""
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    blocks = _BLOCK.finditer(text, start, end)
    return [(a.group(2), b) for a, b in itertools.pairwise(blocks) if a.group(1) == "bash" and b.group(1) == "text"]


def run_script(script: str, workdir: Path) -> str:
    """Write the heredoc files, then run each `tenacious` line (with `> file` redirects); the last stdout."""
    for name, body in _HEREDOC.findall(script):
        (workdir / name).write_text(body + "\n", encoding="utf-8")
    stdout = ""
    for line in _HEREDOC.sub("", script).splitlines():
        if not line.startswith("tenacious "):
            continue
        words = shlex.split(line)[1:]
        target = words[words.index(">") + 1] if ">" in words else None
        words = words[:words.index(">")] if target else words
        code, stdout, err = run(words)
        assert code == 0, f"{line!r} failed: {err}"
        if target:
            (workdir / target).write_text(stdout, encoding="utf-8")
    return stdout


@pytest.mark.parametrize("index", range(4))
def test_readme_example_prints_what_the_readme_shows(index, tmp_path, monkeypatch):
    examples = readme_examples(README.read_text(encoding="utf-8"))
    assert len(examples) == 4, "judge, eval on pairs, score and the card's widget examples each show their output"
    monkeypatch.chdir(tmp_path)
    script, shown = examples[index]
    assert run_script(script, tmp_path) == shown.group(2)


def test_readme_judge_example_decides_each_draft_by_the_rule_it_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run_script(readme_examples(README.read_text(encoding="utf-8"))[0][0], tmp_path)
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [(v["item_id"], v["decision"], v["rule"]) for v in verdicts] == [
        ("d1", "SUPPRESS", 2), ("d2", "BLOCK", 6), ("d3", "SUPPRESS", 1)]
    assert "$40M" in verdicts[1]["evidence"]


# --- bad input: one line naming file, line and field; status 2; nothing on stdout ------------------


_UNREADABLE = [
    ("malformed.jsonl", r"^error: \S*malformed\.jsonl:2: invalid JSON \("),
    ("latin1.jsonl", r"^error: \S*latin1\.jsonl:2: not UTF-8 text \(byte 0xe4\)"),
    ("no_such_file.jsonl", r"^error: \S*no_such_file\.jsonl: cannot read: No such file or directory$"),
]


@pytest.mark.parametrize("command, fixture, message", [
    *[(command, f, m) for command in (["judge"], ["score"], ["import", "pairs"]) for f, m in _UNREADABLE],
    (["judge"], "missing_field.jsonl", r"^error: \S*missing_field\.jsonl:2: context\.headcount: missing required field$"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(command, fixture, message):
    code, out, err = run([*command, str(FIXTURES / fixture)])
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and re.match(message, err.strip()), err


def test_wrong_type_names_the_field():
    record = {"context": {"company": "Tallowfern", "headcount": "ninety-five", "recipient": {"role": "cto"},
                         "funding": {"stage": "seed"}}, "draft": "Hi."}
    code, out, err = run(["judge", "-"], stdin=json.dumps(record))
    assert (code, out) == (2, "")
    assert err.startswith("error: <stdin>:1: context.headcount: 'ninety-five' is not of type 'integer'")


def test_eval_without_gold_names_the_line():
    code, out, err = run(["judge", str(FIXTURES / "missing_field.jsonl"), "--eval"])
    assert code == 2 and out == ""  # the missing headcount on line 2 is reported first
    record = {"context": {"company": "Tallowfern", "headcount": 95, "recipient": {"role": "cto"},
                          "funding": {"stage": "seed"}}, "draft": "Hi."}
    code, out, err = run(["judge", "-", "--eval"], stdin=json.dumps(record))
    assert (code, out) == (2, "")
    assert err.strip() == "error: <stdin>:1: gold_decision: missing required field (--eval needs one per record)"


# --- legal input ---------------------------------------------------------------------------------


def test_empty_draft_is_judged_and_passes_when_nothing_stops_it():
    record = {"item_id": "quiet", "context": {"company": "Orselpath", "headcount": 45, "recipient": {"role": "founder"},
                                             "funding": {"stage": "seed"}}, "draft": ""}
    code, out, _ = run(["judge", "-"], stdin=json.dumps(record, indent=2))  # one pretty-printed JSON object
    verdict = json.loads(out)
    assert code == 0 and (verdict["item_id"], verdict["decision"], verdict["rule"]) == ("quiet", "PASS", 11)


def test_completed_record_is_a_full_benchmark_context_and_keeps_unknown_fields():
    record = {"crm_id": 7, "context": {"company": "Brackly Pay", "headcount": 60, "industry": "fintech",
                                       "recipient": {"role": "Founder & CEO"}, "funding": {"stage": "seed"},
                                       "deal_stage": "cold"}, "draft": ""}
    item = inputs.complete_judge_record(record, "x.jsonl", 4)
    schema.validate_prospect_context(item["context"])
    assert item["item_id"] == "line-4" and item["crm_id"] == 7 and item["context_extra"] == {"deal_stage": "cold"}
    assert item["context"]["regulated"] is True  # derived from the industry
    assert item["context"]["recipient"] == {"name": "the recipient", "role": "c_level", "title": "Founder & CEO"}
    assert item["context"]["channel"] == "email" and item["context"]["funding"]["confidence"] == "insufficient_signal"


def test_benchmark_records_pass_through_unchanged():
    item = json.loads((ROOT / "data" / "judge" / "heldout_items.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert inputs.complete_judge_record(item, "heldout", 1) == item


def test_pair_format_eval_on_hand_written_pairs(tmp_path):
    code, items, _ = run(["import", "pairs", str(FIXTURES / "pairs.jsonl")])
    assert code == 0 and len(items.splitlines()) == 8
    (tmp_path / "items.jsonl").write_text(items, encoding="utf-8")
    code, out, _ = run(["judge", str(tmp_path / "items.jsonl"), "--eval", "--json"])
    report = json.loads(out)
    assert code == 0 and report["n"] == 8 and report["accuracy"]["n"] == 8
    assert sum(map(sum, report["confusion"]["matrix"])) == 8
    assert {row["probe"] for row in report["per_probe"]} == {"A07", "B04", "G03", "PASS"}
    # the golds follow the mapping: suppress/escalate shared, send/send -> PASS vs the probe's rule
    gold = {json.loads(line)["item_id"]: json.loads(line)["gold_decision"] for line in items.splitlines()}
    assert gold == {"pp-001-chosen": "SUPPRESS", "pp-001-rejected": "SUPPRESS", "pp-002-chosen": "PASS",
                    "pp-002-rejected": "BLOCK", "pp-003-chosen": "ESCALATE", "pp-003-rejected": "ESCALATE",
                    "pp-004-chosen": "PASS", "pp-004-rejected": "PASS"}
    code, table, _ = run(["judge", str(tmp_path / "items.jsonl"), "--eval"])
    assert "| accuracy | 95% CI (Wilson) | n |" in table and "### Confusion matrix" in table


def test_json_without_eval_is_a_usage_error():
    code, out, err = run(["judge", str(FIXTURES / "pairs.jsonl"), "--json"])
    assert (code, out) == (2, "") and "--json needs --eval" in err


def test_python_dash_m_tenacious_runs_the_command():
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "tenacious", "judge", str(FIXTURES / "missing_field.jsonl")],
                          check=False, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == "" and "missing_field.jsonl:2: context.headcount" in proc.stderr


# --- the published formats, read as they are ----------------------------------------------------------

CARD_WIDGET = FIXTURES / "card_widget.jsonl"
CARD_DECISIONS = ["SUPPRESS", "ESCALATE", "SUPPRESS", "PASS"]  # the widget examples' titles on the card


def _widget_parts() -> list[tuple[dict, str]]:
    """(flat context, draft) of each widget example, split by hand."""
    out = []
    for line in CARD_WIDGET.read_text(encoding="utf-8").splitlines():
        context, draft = json.loads(line)["text"].removeprefix("Context:\n").split("\n\nAgent output:\n")
        out.append((json.loads(context), draft))
    return out


def _records(rows: list[dict]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_card_widget_examples_decide_as_the_card_titles_them():
    code, out, err = run(["judge", str(CARD_WIDGET)])
    assert code == 0, err
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["decision"] for v in verdicts] == CARD_DECISIONS
    assert [v["rule"] for v in verdicts] == [1, 4, 2, 11]
    assert err.splitlines()[0] == ("mapped 4 of 4 records from published formats: widget 4 "
                                   "(lost: funding_stage_unknown 4, recipient_name_missing 4)")


@pytest.mark.parametrize("shape", ["under context", "top level"])
def test_card_flat_context_is_read_as_it_is(shape):
    rows = [{"context": ctx, "draft": draft} if shape == "under context" else {**ctx, "draft": draft}
            for ctx, draft in _widget_parts()]
    code, out, err = run(["judge", "-"], stdin=_records(rows))
    assert code == 0, err
    assert [json.loads(line)["decision"] for line in out.splitlines()] == CARD_DECISIONS
    assert "judge-card 4 (lost: funding_stage_unknown 4, recipient_name_missing 4)" in err
    # the same records as `tenacious import` maps them, judged in the project's schema: the same verdicts
    code, imported, _ = run(["import", "judge-card", "-"], stdin=_records(rows))
    assert code == 0 and run(["judge", "-"], stdin=imported)[1] == out


def test_an_unknown_funding_stage_contradicts_no_tier_but_a_known_one_does():
    ctx, _ = _widget_parts()[3]
    draft = "Hi, congratulations on the Series B. Would a call on Tuesday at 10:00 GMT (13:00 EAT) work?"
    code, out, _ = run(["judge", "-"], stdin=_records([{**ctx, "draft": draft},
                                                      {**ctx, "funding_stage": "seed", "draft": draft}]))
    assert code == 0
    assert [(v["decision"], v["rule"]) for v in map(json.loads, out.splitlines())] == [("PASS", 11), ("BLOCK", 7)]


@pytest.mark.parametrize("record, message", [
    ({"context": {"company": "DevCo", "headcount": 200, "funding_confidence": "high"}, "draft": "Hi."},
     "<stdin>:1: context.recipient_role: missing required field"),
    ({"company": "DevCo", "headcount": "200", "recipient_role": "vp_eng", "draft": "Hi."},
     "<stdin>:1: headcount: '200' is not of type 'integer'"),
    ({"company": "DevCo", "headcount": 200, "recipient_role": "vp_eng", "funding_confidence": "sure", "draft": ""},
     "<stdin>:1: funding_confidence: 'sure' is not one of ['high', 'medium', 'low', 'insufficient_signal']"),
    ({"text": "Context:\n{company: DevCo}\n\nAgent output:\nHi."},
     "<stdin>:1: text: the context is not valid JSON (Expecting property name enclosed in double quotes)"),
    ({"text": "Hi, a draft without its context."}, "<stdin>:1: text: not a judge-card widget text"),
])
def test_a_flat_record_error_names_the_field_as_the_record_writes_it(record, message):
    code, out, err = run(["judge", "-"], stdin=json.dumps(record))
    assert (code, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith(f"error: {message}"), err


def test_eval_reads_the_pair_file_itself():
    code, direct, err = run(["judge", str(FIXTURES / "pairs.jsonl"), "--eval", "--json"])
    assert code == 0, err
    assert err.splitlines()[0].startswith("mapped 4 of 4 records from published formats: pairs 4 (lost: ")
    _, items, _ = run(["import", "pairs", str(FIXTURES / "pairs.jsonl")])
    assert run(["judge", "-", "--eval", "--json"], stdin=items)[1] == direct
    report = json.loads(direct)
    assert (report["n"], report["accuracy"]["n"]) == (8, 8)
    assert report["accuracy"]["low"] < report["accuracy"]["point"] <= report["accuracy"]["high"]
    assert [row["probe"] for row in report["per_probe"]] == ["A07", "B04", "G03", "PASS"]
    assert sum(map(sum, report["confusion"]["matrix"])) == 8


def test_score_reads_a_flat_context():
    nested = json.loads(README.read_text(encoding="utf-8").split("cat > emails.jsonl <<'EOF'\n")[1].splitlines()[0])
    ctx = nested["context"]
    flat = {**{k: v for k, v in ctx.items() if k not in ("recipient", "funding")},
            "recipient_name": ctx["recipient"]["name"], "recipient_role": ctx["recipient"]["role"],
            **{f"funding_{k}": v for k, v in ctx["funding"].items()}}
    _, expected, _ = run(["score", "-"], stdin=json.dumps(nested))
    for record in ({**nested, "context": flat}, {**{k: v for k, v in nested.items() if k != "context"}, **flat}):
        code, out, err = run(["score", "-"], stdin=json.dumps(record))
        assert (code, out) == (0, expected), err
        assert "judge-card 1 (lost: nothing)" in err
    code, out, err = run(["score", str(FIXTURES / "pairs.jsonl")])
    assert (code, out) == (2, "") and "a pairs record holds drafts to judge, not an email to score" in err


@pytest.mark.parametrize("argv, message", [
    (["judge"], "judge needs FILE or --item ID"),
    (["judge", "x.jsonl", "--item", "J-1"], "judge needs FILE or --item ID"),
    (["score", "--task", "PRG-0001"], "score needs FILE, or --task ID with --email FILE"),
    (["score", "x.jsonl", "--email", "e.txt"], "score needs FILE, or --task ID with --email FILE"),
])
def test_usage_errors_exit_2(argv, message):
    code, out, err = run(argv)
    assert (code, out) == (2, "") and message in err


def test_known_failures_of_build_and_lookups_are_one_line_exit_2(tmp_path):
    code, out, err = run(["build", "--profile", "nope", "--out", str(tmp_path / "data")])
    assert (code, out) == (2, "") and err.startswith("error: ") and "nope" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "data").exists()
    code, out, err = run(["score", "--task", "no-such-task", "--email", str(CARD_WIDGET)])
    assert (code, out) == (2, "") and err.startswith("error: no critic task with task_id 'no-such-task' in ")


# --- a trained adapter behind the same interface ------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_adapter(tmp_path_factory):
    """A LoRA adapter on the smoke profile's tiny backbone, saved as training saves one (with run_config.json)."""
    import torch

    from tenacious.backbones import TINY, attach_lora, load_backbone
    from tenacious.io import write_json
    from tenacious.profiles import load_profile

    profile = load_profile("smoke")
    seed, cfg = profile.train["judge"].seeds[0], profile.train["judge"]
    backbone = load_backbone(profile.backbones["judge"], device="cpu", seed=seed)
    model = attach_lora(backbone, cfg["lora_r"], cfg["lora_alpha"], cfg["lora_dropout"], seed=seed)
    with torch.no_grad():  # a non-zero adapter, so it changes the model's answer
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.05, generator=torch.Generator().manual_seed(1))
    run_dir = tmp_path_factory.mktemp("runs") / "judge" / f"seed{seed}"
    model.save_pretrained(str(run_dir / "adapter"))
    write_json(run_dir / "run_config.json", {"track": "judge", "seed": seed, "backbone": {"name": TINY}})
    return run_dir / "adapter", model, backbone.tokenizer


def test_adapter_judges_with_the_same_shape_and_the_direct_likelihoods(tiny_adapter, tmp_path, monkeypatch):
    from tenacious.bench.prompts import judge_messages
    from tenacious.infer import classify_by_likelihood, encode_prompt, judge_label_scorer

    adapter, model, tokenizer = tiny_adapter
    monkeypatch.chdir(tmp_path)
    script = readme_examples(README.read_text(encoding="utf-8"))[0][0]
    rules_out = run_script(script, tmp_path)
    code, out, err = run(["judge", "drafts.jsonl", "--adapter", str(adapter), "--device", "cpu"])
    assert code == 0, err
    model_rows, rule_rows = [json.loads(x) for x in out.splitlines()], [json.loads(x) for x in rules_out.splitlines()]
    assert [set(r) for r in model_rows] == [set(r) for r in rule_rows]
    _, records = inputs.read_records("drafts.jsonl")
    for (line, record), row in zip(records, model_rows, strict=True):
        item = inputs.complete_judge_record(record, "drafts.jsonl", line)
        prompt = encode_prompt(tokenizer, judge_messages(item))
        decision, likelihoods = classify_by_likelihood(judge_label_scorer(model, tokenizer, prompt))
        assert row["decision"] == decision and row["rule"] is None
        assert row["label_likelihoods"] == pytest.approx(likelihoods, abs=1e-3)


def test_adapter_folder_without_adapter_is_a_one_line_error(tmp_path):
    code, out, err = run(["judge", str(FIXTURES / "judge_card_items.jsonl"), "--adapter", str(tmp_path)])
    assert (code, out) == (2, "") and err.strip().endswith("not a PEFT adapter folder (no adapter_config.json)")


def _update_readme() -> None:
    """Re-run every README example and write its real output into the block below it."""
    import tempfile

    text = README.read_text(encoding="utf-8")
    for script, shown in reversed(readme_examples(text)):
        with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
            output = run_script(script, Path(tmp))
        text = text[:shown.start(2)] + output + text[shown.end(2):]
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--update-readme"]:
    _update_readme()
