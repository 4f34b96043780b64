"""The one settings object."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import ConfigError


def test_defaults_match_the_commented_file() -> None:
    assert Settings.load() == Settings()


def test_user_file_and_overrides(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('batch_size = 4\ndisabled = ["figures"]\n')
    settings = Settings.load(f, workers=2, db=None)
    assert (settings.batch_size, settings.workers, settings.disabled) == (4, 2, ("figures",))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nonsense = 1\n", "unknown setting"),
        ("batch_size = 0\n", "at least 1"),
        ("batch_size = \n", "not valid TOML"),
    ],
)
def test_bad_settings(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "s.toml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message):
        Settings.load(f)


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read settings file"):
        Settings.load(tmp_path / "absent.toml")
