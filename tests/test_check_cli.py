"""``elementlist check`` as a subprocess: exit statuses, the --json shape, --html, and the
report page as headless Chromium draws it (a screenshot's pixels and the DOM's text)."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from browser import render_dom, screenshot
from check_support import PLANTED, element_list, expected_planted, planted_srt, spread, srt_of
from conftest import run_cli
from png import read_png

from elementlist.quality.svg import BAR, LIMIT, OVER, WORD


def _clean_srt() -> str:
    return srt_of([(p.start, p.end, p.lines) for p in PLANTED if p.breach is None])


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_exit_0_for_a_clean_file_and_1_with_one_line_per_breach(tmp_path: Path) -> None:
    clean = tmp_path / "clean.srt"
    clean.write_text(_clean_srt(), encoding="utf-8")
    done = run_cli("check", str(clean))
    assert done.returncode == 0, done.stderr
    assert b"0 breach(es)" in done.stdout and b"100.0% within netflix-en" in done.stdout
    planted = tmp_path / "planted.srt"
    planted.write_text(planted_srt(), encoding="utf-8")
    done = run_cli("check", str(planted), str(clean))
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    breach_lines = [line for line in lines if ": cue " in line]
    assert len(breach_lines) == len(expected_planted())
    for (code, cue), line in zip(expected_planted(), breach_lines, strict=True):
        assert line.startswith(f"{planted}: cue {cue} (") and f": {code}: " in line


def test_the_summary_line_says_how_many_breaches_are_forced(tmp_path: Path) -> None:
    """Under dcmp (2 s, 160 wpm, 32 x 2): "Yes." and "No." 300 ms apart, the words of the
    fourth cue in 1 s before the fifth: the speech forces two cues short (of three: the
    fourth could start 1.5 s late) and three too fast; "That should have | been a
    question." has no wrap within 32 columns that avoids a line end on a list word."""
    path = tmp_path / "forced.srt"
    path.write_text(srt_of([
        (0, 300, ("Yes.",)),
        (300, 600, ("No.",)),
        (600, 3000, ("That should have", "been a question.")),
        (3000, 4000, ("and then we all went home", "together after that.")),
        (4000, 9000, ("Later.",)),
    ]), encoding="utf-8")  # fmt: skip
    done = run_cli("check", str(path), "--profile", "dcmp")
    assert done.returncode == 1, done.stderr
    summary = done.stdout.decode().splitlines()[-1]
    assert "(TOO-SHORT 3, BAD-LINE-BREAK 1, TOO-FAST 3)" in summary
    assert ", 3 too fast and 2 too short in the speech itself, 1 bad line break no wrap " in (
        summary
    )
    as_json = json.loads(run_cli("check", str(path), "--profile", "dcmp", "--json").stdout)
    counts = as_json["files"][0]["summary"]
    assert (counts["too_fast_unavoidable"], counts["too_short_unavoidable"]) == (3, 2)
    assert counts["bad_line_break_unavoidable"] == 1
    # nothing forced, nothing said of it
    path.write_text(_clean_srt(), encoding="utf-8")
    clean = run_cli("check", str(path))
    assert b"in the speech itself" not in clean.stdout and b"no wrap" not in clean.stdout


def test_exit_2_for_a_file_that_cannot_be_read_with_one_line_naming_it(tmp_path: Path) -> None:
    clean = tmp_path / "clean.srt"
    clean.write_text(_clean_srt(), encoding="utf-8")
    garbage = tmp_path / "garbage.srt"
    garbage.write_bytes(b"not captions at all\nreally not\n")
    missing = tmp_path / "missing.vtt"
    out = tmp_path / "report.html"
    for bad in (garbage, missing):
        done = run_cli("check", str(clean), str(bad), "--html", str(out))
        assert done.returncode == 2
        errors = done.stderr.decode().strip().splitlines()
        assert len(errors) == 1 and str(bad) in errors[0] and "Traceback" not in errors[0]
        assert not out.exists()  # no page for a run with an unreadable file
    done = run_cli("check", str(clean), "--source", str(missing))
    assert done.returncode == 2 and str(missing).encode() in done.stderr
    done = run_cli("check", "-", "--json", stdin=planted_srt().encode())
    assert done.returncode == 1
    assert json.loads(done.stdout)["files"][0]["file"] == "<stdin>"
    done = run_cli("check", str(clean), "--profile", "netflix")
    assert done.returncode == 2 and b"netflix-en" in done.stderr


def test_json_has_exactly_the_documented_shape(tmp_path: Path) -> None:
    planted = tmp_path / "planted.srt"
    planted.write_text(planted_srt(), encoding="utf-8")
    done = run_cli("check", str(planted), "--json", "--profile", "bbc")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert list(document) == ["files"]
    (entry,) = document["files"]
    assert list(entry) == ["file", "profile", "violations", "summary"]
    assert entry["file"] == str(planted) and entry["profile"] == "bbc"
    for violation in entry["violations"]:
        assert list(violation) == ["code", "cue", "start_ms", "end_ms", "message"]
        assert isinstance(violation["cue"], int) and isinstance(violation["message"], str)
    summary = entry["summary"]
    assert summary["cues"] == len(PLANTED) and summary["reading_unit"] == "wpm"
    for measure in ("reading_speed", "duration_ms", "gap_ms"):
        assert list(summary[measure]) == ["median", "p95", "max"]
    assert summary["breaches"] == {
        code: sum(1 for v in entry["violations"] if v["code"] == code)
        for code in dict.fromkeys(v["code"] for v in entry["violations"])
    }
    # bbc: 37 columns and gaps under 1 s (unless closed): cue 2's line and cue 7's gap
    assert {"code": "LINE-TOO-LONG", "cue": 2} in [
        {"code": v["code"], "cue": v["cue"]} for v in entry["violations"]
    ]


def _planted_with_source(tmp_path: Path) -> tuple[Path, Path]:
    planted = tmp_path / "planted.srt"
    planted.write_text(planted_srt(), encoding="utf-8")
    words = []
    for p in PLANTED:
        if p.lines and p.breach not in ("OVERLAP", "OUT-OF-ORDER"):
            words += spread(" ".join(p.lines), p.start, p.end)
    source = tmp_path / "source.json"
    source.write_text(json.dumps(element_list(words)), encoding="utf-8")
    return planted, source


@pytest.mark.browser
def test_the_html_report_renders_in_chromium_with_charts_timeline_and_linked_breaches(
    tmp_path: Path,
) -> None:
    planted, source = _planted_with_source(tmp_path)
    page = tmp_path / "report.html"
    done = run_cli("check", str(planted), "--source", str(source), "--html", str(page))
    assert done.returncode == 1, done.stderr
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text and "<script" not in text

    dom = lxml.html.document_fromstring(render_dom(page))
    items = dom.xpath("//ol[@class='breaches']/li")
    reported = json.loads(run_cli("check", str(planted), "--source", str(source), "--json").stdout)
    violations = reported["files"][0]["violations"]
    assert len(items) == len(violations)
    for item, violation in zip(items, violations, strict=True):
        assert violation["code"] in item.text_content()
        (link,) = item.xpath(".//a")
        target = dom.get_element_by_id(link.get("href")[1:], None)
        assert target is not None  # the breach's cue is on the timeline
        assert "breach" in target.get("class")
        assert f"cue {violation['cue']}:" in target.text_content()
    assert "Within the profile" in dom.text_content()
    assert len(dom.xpath("//svg[@class='histogram']")) == 2
    assert dom.xpath("//svg[@class='timeline']//rect[@class='word']")  # the spoken words

    shot = read_png(screenshot(page, tmp_path / "report.png", height=2400))
    clean = tmp_path / "clean.srt"
    clean.write_text(_clean_srt(), encoding="utf-8")
    clean_page = tmp_path / "clean.html"
    assert run_cli("check", str(clean), "--html", str(clean_page)).returncode == 0
    clean_shot = read_png(screenshot(clean_page, tmp_path / "clean.png", height=2400))
    # bars within the limits, the limit lines, the spoken words: drawn
    assert shot.count(_rgb(BAR)) > 2000
    assert shot.count(_rgb(LIMIT)) > 300
    assert shot.count(_rgb(WORD)) > 200 and clean_shot.count(_rgb(WORD)) < 200
    # breaches marked: far more of their colour than on the clean page (legend only)
    assert shot.count(_rgb(OVER)) > clean_shot.count(_rgb(OVER)) + 1000
    assert clean_shot.count(_rgb(BAR)) > 1000
