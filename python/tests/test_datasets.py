"""A `datasets.Dataset.map(..., batched=True)` over a few thousand generated records."""

from __future__ import annotations

import json
import os
import random
from collections import Counter

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
import pytest  # noqa: E402

import corpuslint  # noqa: E402
from conftest import check_json  # noqa: E402

WORDS = (
    "river council market harbour school winter station museum bridge garden "
    "election festival library hospital railway village weather street theatre"
).split()
DEFECTS = [
    lambda s: s.replace(" ", "\u00a0", 1),  # no-break space
    lambda s: s.replace("e", "\u00c3\u00a9", 1),  # mojibake
    lambda s: s + "   ",  # trailing whitespace
    lambda s: s.replace(" and ", " &amp; ", 1),  # HTML entity
    lambda s: s.replace(" ", "\u200b ", 1),  # invisible character
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    words.insert(len(words) // 2, "and")
    return " ".join(words).capitalize() + "."


def records(n: int = 3000, seed: int = 7):
    rng = random.Random(seed)
    out = {"id": [], "text": [], "author": [], "views": []}
    for i in range(n):
        paragraphs = []
        for _ in range(rng.randint(1, 5)):
            line = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
            if rng.random() < 0.15:
                line = rng.choice(DEFECTS)(line)
            paragraphs.append(line)
        text = "\n\n".join(paragraphs)
        if rng.random() < 0.9:
            text += "\n"
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        out["id"].append(f"doc-{i:05d}")
        out["text"].append(text)
        out["author"].append(None if rng.random() < 0.3 else "A. Writer")
        out["views"].append(rng.randint(0, 1000))
    return out


@pytest.fixture(scope="module")
def dataset() -> datasets.Dataset:
    return datasets.Dataset.from_dict(records())


PER_RECORD = "encoding,layout"


def test_batched_map_equals_the_command_on_a_shard(dataset, command, tmp_path):
    mapped = dataset.map(
        corpuslint.check_batch,
        batched=True,
        batch_size=256,
        fn_kwargs={"id_column": "id", "select": PER_RECORD},
    )
    assert len(mapped) == len(dataset)
    for name in ["clean", "codes", *corpuslint.FAMILIES]:
        assert f"corpuslint_{name}" in mapped.column_names

    shard = tmp_path / "records.jsonl"
    with shard.open("w", encoding="utf-8") as out:
        for row in dataset:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    report = check_json(command, str(shard), "--select", PER_RECORD)
    assert report["files"] == len(dataset)
    counts = Counter()
    codes = {}
    for finding in report["diagnostics"]:
        record = finding["path"].rsplit("#", 1)[1]
        counts[(record, finding["family"])] += 1
        codes.setdefault(record, set()).add(finding["code"])
    assert len(codes) > 300, "the generated records have defects"
    for row in mapped:
        record = row["id"]
        assert row["corpuslint_codes"] == sorted(codes.get(record, ())), record
        for family in corpuslint.FAMILIES:
            assert row[f"corpuslint_{family}"] == counts[(record, family)], record
        assert row["corpuslint_clean"] == (record not in codes), record

    clean = mapped.filter(lambda r: r["corpuslint_clean"])
    assert 0 < len(clean) < len(mapped)


def test_columns_do_not_depend_on_the_batch(dataset):
    small = dataset.map(corpuslint.check_batch, batched=True, batch_size=100)
    large = dataset.map(corpuslint.check_batch, batched=True, batch_size=1000)
    for name in ["clean", "codes", *corpuslint.FAMILIES]:
        column = f"corpuslint_{name}"
        assert small[column] == large[column]


def test_a_pandas_frame_is_a_batch(dataset):
    frame = dataset.select(range(500)).to_pandas()
    columns = corpuslint.check_batch(frame, id_column="id")
    expected = corpuslint.check_batch(dataset[:500], id_column="id")
    assert columns == expected


def test_corpus_over_the_whole_dataset(dataset):
    corpus = corpuslint.Corpus(select=["duplicate", "chrome", "encoding"])
    for batch in dataset.iter(batch_size=700):
        corpus.add(batch["text"], ids=batch["id"])
    assert len(corpus) == len(dataset)
    whole = corpuslint.check_texts(
        dataset["text"], ids=dataset["id"], select=["duplicate", "chrome", "encoding"]
    )
    assert corpus.check() == whole
    columns = corpus.columns()
    with_columns = dataset.add_column("corpuslint_clean", columns["corpuslint_clean"])
    assert len(with_columns) == len(dataset)


def test_fix_in_a_batched_map(dataset):
    def clean(batch):
        fixed = corpuslint.fix_texts(batch["text"], ids=batch["id"], select=PER_RECORD)
        return {"text": [f["text"] for f in fixed], "changed": [f["changed"] for f in fixed]}

    fixed = dataset.map(clean, batched=True, batch_size=500)
    assert any(fixed["changed"])
    after = fixed.map(
        corpuslint.check_batch, batched=True, fn_kwargs={"select": PER_RECORD}
    )
    # What is left has no safe fix: the texts are clean of what fix cleans.
    left = corpuslint.check_texts(fixed["text"], select=PER_RECORD)
    assert all(not (f["fix"] and f["fix"]["applicability"] == "safe") for f in left)
    assert sum(after["corpuslint_clean"]) > sum(
        dataset.map(corpuslint.check_batch, batched=True, fn_kwargs={"select": PER_RECORD})[
            "corpuslint_clean"
        ]
    )
