"""The registry: what is registered is pinned by a golden file; ordering honours requires."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.extract import get_extractors, register
from storyline.extract import registry as registry_module

from ..support import GOLDEN_ROOT, check_golden

GOLDEN = GOLDEN_ROOT / "registry.json"


def test_registered_extractors_are_pinned() -> None:
    """Regenerate on purpose with REGEN_GOLDEN=1 when an extractor is added or bumped."""
    current = [
        {"name": e.name, "version": e.version, "requires": list(e.requires)}
        for e in get_extractors()
    ]
    assert current == check_golden(GOLDEN, current)


def test_requirements_come_first() -> None:
    order = [e.name for e in get_extractors()]
    for extractor in get_extractors():
        for need in extractor.requires:
            assert order.index(need) < order.index(extractor.name)


def test_disabling(monkeypatch: pytest.MonkeyPatch) -> None:
    names = [e.name for e in get_extractors()]
    assert [e.name for e in get_extractors(disabled=names)] == []
    with pytest.raises(ConfigError, match="unknown extractor"):
        get_extractors(disabled=["nope"])
    with pytest.raises(ConfigError, match="requires 'entities'"):
        get_extractors(disabled=["entities"])


def test_a_plugin_registers_like_a_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_module, "_REGISTRY", dict(registry_module._REGISTRY))

    @register("extra", version=2, requires=["quotes"])
    def extra(doc: object, context: object) -> list[object]:
        return []

    labels = [e.label for e in get_extractors()]
    assert "extra@2" in labels and labels.index("extra@2") > labels.index(
        next(label for label in labels if label.startswith("quotes@"))
    )
