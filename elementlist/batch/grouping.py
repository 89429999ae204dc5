"""Small inputs in groups: one call of a worker, and one flush to disk, for several.

A 1-minute input takes about 3 ms to render in three formats; handing it to a worker
process and its report row back costs a good part of that again, and so does flushing its
outputs to disk (issue 15). So inputs go to the workers, and are written, in groups of
consecutive jobs holding together at most :data:`GROUP_BYTES` of input and at most
:data:`GROUP_JOBS` jobs: a long input is a group of its own, a remote one too (its size is
not known before it is fetched). A group is also what an interruption or a dying worker
loses, so it stays a few tens of milliseconds of work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .inputs import Job

GROUP_JOBS = 16  # at most this many inputs in a group
GROUP_BYTES = 1_000_000  # and at most this much input: about 40 one-minute documents


def job_groups(
    jobs: Iterable[Job], *, most_jobs: int = GROUP_JOBS, most_bytes: int = GROUP_BYTES
) -> Iterator[tuple[Job, ...]]:
    """``jobs`` in order, cut into groups (see the module's docstring), each as soon as
    its jobs are there (they may be planned as they are asked for)."""
    group: list[Job] = []
    held = 0
    for job in jobs:
        size = most_bytes if job.size is None else job.size
        if group and (len(group) >= most_jobs or held + size > most_bytes):
            yield tuple(group)
            group, held = [], 0
        group.append(job)
        held += size
    if group:
        yield tuple(group)
