"""The module's findings and fixes are the command's, on the same texts."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import corpuslint
from conftest import check_json, run


def seeds(repo: Path):
    paths = sorted((repo / "seeds").glob("*.txt"))
    assert len(paths) >= 5
    # Bytes as read: the seeds are kept as scraped, CRLF and all.
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    return texts, [f"seeds/{p.name}" for p in paths]


MISSING_FIELDS = {"M001", "M002", "M003", "M004"}


def test_the_module_is_the_installed_wheel():
    assert "site-packages" in corpuslint.__file__
    assert corpuslint.__version__
    assert corpuslint.FAMILIES == ["encoding", "layout", "duplicate", "chrome", "metadata"]


@pytest.mark.parametrize("select", [None, ["encoding"], ["duplicate", "chrome"], "M"])
def test_findings_on_seeds_equal_check_format_json(command, repo, select):
    texts, ids = seeds(repo)
    args = ["seeds"]
    if select is not None:
        joined = select if isinstance(select, str) else ",".join(select)
        args += ["--select", joined]
    expected = check_json(command, *args)["diagnostics"]
    assert expected, "the seeds have findings"
    found = corpuslint.check_texts(texts, ids=ids, select=select)
    assert len(found) == len(expected)
    for mine, theirs in zip(found, expected):
        if mine["code"] in MISSING_FIELDS:
            # A text in memory has no file beside it: its help names front matter only.
            assert mine["help"].endswith("front matter at the top of the record's text")
            assert "sidecar" in theirs["help"]
            mine, theirs = dict(mine, help=None), dict(theirs, help=None)
        assert mine == theirs


def test_corpus_fed_in_batches_equals_one_call(repo):
    texts, ids = seeds(repo)
    corpus = corpuslint.Corpus()
    corpus.add(texts[:2], ids=ids[:2])
    corpus.add(texts[2:], ids=ids[2:])
    assert len(corpus) == len(texts)
    whole = corpuslint.check_texts(texts, ids=ids)
    assert corpus.check() == whole
    # Checking leaves the corpus as it was.
    assert corpus.check() == whole
    columns = corpus.columns()
    assert columns["corpuslint_clean"] == [False] * len(texts)
    for at, id_ in enumerate(ids):
        codes = sorted({f["code"] for f in whole if f["path"] == id_})
        assert columns["corpuslint_codes"][at] == codes


def test_corpus_wide_rules_compare_texts(tmp_path):
    shared = (
        "The river flooded the lower town twice this spring, and the council has "
        "promised a new levee before the autumn rains arrive in force."
    )
    texts = [f"First words.\n\n{shared}\n", f"Other words.\n\n{shared}\n"]
    together = corpuslint.check_texts(texts, ids=["a", "b"], select="duplicate")
    assert [f["code"] for f in together] == ["D002"]
    assert together[0]["related"][0]["path"] == "a"
    alone = corpuslint.check_batch({"text": texts}, select="duplicate")
    assert alone["corpuslint_duplicate"] == [0, 0]


def test_front_matter_is_metadata():
    text = "A short text about the weather.\n"
    bare = corpuslint.check_texts([text], select="metadata")
    assert {f["code"] for f in bare} == MISSING_FIELDS
    described = (
        "---\ntitle: Rain\nauthor: A. Writer\ndate: 2021-03-04\nsource: Daily\n---\n" + text
    )
    assert corpuslint.check_texts([described], select="metadata") == []


def test_same_message_as_the_command(command, repo, tmp_path):
    done = run(command, "check", "seeds", "--select", "X9")
    assert done.returncode == 2
    with pytest.raises(corpuslint.CorpuslintError) as err:
        corpuslint.check_texts(["text\n"], select=["X9"])
    assert str(err.value) in done.stderr

    config = tmp_path / "corpuslint.toml"
    config.write_text("[rules]\nselect = 3\n")
    done = run(command, "check", "--config", str(config), "seeds")
    assert done.returncode == 2
    with pytest.raises(corpuslint.CorpuslintError) as err:
        corpuslint.check_texts(["text\n"], config=config)
    assert str(err.value).splitlines()[0].split(": ", 1)[1] in done.stderr


def test_a_configuration_file_is_read(tmp_path):
    config = tmp_path / "corpuslint.toml"
    config.write_text('[rules]\nselect = ["E005"]\n')
    findings = corpuslint.check_texts(["a\u00a0b\n\n\n\nc   \n"], config=config)
    assert [f["code"] for f in findings] == ["E005"]


def test_fix_round_trip_equals_fix_out(command, repo, tmp_path):
    texts, ids = seeds(repo)
    fixed = corpuslint.fix_texts(texts, ids=ids)
    assert [f["id"] for f in fixed] == ids
    assert any(f["changed"] for f in fixed)
    out = tmp_path / "out"
    done = run(command, "fix", "--isolated", "seeds", "--out", str(out))
    assert done.returncode in (0, 1), done.stderr
    for f, id_ in zip(fixed, ids):
        written = out / Path(id_).name
        if not written.exists():
            written = out / id_
        assert f["text"] == written.read_bytes().decode("utf-8"), id_
        if f["changed"]:
            assert f["changes"] and f["summary"] != "unchanged"
            for change in f["changes"]:
                assert change["before"] != change["after"]
    # Fixing again changes nothing: what the safe fixes could clean is clean.
    again = corpuslint.fix_texts([f["text"] for f in fixed], ids=ids)
    assert [a["text"] for a in again] == [f["text"] for f in fixed]
    assert not any(a["changed"] for a in again)
    left = corpuslint.check_texts([f["text"] for f in fixed], ids=ids)
    safe = [f for f in left if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert safe == []


def test_fix_reports_what_was_removed():
    [fixed] = corpuslint.fix_texts(["Caf\u00c3\u00a9 and a\u00a0space.\n"], ids=["x"])
    assert fixed["text"] == "Caf\u00e9 and a space.\n"
    assert {c["code"] for c in fixed["changes"]} == {"E009", "E005"}
    assert fixed["refused"] is None and fixed["duplicate_of"] is None


@pytest.mark.parametrize(
    "call",
    [
        lambda: corpuslint.check_texts(["fine\n", None]),
        lambda: corpuslint.check_texts(["fine\n", 3]),
        lambda: corpuslint.check_texts([b"bytes\n"]),
        lambda: corpuslint.check_texts("a lone string is not a list of texts"),
        lambda: corpuslint.check_texts(42),
        lambda: corpuslint.check_texts(None),
        lambda: corpuslint.check_texts(["a\n"], ids=[1.5]),
        lambda: corpuslint.check_texts(["a\n"], select=[3]),
        lambda: corpuslint.check_texts(["a\n"], config=3),
        lambda: corpuslint.fix_texts([None]),
        lambda: corpuslint.fix_texts(["a\n"], unsafe_fixes="yes"),
        lambda: corpuslint.check_batch({"text": ["a\n", None]}),
        lambda: corpuslint.Corpus([None]),
        lambda: corpuslint.Corpus().add([1]),
    ],
)
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_other_bad_input_raises():
    with pytest.raises(ValueError, match="ids has 1 items and texts 2"):
        corpuslint.check_texts(["a\n", "b\n"], ids=["only one"])
    with pytest.raises(UnicodeEncodeError):
        corpuslint.check_texts(["a lone surrogate \ud800\n"])
    with pytest.raises(KeyError, match="content"):
        corpuslint.check_batch({"text": ["a\n"]}, text_column="content")
    with pytest.raises(corpuslint.CorpuslintError, match="corpuslint.toml"):
        corpuslint.check_texts(["a\n"], config="no/such/folder/corpuslint.toml")
    # A failed add leaves the corpus as it was, and usable.
    corpus = corpuslint.Corpus(["a\u00a0b\n"], select="E005")
    with pytest.raises(TypeError):
        corpus.add(["fine\n", None])
    assert len(corpus) == 1 and corpus.check()[0]["code"] == "E005"


def test_huge_and_odd_texts_are_checked():
    line = "Words of a long scraped page, one line after another.\u00a0\n"
    huge = line * (16 * 1024 * 1024 // len(line.encode()))
    findings = corpuslint.check_texts([huge, "", "\x00\x01binary\n", "\r\n" * 1000], select="E005")
    assert len([f for f in findings if f["path"] == "0"]) > 1000
    assert all(f["path"] == "0" for f in findings)
    one = corpuslint.check_texts(["x" * (8 * 1024 * 1024)])
    assert isinstance(one, list)
    [fixed] = corpuslint.fix_texts([huge], select="E005")
    # A no-break space before a line break goes; elsewhere it becomes a space.
    assert fixed["text"] == huge.replace("\u00a0", "")
    assert len(fixed["changes"]) == huge.count("\n")


def test_the_gil_is_released_while_rust_works():
    text = "A line of a page that goes on and on, with\u00a0spaces.\n" * 60_000
    done = threading.Event()

    def work():
        corpuslint.check_texts([text] * 2)
        done.set()

    worker = threading.Thread(target=work)
    ticks = 0
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    # With the GIL held for the whole check this thread would not have run at all.
    assert ticks > 20
