"""The stages import downwards only: the aligner knows no file format, CLI or model loading, the
encoder knows no aligner, the translators know no output format, and only the CLI knows the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.cache import imported_modules

PACKAGE = Path(__file__).resolve().parents[1] / "aligner"

#: package (or module) → what it must never import, directly or inside a function
FORBIDDEN = {
    "aligner.align": (
        "aligner.formats",
        "aligner.cli",
        "aligner.build",
        "aligner.review",
        "aligner.ingest",
        "aligner.translate",
        "aligner.report",
        "aligner.io",
        "aligner.cache",
        "aligner.tasks",
    ),
    "aligner.embed": ("aligner.align", "aligner.formats", "aligner.cli", "aligner.build", "aligner.review"),
    "aligner.translate": (
        "aligner.formats",
        "aligner.align",
        "aligner.cli",
        "aligner.build",
        "aligner.review",
        "aligner.report",
    ),
    "aligner.segment": ("aligner.formats", "aligner.align", "aligner.translate", "aligner.cli", "aligner.build"),
    "aligner.ingest": ("aligner.formats", "aligner.align", "aligner.translate", "aligner.cli", "aligner.build"),
    "aligner.formats": ("aligner.cli", "aligner.build", "aligner.review"),
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    wrong = []
    for name, path in _modules():
        if name == layer or name.startswith(layer + "."):
            for imported in imported_modules(name, path):
                if any(imported == f or imported.startswith(f + ".") for f in FORBIDDEN[layer]):
                    wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_only_the_cli_and_the_entry_point_import_the_cli():
    users = sorted(
        name
        for name, path in _modules()
        if any(i == "aligner.cli" or i.startswith("aligner.cli.") for i in imported_modules(name, path))
    )
    assert users == ["aligner.__main__"]
