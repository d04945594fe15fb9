"""Profile loading: the shipped profiles validate; bad files are rejected naming file and key."""

import pytest
import yaml

from tenacious import paths
from tenacious.profiles import PROFILE_NAMES, ProfileError, load_profile, load_profile_file, resolve_name


@pytest.mark.parametrize("name", PROFILE_NAMES)
def test_shipped_profiles_validate(name):
    profile = load_profile(name)
    assert profile.name == name
    assert profile.train.critic.method == "simpo" and profile.train.judge.method == "orpo"
    assert all(isinstance(s, int) for s in profile.train.critic.seeds)


def test_paper_profile_keeps_the_card_hyper_parameters():
    critic, judge = load_profile("paper").train.critic, load_profile("paper").train.judge
    assert (critic.beta, critic.simpo_gamma, critic.learning_rate, critic.num_epochs) == (2.0, 1.0, 5e-6, 8)
    assert (critic.per_device_batch, critic.grad_accum, critic.max_length) == (2, 4, 2048)
    assert (critic.lora_r, critic.lora_alpha, critic.lora_dropout) == (16, 32, 0.0)
    assert (judge.beta, judge.learning_rate, judge.max_steps, judge.seeds) == (0.1, 8e-5, 200, [3407])
    assert (judge.lora_r, judge.lora_alpha) == (16, 16)


def test_auto_resolves_by_hardware(monkeypatch):
    from tenacious import profiles

    monkeypatch.setattr(profiles, "cuda_available", lambda: False)
    assert resolve_name("auto") == "cpu"
    monkeypatch.setattr(profiles, "cuda_available", lambda: True)
    assert resolve_name("auto") == "paper"


def test_unknown_profile_name():
    with pytest.raises(ProfileError, match="unknown profile 'nope'"):
        load_profile("nope")


def _write(tmp_path, mutate):
    data = yaml.safe_load((paths.PROFILES_DIR / "smoke.yaml").read_text())
    mutate(data)
    path = tmp_path / "smoke.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_wrong_type_names_file_and_key(tmp_path):
    path = _write(tmp_path, lambda d: d["train"]["critic"].update(max_steps="two"))
    with pytest.raises(ProfileError) as err:
        load_profile_file(path)
    assert str(path) in str(err.value) and "train.critic.max_steps" in str(err.value)


def test_bool_is_not_an_int(tmp_path):
    path = _write(tmp_path, lambda d: d["ablate"].update(k=True))
    with pytest.raises(ProfileError, match="ablate.k"):
        load_profile_file(path)


def test_unknown_key_rejected(tmp_path):
    path = _write(tmp_path, lambda d: d["train"]["judge"].update(learning_rte=1e-4))
    with pytest.raises(ProfileError, match="unknown key 'train.judge.learning_rte'"):
        load_profile_file(path)


def test_missing_key_rejected(tmp_path):
    path = _write(tmp_path, lambda d: d["stats"].pop("seed"))
    with pytest.raises(ProfileError, match="missing key 'stats.seed'"):
        load_profile_file(path)


def test_bad_choice_rejected(tmp_path):
    path = _write(tmp_path, lambda d: d["train"]["critic"].update(precision="int3"))
    with pytest.raises(ProfileError, match="train.critic.precision"):
        load_profile_file(path)


def test_int_accepted_where_float_expected(tmp_path):
    path = _write(tmp_path, lambda d: d["train"]["critic"].update(beta=2))
    assert load_profile_file(path).train.critic.beta == 2.0


def test_prompt_format_is_validated_and_set_per_profile(tmp_path):
    assert {n: load_profile(n).prompt_format for n in PROFILE_NAMES} == {
        "smoke": "compact", "cpu": "compact", "paper": "full"}
    path = _write(tmp_path, lambda d: d.update(prompt_format="terse"))
    with pytest.raises(ProfileError, match="prompt_format"):
        load_profile_file(path)


def test_cpu_schedule_is_lora_scale_and_validates_on_a_sample_not_a_prefix():
    for track in ("critic", "judge"):
        t = load_profile("cpu").train[track]
        assert t.learning_rate >= 1e-4 and t.lr_scheduler == "constant_with_warmup" and t.warmup_ratio >= 1
        assert t.grad_accum == 1 and t.max_steps >= 2 * t.eval_steps
    cpu = load_profile("cpu").train
    assert (cpu.critic.per_device_batch, cpu.critic.lora_layers) == (2, 0)
    # the judge's completions are a few tokens: LoRA on the top layers, more pairs per step (issue 18)
    assert (cpu.judge.per_device_batch, cpu.judge.lora_layers) == (4, 8)
    assert cpu.critic.max_eval_pairs == 0  # all dev pairs
    assert load_profile("cpu").ablate.max_judge_items > 30
