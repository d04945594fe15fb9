"""Chat templates per backbone: Qwen3 answers without thinking, and training uses the format generation uses."""

import pytest

from tenacious import paths
from tenacious.backbones import TINY, load_tokenizer
from tenacious.bench.prompts import chat_template_kwargs, render_prompt
from tenacious.infer import encode_prompt

# Qwen3's template written out as a file (no hub); scripts/gpu_dryrun.py gives it to its Qwen3-shaped model too.
QWEN3_TEMPLATE = (paths.REPO_ROOT / "scripts" / "configs" / "qwen3_chat_template.jinja").read_text()
MESSAGES = [{"role": "system", "content": "You write cold outreach emails."},
            {"role": "user", "content": "Write one email to Ana at Lumen Health."}]
EMAIL = "Subject: Engineers for Lumen\n\nHi Ana, ..."


@pytest.fixture
def qwen3_tokenizer():
    tok = load_tokenizer(TINY)  # any BPE tokenizer; only the template matters here
    tok.chat_template = QWEN3_TEMPLATE
    return tok


def test_qwen3_prompt_closes_the_think_block_so_the_answer_comes_first(qwen3_tokenizer):
    prompt = render_prompt(qwen3_tokenizer, MESSAGES)
    turn = prompt[prompt.rindex("<|im_start|>assistant\n") + len("<|im_start|>assistant\n"):]
    assert turn == "<think>\n\n</think>\n\n"  # thinking already closed: nothing left to open
    # Without the switch the same template would leave the turn open, and Qwen3 starts with <think>.
    thinking = qwen3_tokenizer.apply_chat_template(MESSAGES, add_generation_prompt=True, tokenize=False)
    assert thinking.endswith("<|im_start|>assistant\n")


def test_qwen3_training_text_is_the_templates_own_finished_conversation(qwen3_tokenizer):
    prompt = render_prompt(qwen3_tokenizer, MESSAGES)
    finished = qwen3_tokenizer.apply_chat_template([*MESSAGES, {"role": "assistant", "content": EMAIL}],
                                                   tokenize=False)
    assert finished == prompt + EMAIL + "<|im_end|>\n"
    assert "<think>" not in finished[finished.index(EMAIL):]


def test_encoded_prompt_ends_with_the_closed_think_block(qwen3_tokenizer):
    ids = encode_prompt(qwen3_tokenizer, MESSAGES)
    assert qwen3_tokenizer.decode(ids).endswith("<|im_start|>assistant\n<think>\n\n</think>\n\n")


def test_templates_without_the_switch_get_nothing_extra():
    tok = load_tokenizer(TINY)  # SmolLM2's template, like Qwen2.5's, has no enable_thinking
    assert chat_template_kwargs(tok) == {}
    assert render_prompt(tok, MESSAGES).endswith("<|im_start|>assistant\n")


def test_training_pairs_use_the_rendered_prompt(qwen3_tokenizer):
    from tenacious.train import pairs_dataset

    pair = {"prompt_messages": MESSAGES, "chosen": EMAIL, "rejected": "Subject: x\n\nBuy now."}
    row = pairs_dataset([pair], qwen3_tokenizer)[0]
    assert row["prompt"] == render_prompt(qwen3_tokenizer, MESSAGES)
    assert row["prompt"].endswith("</think>\n\n")
