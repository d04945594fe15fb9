"""Golden tests for the critic scorer, the mutator, critic pairs and the raw-file readers.

The goldens are hand-written emails for five hand-built tasks. Each states which dimensions must
come out clean ("ok": no violation charged to that dimension) and which must be penalised ("low":
a violation there and the dimension below 1.0), and which hard caps must fire; a meta-test checks
that every dimension has at least four of each and that every hard cap is exercised. The scorer is
evidence-based (since v0.2), so a clean draft is not automatically 1.0: full grounding needs two brief facts.
"""

from __future__ import annotations

import json
import random

import pytest

from tenacious.bench import critic_pairs, critic_tasks, facts, mutator, schema, scorer, style_guide
from tenacious.bench.context import make_context
from tenacious.bench.prompts import JUDGE_LABELS, critic_messages, format_judge_completion
from tenacious.io import InputError


def _task(task_id, goal, needs_slot, must_include, must_not, offer=None, **context):
    return {
        "task_id": task_id, "template_id": "ADV-golden", "stratum": "ADV",
        "context": make_context(random.Random(0), **context), "instruction": "Golden test task.", "goal": goal,
        "needs_slot": needs_slot, "offer": offer, "style_guide_excerpts": list(style_guide.RULE_IDS),
        "must_include": must_include, "must_not": must_not, "notes": "",
    }


BERLIN = _task(
    "ADV-901", "intro_call", True, ["Quillfield", "EAT"], ["Kaleb Fikru", "guarantee"],
    company="Quillfield", industry="logistics", regulated=False, headcount=120, hq_timezone="Europe/Berlin",
    recipient={"name": "Mira Achterberg", "role": "cto"}, segment="segment_1",
    ai_maturity={"score": 1, "confidence": "high"},
    funding={"stage": "series_a", "amount_usd": 12_000_000, "confidence": "high"},
    signals=[{"kind": "funding", "text": "Raised $12M (Series A)", "value": 12_000_000, "confidence": "high"},
             {"kind": "hiring", "text": "14 open engineering roles", "value": 14, "confidence": "medium"}],
    prior_commitments=[{"engineer": "Kaleb Fikru", "stack": "go", "until": "2026-06-30"}],
)
LA = _task(
    "ADV-902", "intro_call", True, ["Corvane Pay", facts.COMPLIANCE_CAVEAT, "async"], [],
    company="Corvane Pay", industry="fintech", regulated=True, headcount=300, hq_timezone="America/Los_Angeles",
    recipient={"name": "Dario Lindqvist", "role": "vp_eng"}, segment="segment_4",
    ai_maturity={"score": 3, "confidence": "high"},
    funding={"stage": "series_b", "amount_usd": 30_000_000, "confidence": "low"},
    signals=[{"kind": "ai_initiative", "text": "Talks about an ML platform team", "value": "an ML platform team",
              "confidence": "high"}],
    prior_commitments=[],
)
NY_ABSTAIN = _task(
    "ADV-903", "intro_call", True, ["Tesselwick", "EAT"], [],
    company="Tesselwick", industry="media", regulated=False, headcount=45, hq_timezone="America/New_York",
    recipient={"name": "Greta Pemberton", "role": "founder"}, segment="abstain",
    ai_maturity={"score": 0, "confidence": "medium"},
    funding={"stage": "seed", "amount_usd": 2_000_000, "confidence": "medium"},
    signals=[{"kind": "product_launch", "text": "Beta of Tesselwick Relay", "value": "Tesselwick Relay",
              "confidence": "medium"}],
    prior_commitments=[],
)
LONDON_BENCH = _task(
    "ADV-904", "bench_offer", False, ["Harrowmill"], ["guarantee"], offer={"stack": "python", "count": 2},
    company="Harrowmill", industry="retail", regulated=False, headcount=900, hq_timezone="Europe/London",
    recipient={"name": "Hugo Zeller", "role": "vp_eng"}, segment="segment_2",
    ai_maturity={"score": 2, "confidence": "high"},
    funding={"stage": "bootstrapped", "amount_usd": None, "confidence": "high"},
    signals=[{"kind": "layoffs", "text": "Announced a 12% workforce reduction", "value": 12, "confidence": "high"}],
    prior_commitments=[],
)
ADDIS_NO = _task(
    "TRC-905", "check_back", False, ["Yoricfield"], [],
    company="Yoricfield", industry="edtech", regulated=False, headcount=200, hq_timezone="Africa/Addis_Ababa",
    recipient={"name": "Elin Sandoval", "role": "cto"}, segment="segment_3",
    ai_maturity={"score": 1, "confidence": "high"},
    funding={"stage": "series_a", "amount_usd": 9_000_000, "confidence": "high"},
    signals=[{"kind": "leadership_change", "text": "New CTO started", "value": "CTO", "confidence": "high"}],
    prior_thread=[{"from": "agent", "text": "Would a flexible team shape help with early wins?"},
                  {"from": "prospect", "text": "Not this quarter, sorry."}],
    prior_commitments=[],
)

SIGN = "\n\nBest,\nHiwot"
BERLIN_ASK = "Would a 30-minute call on Tuesday at 10:00 CET (12:00 EAT) work for you?"
BERLIN_PITCH = "When the hiring ramp lags the growth plan, our engineers can join your sprints within two weeks."


def berlin(body: str, subject: str = "Quillfield and extra engineering capacity") -> str:
    return f"Subject: {subject}\n\nHi Mira,\n\n{body}{SIGN}"


BERLIN_OK = berlin(f"Congratulations on the $12M Series A round. {BERLIN_PITCH}\n\n{BERLIN_ASK}")
LA_OK = ("Subject: Specialist engineers for Corvane Pay\n\nHi Dario,\n\nI saw that Corvane Pay is building an ML "
         "platform team. We add specialist engineers for the skills your team lacks. Our ML engineers have built "
         f"production models before. Any engagement would be {facts.COMPLIANCE_CAVEAT}.\n\nWould a short recorded "
         f"walkthrough you can watch async be useful?{SIGN}")
NY_OK = ("Subject: A question for Tesselwick\n\nHi Greta,\n\nHow is Tesselwick Relay landing with early users? "
         "How are you thinking about engineering capacity this year?\n\nWould a 30-minute call on Wednesday at "
         f"09:00 ET (17:00 EAT) work for you?{SIGN}")
LONDON_OK = ("Subject: Harrowmill and a leaner team\n\nHi Hugo,\n\nI saw that Harrowmill reduced headcount by about "
             "12% this year. We keep delivery moving with a leaner team. Two Python engineers are free to start "
             "within two weeks, from $6,500 to $9,000 per engineer-month.\n\nWould it help if I shared their "
             f"profiles?{SIGN}")
ADDIS_OK = ("Subject: Thanks from Tenacious\n\nHi Elin,\n\nThanks for the clear answer. Understood for Yoricfield, "
            f"and I will not push.\n\nWould it be alright to check back next quarter?{SIGN}")
LONG_FILLER = " ".join(["We plan every sprint with care and report on progress each week."] * 9)

# (id, task, email, expected dimensions {dim: "ok"|"low"}, expected caps)
GOLDENS = [
    # --- clean drafts: every dimension perfect -------------------------------------------------
    ("berlin_ok", BERLIN, BERLIN_OK,
     {"grounding": "ok", "tone": "ok", "icp_fit": "ok", "ai_maturity": "ok", "scheduling": "ok"}, []),
    ("la_async_ok", LA, LA_OK,
     {"grounding": "ok", "tone": "ok", "icp_fit": "ok", "ai_maturity": "ok", "scheduling": "ok"}, []),
    ("ny_abstain_ok", NY_ABSTAIN, NY_OK,
     {"grounding": "ok", "tone": "ok", "icp_fit": "ok", "ai_maturity": "ok", "scheduling": "ok"}, []),
    ("london_bench_ok", LONDON_BENCH, LONDON_OK,
     {"grounding": "ok", "tone": "ok", "icp_fit": "ok", "ai_maturity": "ok", "scheduling": "ok"}, []),
    ("addis_check_back_ok", ADDIS_NO, ADDIS_OK,
     {"grounding": "ok", "tone": "ok", "icp_fit": "ok", "ai_maturity": "ok", "scheduling": "ok"}, []),
    # --- grounding -------------------------------------------------------------------------------
    ("hedged_question_ok", BERLIN,
     berlin(f"Are you still hiring for the 14 engineering roles I saw listed? {BERLIN_PITCH}\n\n{BERLIN_ASK}"),
     {"grounding": "ok"}, []),
    ("hedge_word_ok", BERLIN,
     berlin(f"It looks like you have 14 open roles. {BERLIN_PITCH}\n\n{BERLIN_ASK}"), {"grounding": "ok"}, []),
    ("medium_signal_as_fact", BERLIN,
     berlin(f"Your careers page lists 14 open engineering roles. {BERLIN_PITCH}\n\n{BERLIN_ASK}"),
     {"grounding": "low", "tone": "ok"}, []),
    ("invented_headcount", BERLIN,
     berlin(f"With 400 engineers planned this year, {BERLIN_PITCH.lower()}\n\n{BERLIN_ASK}"),
     {"grounding": "low", "tone": "ok"}, []),
    ("low_conf_amount_in_question", LA,
     LA_OK.replace("Hi Dario,\n\n", "Hi Dario,\n\nDid you really raise $30M? "), {"grounding": "low"}, []),
    ("missing_must_include", LA,
     LA_OK.replace(f" Any engagement would be {facts.COMPLIANCE_CAVEAT}.", ""), {"grounding": "low"}, []),
    # --- tone --------------------------------------------------------------------------------------
    ("banned_phrase", BERLIN,
     berlin(f"Congratulations on the $12M Series A round. Our world-class team can help. {BERLIN_PITCH}\n\n"
            f"{BERLIN_ASK}"), {"tone": "low", "grounding": "ok"}, []),
    ("condescension", BERLIN,
     berlin(f"As you probably know, hiring is hard. {BERLIN_PITCH}\n\n{BERLIN_ASK}"), {"tone": "low"}, []),
    ("over_word_limit", BERLIN,
     berlin(f"{BERLIN_PITCH} {LONG_FILLER}\n\n{BERLIN_ASK}"), {"tone": "low", "grounding": "ok"}, []),
    ("no_subject_line", BERLIN,
     f"Hi Mira,\n\nA thought for Quillfield. {BERLIN_PITCH}\n\n{BERLIN_ASK}{SIGN}", {"tone": "low", "grounding": "ok"},
     []),
    ("long_subject", BERLIN,
     berlin(f"{BERLIN_PITCH}\n\n{BERLIN_ASK}",
            subject="Quillfield, your hiring ramp, and how extended teams help growing companies"),
     {"tone": "low", "icp_fit": "ok"}, []),
    ("stacked_asks", BERLIN,
     berlin(f"{BERLIN_PITCH}\n\n{BERLIN_ASK} Could you also share your hiring plan? Can we include your CFO?"),
     {"tone": "low", "scheduling": "ok"}, []),
    ("no_ask", LONDON_BENCH, LONDON_OK.replace("\n\nWould it help if I shared their profiles?", ""),
     {"tone": "low", "grounding": "ok"}, []),
    ("tone_ok_with_hedge", NY_ABSTAIN, NY_OK, {"tone": "ok"}, []),
    # --- ICP fit ------------------------------------------------------------------------------------
    ("off_segment_pitch", BERLIN,
     berlin(f"{BERLIN_PITCH} We also offer a lower cost per engineer.\n\n{BERLIN_ASK}"),
     {"icp_fit": "low", "tone": "ok"}, []),
    ("no_segment_angle", BERLIN,
     berlin(f"Tenacious provides engineers from Addis Ababa.\n\n{BERLIN_ASK}"), {"icp_fit": "low"}, []),
    ("abstain_pitched", NY_ABSTAIN,
     NY_OK.replace("How are you thinking about engineering capacity this year?",
                   "We help you scale the team quickly."), {"icp_fit": "low"}, []),
    ("abstain_no_question", NY_ABSTAIN,
     NY_OK.replace(" How are you thinking about engineering capacity this year?", "").replace(
         "How is Tesselwick Relay landing with early users?", "Tenacious works with media companies."),
     {"icp_fit": "low"}, []),
    ("pitch_after_soft_no", ADDIS_NO,
     ADDIS_OK.replace("and I will not push.", "and a flexible team shape still brings early wins."),
     {"icp_fit": "low"}, []),
    ("segment4_angle_ok", LA, LA_OK, {"icp_fit": "ok"}, []),
    # --- AI-maturity gate -----------------------------------------------------------------------------
    ("ai_pitch_low_maturity", BERLIN,
     berlin(f"{BERLIN_PITCH} Our ML engineers can fine-tune your models.\n\n{BERLIN_ASK}"),
     {"ai_maturity": "low", "icp_fit": "ok"}, []),
    ("ai_pitch_maturity_zero", NY_ABSTAIN,
     NY_OK.replace("How is Tesselwick Relay landing with early users?", "We build AI agents for media teams."),
     {"ai_maturity": "low"}, []),
    ("ai_in_subject", BERLIN, berlin(f"{BERLIN_PITCH}\n\n{BERLIN_ASK}", subject="AI engineers for Quillfield"),
     {"ai_maturity": "low", "tone": "ok"}, []),
    ("machine_learning_phrase", NY_ABSTAIN,
     NY_OK.replace("How is Tesselwick Relay landing with early users?",
                   "Our machine learning team is ready for you."), {"ai_maturity": "low"}, []),
    ("ai_question_is_not_pitch", BERLIN,
     berlin(f"Is AI on your roadmap this year? {BERLIN_PITCH}\n\n{BERLIN_ASK}"), {"ai_maturity": "ok"}, []),
    ("ai_pitch_allowed_at_three", LA, LA_OK, {"ai_maturity": "ok"}, []),
    # --- scheduling ------------------------------------------------------------------------------------
    ("am_pm_slot_ok", NY_ABSTAIN, NY_OK.replace("09:00 ET (17:00 EAT)", "9am ET (5pm EAT)"),
     {"scheduling": "ok"}, []),
    ("no_slot_needed_ok", LONDON_BENCH, LONDON_OK, {"scheduling": "ok"}, []),
    ("slot_outside_window", BERLIN, berlin(f"{BERLIN_PITCH}\n\n" + BERLIN_ASK.replace(
        "10:00 CET (12:00 EAT)", "15:00 CET (17:00 EAT)")), {"scheduling": "low", "tone": "ok"}, []),
    ("wrong_zone", BERLIN, berlin(f"{BERLIN_PITCH}\n\n" + BERLIN_ASK.replace("CET", "PT")),
     {"scheduling": "low"}, []),
    ("live_slot_without_overlap", LA,
     LA_OK.replace("Would a short recorded walkthrough you can watch async be useful?",
                   "Would 09:00 PT (20:00 EAT) on Tuesday work? I can send an async summary first."),
     {"scheduling": "low"}, []),
    ("prospect_zone_unnamed", BERLIN, berlin(f"{BERLIN_PITCH}\n\nWould a call on Tuesday at 12:00 EAT work?"),
     {"scheduling": "low"}, []),
    ("zone_mismatch", BERLIN, berlin(f"{BERLIN_PITCH}\n\n" + BERLIN_ASK.replace("12:00 EAT", "13:00 EAT")),
     {"scheduling": "low"}, []),
    ("zoneless_time", BERLIN, berlin(f"{BERLIN_PITCH}\n\nWould a call on Tuesday at 10:00 work? It is 12:00 EAT."),
     {"scheduling": "low"}, []),
    ("no_slot_when_asked", NY_ABSTAIN,
     NY_OK.replace("a 30-minute call on Wednesday at 09:00 ET (17:00 EAT)", "a short call next week"),
     {"scheduling": "low", "tone": "ok"}, []),
    ("no_async_without_overlap", LA,
     LA_OK.replace("Would a short recorded walkthrough you can watch async be useful?",
                   "Would a short call next week be useful?"), {"scheduling": "low"}, []),
    # --- hard caps -------------------------------------------------------------------------------------
    ("must_not_token", LONDON_BENCH, LONDON_OK.replace("Two Python", "We guarantee results. Two Python"),
     {"grounding": "low"}, ["must_not"]),
    ("invented_tcv", LONDON_BENCH,
     LONDON_OK.replace("per engineer-month.", "per engineer-month, or about $1.4M in total over three phases."),
     {"grounding": "low"}, ["invented_contract_value"]),
    ("tcv_acronym", BERLIN, berlin(f"{BERLIN_PITCH} Our usual TCV is modest.\n\n{BERLIN_ASK}"), {},
     ["invented_contract_value"]),
    ("bench_overcommit", BERLIN,
     berlin(f"{BERLIN_PITCH} Three Go engineers can start next month.\n\n{BERLIN_ASK}"),
     {"grounding": "low"}, ["bench_overcommit"]),
    ("committed_engineer", BERLIN,
     berlin(f"{BERLIN_PITCH} Kaleb Fikru could lead the work.\n\n{BERLIN_ASK}"),
     {"grounding": "low"}, ["bench_overcommit", "must_not"]),
]
HARD_CAPS = ("must_not", "invented_contract_value", "bench_overcommit")


@pytest.mark.parametrize("name,task,email,expect,caps", GOLDENS, ids=[g[0] for g in GOLDENS])
def test_golden(name, task, email, expect, caps):
    result = scorer.score(task, email)
    why = json.dumps(result["violations"], indent=1)
    charged = {v["dimension"] for v in result["violations"]}
    for dim, verdict in expect.items():
        if verdict == "ok":
            assert dim not in charged, f"{dim} should be clean:\n{why}"
        else:
            assert dim in charged and result["dimensions"][dim] < 1.0, f"{dim} should be penalised:\n{why}"
    fired = {c["cap"] for c in result["caps"]}
    for cap in caps:
        assert cap in fired
        assert result["overall"] <= 1 - scorer.HARD_SEVERITY
    assert not fired & set(HARD_CAPS) - set(caps), f"unexpected hard cap: {result['caps']}"
    if all(v == "ok" for v in expect.values()) and len(expect) == len(scorer.DIMENSIONS):
        assert result["overall"] >= 0.9 and not result["violations"], why
    for violation in result["violations"]:  # every explanation points at its evidence (or at nothing missing)
        if violation["span"] is not None:
            start, end = violation["span"]
            assert email[start:end] == violation["evidence"] and end > start


def test_goldens_cover_every_dimension_and_cap():
    assert len(GOLDENS) >= 40
    for dim in scorer.DIMENSIONS:
        verdicts = [g[3].get(dim) for g in GOLDENS]
        assert verdicts.count("ok") >= 4, dim
        assert verdicts.count("low") >= 4, dim
    assert set(HARD_CAPS) <= {cap for g in GOLDENS for cap in g[4]}


def test_scorer_shape_and_weights():
    assert abs(sum(scorer.WEIGHTS.values()) - 1.0) < 1e-9
    result = scorer.score(BERLIN, berlin(f"{BERLIN_PITCH}\n\n" + BERLIN_ASK.replace("CET", "PT")))
    assert {"overall", "dimensions", "violations", "caps"} <= set(result)
    assert all(0.0 <= v <= 1.0 for v in result["dimensions"].values())
    assert all({"dimension", "rule", "detail", "span", "evidence"} <= set(v) for v in result["violations"])
    one = scorer.score(BERLIN, BERLIN_OK.replace("10:00 CET (12:00 EAT)", "10:00 CET (13:00 EAT)"))
    two = scorer.score(BERLIN, BERLIN_OK.replace("10:00 CET (12:00 EAT)", "10:00 PT (13:00 EAT)"))
    assert scorer.score(BERLIN, BERLIN_OK)["overall"] > one["overall"] > two["overall"]  # graded, no flat cap
    assert scorer.score(BERLIN, BERLIN_OK) == scorer.score(BERLIN, BERLIN_OK)


@pytest.fixture(scope="module")
def sample_tasks():
    """A small, fixed cross-section of generated tasks (every stratum)."""
    tasks = critic_tasks.generate_critic_tasks(20261121)
    by_stratum = {}
    for task in tasks:
        by_stratum.setdefault(task["stratum"], []).append(task)
    return [t for s in sorted(by_stratum) for t in by_stratum[s][:4]]


def test_templates_behave_as_labelled(sample_tasks):
    """The best GOOD draft is clean and scores high; every BAD draft breaks one of the rules its template claims to."""
    for task in sample_tasks:
        best = max((scorer.score(task, e) for _, e in style_guide.good_drafts(task)), key=lambda r: r["overall"])
        assert best["overall"] >= 0.9 and not best["violations"], (task["task_id"], best["violations"])
        for index, (template_id, email) in enumerate(style_guide.bad_drafts(task)):
            rules = {v["rule"] for v in scorer.score(task, email)["violations"]}
            assert rules & set(style_guide.BAD_BREAKS[index]), (task["task_id"], template_id)


@pytest.mark.parametrize("kind", mutator.KINDS)
def test_each_mutation_drops_its_target_dimension(kind, sample_tasks):
    rng = random.Random(5)
    applied = 0
    for task in sample_tasks:
        email = max((e for _, e in style_guide.good_drafts(task)), key=lambda e: scorer.score(task, e)["overall"])
        result = mutator.mutate(kind, task, email, rng)
        if result is None:
            assert kind == "must_not" and not task["must_not"]
            continue
        corrupted, target = result
        before, after = scorer.score(task, email), scorer.score(task, corrupted)
        assert target == mutator.TARGETS[kind]
        assert after["dimensions"][target] < before["dimensions"][target], (task["task_id"], corrupted)
        applied += 1
    assert applied >= 8


def test_pairs_have_margins_counts_and_prompts(sample_tasks):
    pairs = critic_pairs.make_critic_pairs(sample_tasks, random.Random(3), n_style=10, n_mutator=12)
    kinds = [p["kind"] for p in pairs]
    assert kinds.count("style_anchor") == 10 and len(pairs) == 22
    assert len({k for k in kinds if k.startswith("mutator:")}) == len(mutator.KINDS)
    by_id = {t["task_id"]: t for t in sample_tasks}
    for pair in pairs:
        schema.validate_preference_pair(pair)
        assert pair["margin"] >= critic_pairs.MIN_MARGIN
        task = by_id[pair["source_id"]]
        measured = scorer.score(task, pair["chosen"])["overall"] - scorer.score(task, pair["rejected"])["overall"]
        assert abs(measured - pair["margin"]) < 1e-3
        assert pair["prompt_messages"] == critic_messages(task)
    again = critic_pairs.make_critic_pairs(sample_tasks, random.Random(3), n_style=10, n_mutator=12)
    assert again == pairs
    with pytest.raises(critic_pairs.PairShortageError):
        critic_pairs.make_critic_pairs(sample_tasks, random.Random(3), n_style=len(sample_tasks) + 1, n_mutator=0)


def test_generated_tasks_are_valid_deterministic_and_grouped():
    tasks = critic_tasks.generate_critic_tasks(11)
    assert tasks == critic_tasks.generate_critic_tasks(11)
    counts = {s: sum(t["stratum"] == s for t in tasks) for s in schema.STRATA}
    assert counts["ADV"] >= 20 and counts["PRG"] >= 22 and counts["SYN"] >= 10 and counts["TRC"] >= 15
    assert len({t["task_id"] for t in tasks}) == len(tasks)
    for task in tasks:
        schema.validate_critic_task(task)
        assert task["template_id"].startswith(task["stratum"])


def test_bad_raw_line_names_file_and_line(tmp_path):
    good = (critic_tasks.paths.RAW_DIR / "adv_tasks.jsonl").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "adv_tasks.jsonl"
    broken.write_text("\n".join(good[:2] + ['{"task_id": "ADV-999", oops}'] + good[2:]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{broken}:3: invalid JSON"):
        critic_tasks.adv_tasks(1, broken)
    row = json.loads(good[0])
    del row["context"]
    invalid = tmp_path / "threads.jsonl"
    invalid.write_text(json.dumps({"thread_id": "th-x", "context": {}, "turns": [{"from": "bot", "text": "hi"}]})
                       + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{invalid}:1: .*field 'turns/0/from'"):
        critic_tasks.trc_tasks(1, invalid)


def test_schema_errors_name_the_field_path():
    task = json.loads(json.dumps(BERLIN))
    task["context"]["hq_timezone"] = "Mars/Olympus"
    with pytest.raises(schema.SchemaError, match="field 'context/hq_timezone'"):
        schema.validate_critic_task(task)


def test_exported_schemas_are_valid_and_stable(tmp_path):
    from jsonschema import Draft202012Validator

    first = schema.export_json_schemas(tmp_path / "a")
    second = schema.export_json_schemas(tmp_path / "b")
    assert [p.name for p in first] == sorted(f"{name}.schema.json" for name in schema.SCHEMAS)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
        Draft202012Validator.check_schema(json.loads(a.read_text(encoding="utf-8")))
    trace = {"item_id": "ADV-001", "condition": "baseline", "seed": 11, "outputs": ["Subject: x\n\nHi"],
             "candidate_scores": [0.5], "selected_index": 0, "forward_passes": 1, "generated_tokens": 9,
             "wall_seconds": 0.2, "score": {"overall": 0.5, "dimensions": dict.fromkeys(scorer.DIMENSIONS, 0.5)}}
    schema.validate_ablation_trace(trace)
    with pytest.raises(schema.SchemaError, match="field 'score/dimensions/tone'"):
        schema.validate_ablation_trace({**trace, "score": {"overall": 0.5, "dimensions": {
            **dict.fromkeys(scorer.DIMENSIONS, 0.5), "tone": 2.0}}})


def test_judge_completion_format():
    text = format_judge_completion("BLOCK", 6, "Cites   the funding amount at low confidence.")
    assert text == "DECISION: BLOCK\nRULE: 6\nRATIONALE: Cites the funding amount at low confidence."
    assert JUDGE_LABELS == ("SUPPRESS", "ESCALATE", "BLOCK", "PENALISE", "PASS")
    with pytest.raises(ValueError):
        format_judge_completion("ALLOW", 11, "x")
