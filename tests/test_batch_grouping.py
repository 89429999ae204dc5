"""Small inputs go to the workers, and are flushed to disk, in groups (batch/grouping.py):
how the groups are cut, and that an input of a group fails alone."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from batch_support import part_files
from conftest import EXAMPLES

from elementlist import get_caption
from elementlist.batch import Job, convert
from elementlist.batch.grouping import GROUP_BYTES, GROUP_JOBS, job_groups


def _job(index: int, size: int | None) -> Job:
    return Job(
        index, f"in{index}.json", f"in{index}.json", f"in{index}", size is None, (0,), (), size
    )


def test_groups_keep_the_order_and_hold_at_most_their_jobs_and_bytes() -> None:
    jobs = [_job(i, 30_000) for i in range(40)]
    groups = list(job_groups(jobs))
    assert [job for group in groups for job in group] == jobs
    assert [len(group) for group in groups] == [GROUP_JOBS, GROUP_JOBS, 40 - 2 * GROUP_JOBS]
    assert all(sum(job.size or 0 for job in group) <= GROUP_BYTES for group in groups)


def test_a_long_or_remote_input_is_a_group_of_its_own() -> None:
    small, long, remote = _job(0, 1_000), _job(1, 5 * GROUP_BYTES), _job(2, None)
    after = [_job(i, 1_000) for i in range(3, 6)]
    groups = list(job_groups([small, long, *after[:1], remote, *after[1:]]))
    assert groups == [(small,), (long,), (after[0],), (remote,), tuple(after[1:])]


def test_groups_are_cut_by_bytes_before_the_count() -> None:
    jobs = [_job(i, GROUP_BYTES // 3) for i in range(7)]
    assert [len(group) for group in job_groups(jobs)] == [3, 3, 1]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_input_of_a_group_that_cannot_be_written_fails_alone(tmp_path: Path, jobs: int) -> None:
    """Eight small inputs make one group; the third's SRT cannot be written (a folder with
    a file stands there) and the fifth is no JSON: those two fail, each with its reason, and
    every other input of the group is written whole, byte for byte."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    data = (EXAMPLES / "podcast_v3.json").read_bytes()
    for i in range(8):
        (root / f"talk{i}.json").write_bytes(b"{not json" if i == 4 else data)
    (out / "talk2.srt").mkdir(parents=True)
    (out / "talk2.srt" / "keep").write_bytes(b"")
    rows = {Path(row.input).name: row for row in convert(root, out, ["srt", "vtt"], jobs=jobs)}
    assert rows["talk2.json"].status == "failed" and "talk2.srt" in (rows["talk2.json"].error or "")
    assert rows["talk4.json"].status == "failed" and "JSON" in (rows["talk4.json"].error or "")
    expected = {
        ".srt": get_caption(data, "SRT", source_name="talk.json"),
        ".vtt": get_caption(data, "WEB_VTT", source_name="talk.json"),
    }
    for i in (0, 1, 3, 5, 6, 7):
        assert rows[f"talk{i}.json"].status == "ok", rows[f"talk{i}.json"]
        for ext, text in expected.items():
            assert (out / f"talk{i}{ext}").read_text(encoding="utf-8") == text
    assert not (out / "talk4.srt").exists() and (out / "talk2.srt" / "keep").exists()
    assert part_files(tmp_path) == []


def test_workers_started_before_the_plan_are_stopped_when_nothing_needs_them(
    tmp_path: Path,
) -> None:
    """The workers start before the plan (they import while it runs): when the plan finds
    every output up to date, or a single input to convert (which runs in this process), they
    are stopped, and none is left behind."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    data = (EXAMPLES / "podcast_v3.json").read_bytes()
    for i in range(3):
        (root / f"talk{i}.json").write_bytes(data)
    assert {row.status for row in convert(root, out, ["srt"], jobs=2)} == {"ok"}
    assert multiprocessing.active_children() == []
    assert {row.status for row in convert(root, out, ["srt"], jobs=2)} == {"skipped"}
    assert multiprocessing.active_children() == []
    (out / "talk1.srt").unlink()
    rows = {Path(row.input).name: row.status for row in convert(root, out, ["srt"], jobs=2)}
    assert rows == {"talk0.json": "skipped", "talk1.json": "ok", "talk2.json": "skipped"}
    assert multiprocessing.active_children() == []
    assert (out / "talk1.srt").read_text(encoding="utf-8") == get_caption(
        data, "SRT", source_name="talk1.json"
    )
