"""Alignment as pure functions over embeddings: no file formats, no CLI, no model loading here."""

from .core import Bead, align_ordered, calibrate
from .modes import choose_mode, diagonality
from .thematic import PassageMatch, match_passages

__all__ = ["Bead", "PassageMatch", "align_ordered", "calibrate", "choose_mode", "diagonality", "match_passages"]
