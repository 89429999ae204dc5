"""``elementlist completion bash|zsh`` as a subprocess: scripts that name every subcommand and
flag, that the shells accept, and that complete in a real bash."""

from __future__ import annotations

import subprocess

import pytest
from conftest import run_cli

from elementlist.cli import COMMANDS
from elementlist.options import CaptionOptions, TranscriptOptions, option_names


def script(shell: str) -> str:
    done = run_cli("completion", shell)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    return done.stdout.decode()


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_the_script_names_every_subcommand_and_flag(shell: str) -> None:
    text = script(shell)
    for command in COMMANDS:
        assert command in text, command
    for name in {*option_names(CaptionOptions), *option_names(TranscriptOptions)}:
        assert flag(name) in text, name
    for other in ("--query", "--strict", "--output-dir", "--jobs", "--dask", "--max-size"):
        assert other in text, other
    assert "--no-mask-profanity" in text and "--emit-speaker-change-token-as" in text


def test_the_bash_script_is_valid_bash() -> None:
    done = subprocess.run(["bash", "-n"], input=script("bash").encode(), capture_output=True)
    assert done.returncode == 0, done.stderr


def test_the_zsh_script_is_a_compdef_with_descriptions() -> None:
    text = script("zsh")
    assert text.startswith("#compdef elementlist")
    assert "caption:'render an ElementList as captions" in text
    assert "(upper lower unchanged)" in text  # a choice option's values
    assert "(srt subrip web_vtt webvtt vtt" in text  # the formats after -f


BASH_COMPLETE = """
source /dev/stdin
complete_words() {
  COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
  _shtab_elementlist
  printf '%s\\n' "${COMPREPLY[@]}"
}
"""


@pytest.mark.parametrize(
    ("words", "offered", "not_offered"),
    [
        (["elementlist", "tra"], {"transcript"}, {"caption"}),
        (["elementlist", "caption", "--lines-per"], {"--lines-per-caption"}, set()),
        (["elementlist", "caption", "--no-mask"], {"--no-mask-profanity"}, set()),
        (["elementlist", "caption", "-f", "w"], {"web_vtt", "webvtt"}, {"html"}),
        (["elementlist", "batch", "x", "-f", "h"], {"html"}, set()),
        (["elementlist", "caption", "--force-case", ""], {"upper", "lower", "unchanged"}, set()),
        (["elementlist", "completion", ""], {"bash", "zsh"}, set()),
    ],
)
def test_bash_completes_commands_flags_and_values(
    words: list[str], offered: set[str], not_offered: set[str]
) -> None:
    quoted = " ".join(f"'{w}'" for w in words)
    program = BASH_COMPLETE.replace(
        "source /dev/stdin", f"source <(cat <<'EOS'\n{script('bash')}\nEOS\n)"
    )
    done = subprocess.run(
        ["bash", "-c", program + f"\ncomplete_words {quoted}\n"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    got = set(done.stdout.split())
    assert offered <= got, got
    assert not (not_offered & got), got
