from typing import Any

def fill_columns(
    segments: list[Any],
    speaker_index: dict[int, int],
    speakers: list[tuple[int, str]],
    tag_index: dict[str, int],
    kind_of: dict[Any, int],
    kind_fallback: Any,
) -> tuple[Any, ...]: ...
