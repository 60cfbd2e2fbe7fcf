"""What a user can ask of every report format."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportOptions:
    colour: bool = False
    source: bool = True
    """Quote the offending line under each finding (formats meant for people)."""
