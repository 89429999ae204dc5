"""Every route takes every input format: ``elementlist.load(source, input_format=...)``, the
calls that take a source, the batch, and the CLI's ``--from`` / ``--verbose`` / ``import``
(run as a subprocess). The real ASR samples are read from ../shared/reference/asr-samples
at test time (skipped, with the reason, where it is absent)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import srt
from conftest import EXAMPLES, run_cli
from importer_fixtures.support import ASR_SAMPLES, asr_sample, text_of

import elementlist
from elementlist import ElementListError, OptionError
from elementlist.batch import BatchOptions, convert

PODCAST = EXAMPLES / "podcast_v3.json"
DEEPGRAM = "deepgram__deepgram-python-captions__test_dg_utterances.json"
AWS = "wbur__amazon-transcribe-JSON-to-SRT__sample.json"
WHISPER = "deepgram__deepgram-python-captions__test_whisper_timestamped.json"
EMPTY = "speechmatics__speechmatics-python__tests_data_convert_to_txt_empty.json"
SAMPLE_NAMES = sorted(p.name for p in ASR_SAMPLES.glob("*.json")) or [DEEPGRAM]
BROKEN_ELEMENTLIST = (
    b'{"version": 3, "segments": [{"start_time": 0, "end_time": "x", "sequences": []}]}'
)


# --- the CLI --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_caption_reads_every_real_asr_sample_through_auto(name: str) -> None:
    sample = asr_sample(name)
    done = run_cli("caption", str(sample), "-f", "srt")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert text == elementlist.get_caption(sample, "SRT")
    if name != EMPTY:
        cues = list(srt.parse(text))
        assert cues and all(c.content.strip() for c in cues)


def test_verbose_says_the_format_in_one_line() -> None:
    sample = asr_sample(DEEPGRAM)
    done = run_cli("caption", str(sample), "-f", "srt", "--verbose")
    assert done.returncode == 0
    lines = done.stderr.decode().splitlines()
    assert lines == [
        f"elementlist: {sample}: recognised as deepgram (Deepgram pre-recorded response)"
    ]
    named = run_cli("transcript", str(sample), "--from", "Deepgram", "-v")
    assert named.stderr.decode().splitlines() == [
        f"elementlist: {sample}: read as deepgram (Deepgram pre-recorded response)"
    ]
    quiet = run_cli("caption", str(PODCAST))
    assert quiet.returncode == 0 and quiet.stderr == b""
    loud = run_cli("validate", str(PODCAST), "-v")
    assert "recognised as elementlist" in loud.stderr.decode()


def test_a_wrong_from_name_is_a_usage_error_with_the_closest(tmp_path: Path) -> None:
    out = tmp_path / "out.srt"
    done = run_cli("caption", str(PODCAST), "--from", "whisperr", "-o", str(out))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2 and lines[0].startswith("usage: elementlist caption")
    assert "argument --from: unknown source format 'whisperr' (did you mean whisper?)" in lines[1]
    assert not out.exists() and done.stdout == b""
    for command in (["batch", str(PODCAST), "-o", str(tmp_path / "b")], ["validate", str(PODCAST)]):
        assert run_cli(*command, "--from", "deepgrm").returncode == 2
    assert not (tmp_path / "b").exists()


def test_an_unknown_shape_is_one_error_listing_the_names(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"utterances_of_mine": [1, 2, 3]}')
    out = tmp_path / "out.srt"
    done = run_cli("caption", str(odd), "-o", str(out))
    assert done.returncode == 2 and done.stdout == b"" and not out.exists()
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith(f"elementlist: error: {odd}: missing required field 'version'")
    assert "and no other source we know either" in line
    assert "--from NAME" in line and "whisper, whisper-timestamped, whisperx, deepgram" in line
    text = run_cli("caption", "-", stdin=b"just some words\nof no format\n")
    assert text.returncode == 2
    (line,) = text.stderr.decode().splitlines()
    assert "JSON is malformed" in line and "srt, vtt, sbv, dfxp, scc" in line
    assert "Traceback" not in text.stderr.decode()


def test_from_a_source_the_input_is_not_says_what_it_looks_like() -> None:
    done = run_cli("caption", str(PODCAST), "--from", "deepgram")
    assert done.returncode == 2
    (line,) = done.stderr.decode().splitlines()
    assert "not Deepgram pre-recorded response (deepgram): it looks like elementlist" in line


def test_import_writes_an_elementlist_that_validates(tmp_path: Path) -> None:
    sample = asr_sample(AWS)
    out = tmp_path / "aws.json"
    done = run_cli("import", str(sample), "-o", str(out))
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == b""
    checked = run_cli("validate", str(out), "--from", "elementlist", "--strict")
    assert checked.returncode == 0, checked.stdout
    assert (
        checked.stdout.decode().strip().endswith("0 error(s), 0 warning(s), 0 failed, 0 unreadable")
    )
    written = json.loads(out.read_bytes())
    assert written["version"] == 3
    assert text_of(elementlist.load(out)) == text_of(elementlist.load(sample))
    to_stdout = run_cli("import", str(sample), "--from", "aws", "-o", "-")
    assert to_stdout.stdout == out.read_bytes()
    assert run_cli("import", str(sample)).stdout == out.read_bytes()
    caption = run_cli("caption", str(out))
    assert caption.stdout.decode() == elementlist.get_caption(sample, "SRT")


def test_import_of_a_bad_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"monologues": "not a list"}')
    out = tmp_path / "out.json"
    done = run_cli("import", str(bad), "-o", str(out))
    assert done.returncode == 2 and not out.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left either
    assert done.stderr.decode().startswith("elementlist: error: ")


def test_import_reads_caption_files_from_stdin(tmp_path: Path) -> None:
    vtt = elementlist.get_caption(PODCAST, "WEB_VTT").encode()
    done = run_cli("import", "-", "-v", stdin=vtt)
    assert done.returncode == 0
    assert "recognised as vtt" in done.stderr.decode()
    doc = elementlist.loads(done.stdout)
    assert elementlist.validate(doc).violations == ()


def test_batch_converts_a_folder_mixing_elementlists_and_asr_json(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "podcast.json").write_bytes(PODCAST.read_bytes())
    (folder / "deepgram.json").write_bytes(asr_sample(DEEPGRAM).read_bytes())
    (folder / "aws.json").write_bytes(asr_sample(AWS).read_bytes())
    (folder / "odd.json").write_text('{"nothing": "known"}')
    out = tmp_path / "out"
    done = run_cli("batch", str(folder), "-o", str(out), "-j", "1", "-f", "srt", "-f", "txt")
    assert done.returncode == 1  # odd.json failed; the others converted
    rows = {Path(r["input"]).name: r for r in map(json.loads, (out / "_report.jsonl").open())}
    assert rows["odd.json"]["status"] == "failed"
    assert "no other source we know either" in rows["odd.json"]["error"]
    for name in ("podcast.json", "deepgram.json", "aws.json"):
        assert rows[name]["status"] == "ok"
        stem = name[:-5]
        source = folder / name
        assert (out / f"{stem}.srt").read_text() == elementlist.get_caption(source, "SRT")
        assert (out / f"{stem}.txt").read_text() == elementlist.get_transcript(source)
    named = run_cli(
        "batch", str(folder / "podcast.json"), "-o", str(tmp_path / "n"), "--from", "aws"
    )
    assert named.returncode == 1
    assert "not Amazon Transcribe job output" in named.stderr.decode()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_verbose_says_what_each_input_was_read_as(tmp_path: Path, jobs: str) -> None:
    """One line per input read (in a worker or not), as the single-input commands say it;
    the report keeps it as ``read_as``; an input that could not be read has no line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "podcast.json").write_bytes(PODCAST.read_bytes())
    (folder / "deepgram.json").write_bytes(asr_sample(DEEPGRAM).read_bytes())
    (folder / "talk.json").write_bytes(elementlist.get_caption(PODCAST, "SRT").encode())
    (folder / "odd.json").write_text('{"nothing": "known"}')
    out = tmp_path / "out"
    done = run_cli("batch", str(folder), "-o", str(out), "-j", jobs, "--verbose")
    assert done.returncode == 1
    said = sorted(line for line in done.stderr.decode().splitlines() if "recognised as" in line)
    assert said == [
        f"elementlist: {folder / 'deepgram.json'}: recognised as deepgram (Deepgram pre-recorded response)",
        f"elementlist: {folder / 'podcast.json'}: recognised as elementlist (cielo24 ElementList)",
        f"elementlist: {folder / 'talk.json'}: recognised as srt (SubRip captions)",
    ]
    rows = {Path(r["input"]).name: r for r in map(json.loads, (out / "_report.jsonl").open())}
    assert {name: row["read_as"] for name, row in rows.items()} == {
        "deepgram.json": "deepgram",
        "odd.json": None,
        "podcast.json": "elementlist",
        "talk.json": "srt",
    }
    quiet = run_cli("batch", str(folder), "-o", str(tmp_path / "q"), "-j", jobs)
    assert "recognised as" not in quiet.stderr.decode()


def test_the_help_shows_from_and_import() -> None:
    for command in ("caption", "transcript", "validate", "batch", "import"):
        assert "--from NAME" in run_cli(command, "--help").stdout.decode()
    assert "import" in run_cli("--help").stdout.decode()
    script = run_cli("completion", "bash").stdout.decode()
    assert "whisper-timestamped" in script and "import" in script


# --- the library ----------------------------------------------------------------------


def test_load_reads_an_elementlist_the_same_under_auto_and_elementlist() -> None:
    auto = elementlist.load(PODCAST)
    assert elementlist.dumps(auto) == elementlist.dumps(
        elementlist.load(PODCAST, input_format="elementlist")
    )
    assert elementlist.dumps(elementlist.load(PODCAST.read_bytes())) == elementlist.dumps(auto)


def test_a_broken_elementlist_keeps_its_own_error_under_auto() -> None:
    with pytest.raises(ElementListError) as strict:
        elementlist.load(BROKEN_ELEMENTLIST, input_format="elementlist")
    with pytest.raises(ElementListError) as auto:
        elementlist.load(BROKEN_ELEMENTLIST)
    assert str(auto.value) == str(strict.value)
    assert "segments[0].end_time" in str(auto.value)


def test_load_reads_every_kind_of_source_in_any_format(tmp_path: Path) -> None:
    sample = asr_sample(DEEPGRAM)
    want = elementlist.dumps(elementlist.load(sample))
    raw = sample.read_bytes()
    makers = [
        lambda: str(sample), lambda: raw, lambda: raw.decode(), lambda: io.BytesIO(raw),
        lambda: json.loads(raw),
    ]  # fmt: skip
    for make in makers:
        assert elementlist.dumps(elementlist.load(make())) == want
        assert elementlist.dumps(elementlist.load(make(), input_format="deepgram")) == want
    srt_text = elementlist.get_caption(PODCAST, "SRT").encode()
    assert text_of(elementlist.load(srt_text)) == text_of(
        elementlist.load(srt_text, input_format="srt")
    )
    assert text_of(elementlist.load(io.StringIO(srt_text.decode()))) == text_of(
        elementlist.load(srt_text)
    )


def test_elementlist_only_means_only_an_elementlist() -> None:
    sample = asr_sample(DEEPGRAM)
    with pytest.raises(ElementListError, match="missing required field"):
        elementlist.load(sample, input_format="elementlist")


def test_a_wrong_input_format_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.json"
    calls = [
        lambda: elementlist.load(missing, input_format="deepgrm"),
        lambda: elementlist.get_caption(missing, "SRT", input_format="deepgrm"),
        lambda: elementlist.get_transcript(missing, input_format="deepgrm"),
        lambda: elementlist.captions(missing, input_format="deepgrm"),
        lambda: elementlist.validate(missing, input_format="deepgrm"),
        lambda: convert([str(missing)], tmp_path / "out", options=BatchOptions(input_format="x")),
    ]
    for call in calls:
        with pytest.raises(OptionError, match="unknown source format"):
            call()
    assert not (tmp_path / "out").exists()


def test_every_call_takes_input_format() -> None:
    sample = asr_sample(AWS)
    doc = elementlist.load(sample, input_format="aws")
    assert elementlist.get_caption(sample, "SRT", input_format="aws") == elementlist.get_caption(
        doc
    )
    assert elementlist.get_caption(str(sample)) == elementlist.get_caption(doc)
    assert elementlist.get_transcript(sample.read_bytes(), input_format="auto") == (
        elementlist.get_transcript(doc)
    )
    assert elementlist.captions(sample).to("WEB_VTT") == elementlist.captions(doc).to("WEB_VTT")
    assert elementlist.validate(sample).violations == ()
    assert elementlist.validate(sample, input_format="aws").violations == ()
    with pytest.raises(ElementListError, match="not Deepgram"):
        elementlist.get_caption(sample, input_format="deepgram")
    # an ElementList path keeps the fast path and its title (DFXP metadata names the file)
    assert "podcast_v3" in elementlist.get_caption(PODCAST, "DFXP", include_dfxp_metadata=True)


def test_the_batch_takes_input_format(tmp_path: Path) -> None:
    sample = asr_sample(WHISPER)
    rows = convert([str(sample), str(PODCAST)], tmp_path / "out", jobs=1,
                   options=BatchOptions(input_format="whisper-timestamped"))  # fmt: skip
    by_name = {Path(r.input).name: r for r in rows}
    assert by_name[sample.name].status == "ok"
    assert by_name[PODCAST.name].status == "failed"
    assert "not whisper-timestamped JSON" in (by_name[PODCAST.name].error or "")
    srt_out = tmp_path / "out" / (sample.name[:-5] + ".srt")
    assert srt_out.read_text() == elementlist.get_caption(
        sample, input_format="whisper-timestamped"
    )


def test_auto_tells_an_elementlist_from_its_first_bytes_whatever_the_words() -> None:
    # a transcript that says "sequences" is no ElementList: the word is a value, not a key
    tree = json.loads(asr_sample(DEEPGRAM).read_bytes())
    word = tree["results"]["channels"][0]["alternatives"][0]["words"][0]
    word["word"] = word["punctuated_word"] = "sequences"
    raw = json.dumps(tree, separators=(",", ":")).encode()
    assert elementlist.load(raw).tokens()[0].value == "sequences"
    # an ElementList whose segments come after 64 KiB of keywords is still one
    doc = json.loads(PODCAST.read_bytes())
    keywords = {f"k{i}": {"score": 0.5, "time_ranges": []} for i in range(4000)}
    late = json.dumps({"keywords": keywords, **doc}).encode()
    assert late.index(b'"sequences"') > 65536
    assert text_of(elementlist.load(late)) == text_of(elementlist.load(PODCAST))
    assert elementlist.get_caption(late) == elementlist.get_caption(PODCAST)
