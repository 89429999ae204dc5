"""Caption quality: read any caption file's cues and check them against a broadcast
profile (docs/check.md). :func:`check` is ``elementlist.check``."""

from ..profiles import PROFILES, Profile, get_profile, profile_caption_options
from .api import check
from .report import Breach, Distribution, QualityReport, Summary

__all__ = [
    "PROFILES",
    "Breach",
    "Distribution",
    "Profile",
    "QualityReport",
    "Summary",
    "check",
    "get_profile",
    "profile_caption_options",
]
