"""The client's answers as the summary shows them: every question that applies, in words."""

from intake.glance import answer_sections

__all__ = ["answer_sections"]
