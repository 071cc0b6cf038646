"""Shared fixtures: the repository, the commands to compare the module with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

REPO = Path(os.environ.get("CORPUSLINT_REPO", Path(__file__).resolve().parents[2]))
# The command the wheel installed, beside the interpreter of its virtual environment.
WHEEL_COMMAND = str(Path(sys.executable).parent / "corpuslint")


def commands() -> List[str]:
    """The wheel's command, and the binary cargo built when the test script names it."""
    found = [WHEEL_COMMAND]
    if os.environ.get("CORPUSLINT_BIN"):
        found.append(os.environ["CORPUSLINT_BIN"])
    return found


@pytest.fixture(params=commands(), ids=lambda c: "wheel" if c == WHEEL_COMMAND else "cargo")
def command(request) -> str:
    return request.param


@pytest.fixture
def repo() -> Path:
    return REPO


def run(command: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )


def check_json(command: str, *args: str, cwd: Path = REPO) -> dict:
    done = run(command, "check", "--isolated", "--format", "json", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)
