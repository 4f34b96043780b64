"""The load test's script, small: concurrent clients on a served record, no errors.

``make load`` runs it at full size (50 clients, 60 s, 10,000 articles; figures in the
README); here it runs small enough for the suite, so that the script keeps working.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_api.py"


@pytest.mark.slow
def test_concurrent_clients_get_no_errors() -> None:
    command = [sys.executable, str(SCRIPT), "--articles", "300", "--clients", "8"]
    done = subprocess.run(
        [*command, "--seconds", "4", "--json"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert figures["errors"] == {} and figures["requests"] > 8
