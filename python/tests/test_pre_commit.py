"""The pre-commit hooks, installed from the wheel by pre-commit, in a temporary repository.

pip finds the wheel and the build backend in local folders (``CORPUSLINT_WHEELHOUSE``,
set by scripts/test-python) and never asks an index: what pre-commit installs is the
wheel just built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SHARED = (
    "The river flooded the lower town twice this spring, and the council has promised a "
    "new levee before the autumn rains arrive in force."
)


def article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nauthor: Jane Doe\ndate: 2021-12-15\nsource: Example Times\n---\n{body}"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def env(tmp_path) -> dict:
    wheelhouse = os.environ.get("CORPUSLINT_WHEELHOUSE")
    assert wheelhouse, "scripts/test-python names the folders of the wheel and setuptools"
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": wheelhouse,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
    }


@pytest.fixture
def hooks_repo(tmp_path) -> tuple:
    """A repository holding this project's hook definitions, as pre-commit clones it."""
    repo = tmp_path / "hooks"
    repo.mkdir()
    for name in (".pre-commit-hooks.yaml", "pyproject.toml"):
        shutil.copy(REPO / name, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "hooks")
    return repo, git(repo, "rev-parse", "HEAD")


def corpus_repo(tmp_path: Path, config: str) -> Path:
    root = tmp_path / "corpus"
    (root / "news").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "corpuslint.toml").write_text("")
    (root / "news" / "a.txt").write_text(article("Floods", f"First words.\n\n{SHARED}\n"))
    (root / "news" / "b.txt").write_text(article("Markets", "Grain prices rose again.\n"))
    (root / ".pre-commit-config.yaml").write_text(config)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "corpus")
    return root


def pre_commit(root: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=root, capture_output=True, text=True, env=env, timeout=600,
    )


def test_the_hooks_install_from_the_wheel_and_run(tmp_path, env, hooks_repo):
    repo, rev = hooks_repo
    root = corpus_repo(
        tmp_path,
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: corpuslint\n",
    )
    # A clean commit passes.
    done = pre_commit(root, env, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr

    # A new file with a no-break space and the paragraph of a.txt fails, naming both.
    (root / "news" / "c.txt").write_text(
        article("Levee", f"Opening\u00a0words.\n\n{SHARED}\n")
    )
    git(root, "add", "news/c.txt")
    done = pre_commit(root, env, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "news/c.txt" in done.stdout and "E005" in done.stdout, done.stdout
    assert "D002" in done.stdout, done.stdout

    # The environment pre-commit made holds the wheel, not a build from source.
    envs = list(Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/bin/corpuslint"))
    assert envs, list(Path(env["PRE_COMMIT_HOME"]).rglob("*"))[:20]


def test_the_fix_hook_cleans_staged_files(tmp_path, env, hooks_repo):
    repo, rev = hooks_repo
    root = corpus_repo(
        tmp_path,
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: corpuslint-fix\n",
    )
    (root / "news" / "c.txt").write_text(article("Levee", "Opening\u00a0words.\n"))
    git(root, "add", "news/c.txt")
    done = pre_commit(root, env, "run")
    # pre-commit fails a hook that changed files, so the cleaned file is looked at again.
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert (root / "news" / "c.txt").read_text() == article("Levee", "Opening words.\n")


def test_a_local_hook_with_the_wheel_as_dependency(tmp_path, env):
    """The set-up README gives for a repository that pins the package, not this repo."""
    config = (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: corpuslint\n"
        "        name: corpuslint\n"
        "        entry: corpuslint check --format short\n"
        "        language: python\n"
        "        additional_dependencies: [corpuslint]\n"
        "        types: [text]\n"
        "        files: \\.(txt|md)$\n"
        "        require_serial: true\n"
    )
    root = corpus_repo(tmp_path, config)
    (root / "news" / "b.txt").write_text(article("Markets", "Grain\u00a0prices rose again.\n"))
    git(root, "add", "news/b.txt")
    done = pre_commit(root, env, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "news/b.txt" in done.stdout and "E005" in done.stdout


def test_the_pinned_version_is_the_package_version():
    import corpuslint

    pyproject = (REPO / "pyproject.toml").read_text()
    assert f'dependencies = ["corpuslint=={corpuslint.__version__}"]' in pyproject
    assert f'version = "{corpuslint.__version__}"' in pyproject
