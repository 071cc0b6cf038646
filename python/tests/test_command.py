"""The wheel's `corpuslint` command is the binary's."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, WHEEL_COMMAND, run


def test_the_command_runs_and_exits_as_the_binary():
    done = run(WHEEL_COMMAND, "--version")
    assert done.returncode == 0 and done.stdout.startswith("corpuslint ")
    assert run(WHEEL_COMMAND, "check", "--isolated", "seeds").returncode == 1
    assert run(WHEEL_COMMAND, "check", "--isolated", "seeds", "--select", "X9").returncode == 2
    done = run(WHEEL_COMMAND, "no-such-command")
    assert done.returncode == 2 and "no-such-command" in done.stderr
    done = run(WHEEL_COMMAND, "rules")
    assert done.returncode == 0 and "unusual-space" in done.stdout


def test_outputs_equal_the_cargo_binary():
    binary = os.environ.get("CORPUSLINT_BIN")
    assert binary, "scripts/test-python names the binary cargo built"
    for args in (
        ["check", "--isolated", "seeds", "--format", "json"],
        ["check", "--isolated", "seeds", "--format", "short"],
        ["explain", "E009"],
    ):
        wheel, cargo = run(WHEEL_COMMAND, *args), run(binary, *args)
        assert (wheel.returncode, wheel.stdout) == (cargo.returncode, cargo.stdout), args


def test_python_dash_m():
    done = subprocess.run(
        [sys.executable, "-m", "corpuslint", "check", "--isolated", "seeds", "--format", "short"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "E014" in done.stdout


def test_a_closed_pipe_is_not_an_error():
    done = subprocess.run(
        f"'{WHEEL_COMMAND}' explain E009 | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "0", done.stderr
