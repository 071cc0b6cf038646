"""corpuslint: a fast linter for text corpora, from Python.

Check texts held in memory (a list, a pandas column, a batch of a Hugging Face
``datasets.Dataset``) with the rules of the ``corpuslint`` command, and clean them with
its fixes. The work is done in Rust, in parallel, with the GIL released.

- :func:`check_texts`: findings as dicts, the fields of ``corpuslint check --format json``;
- :func:`check_batch`: columns for ``Dataset.map(..., batched=True)``: finding counts per
  family, codes, whether the record is clean;
- :func:`fix_texts`: the cleaned texts and what was removed or replaced;
- :class:`Corpus`: texts gathered over many calls, checked together by the corpus-wide
  rules (duplicates across records, site templates).

Errors in settings (an unknown rule selector, a configuration file that does not parse)
raise :class:`CorpuslintError` with the message the command prints; arguments of the wrong
type raise :class:`TypeError`.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._native import FAMILIES, CorpuslintError, __version__
from ._types import Change, Finding, Fixed

__all__ = [
    "FAMILIES",
    "Change",
    "Corpus",
    "CorpuslintError",
    "Finding",
    "Fixed",
    "__version__",
    "check_batch",
    "check_texts",
    "fix_texts",
]

Selectors = Union[str, Iterable[str], None]
PathLike = Union[str, "os.PathLike[str]", None]
Ids = Optional[Iterable[Union[str, int]]]


def _selectors(value: Selectors, name: str) -> Optional[Tuple[str, ...]]:
    if value is None:
        return None
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name}: expected str items, got {type(item).__name__}")
    return items


def _config(value: PathLike) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"config: expected a path, got {type(value).__name__}")
    return os.path.abspath(os.fspath(value))


@functools.lru_cache(maxsize=16)
def _cached(
    select: Optional[Tuple[str, ...]],
    ignore: Optional[Tuple[str, ...]],
    config: Optional[str],
) -> _native.Linter:
    return _native.Linter(
        list(select) if select is not None else None,
        list(ignore) if ignore is not None else None,
        config,
    )


def _linter(select: Selectors, ignore: Selectors, config: PathLike) -> _native.Linter:
    # Rule data and patterns are compiled once per set of settings, not once per call
    # (a `Dataset.map` makes one call per batch).
    return _cached(_selectors(select, "select"), _selectors(ignore, "ignore"), _config(config))


def check_texts(
    texts: Iterable[str],
    ids: Ids = None,
    select: Selectors = None,
    config: PathLike = None,
    *,
    ignore: Selectors = None,
) -> List[Finding]:
    """Check ``texts`` as one corpus and return the findings, in the order of the texts.

    Each finding is a dict with the fields of ``corpuslint check --format json``; its
    ``path`` is the text's id (``ids``, by default the text's index as a string). The
    corpus-wide rules compare the texts with each other, as ``check`` does the files of
    a folder.

    ``select`` and ``ignore`` take what ``--select`` and ``--ignore`` take (codes, code
    prefixes, rule names, families, ``ALL``), as a list or a comma-separated string.
    ``config`` is a ``corpuslint.toml``; by default none is read. A text is read as a
    record of a JSON Lines shard is: plain text, its provenance from front matter and
    bylines in it.
    """
    return _linter(select, ignore, config).check(texts, ids)


def check_batch(
    batch: Mapping[str, Sequence[Any]],
    text_column: str = "text",
    id_column: Optional[str] = None,
    select: Selectors = None,
    config: PathLike = None,
    *,
    ignore: Selectors = None,
    prefix: str = "corpuslint_",
) -> Dict[str, List[Any]]:
    """Columns describing each record of a batch, for ``Dataset.map(..., batched=True)``.

    ``batch`` maps column names to equal-length lists (what ``datasets`` passes to a
    batched function; a pandas ``DataFrame`` works too). Each record is checked on its
    own, so its columns do not depend on the batch it falls in; use :class:`Corpus` for
    the corpus-wide rules over a whole dataset. Returns, per record:

    - ``{prefix}clean``: no finding that would make ``corpuslint check`` fail;
    - ``{prefix}codes``: the codes found, sorted, each once;
    - ``{prefix}<family>``: the number of findings of each family (see ``FAMILIES``).

    >>> ds = ds.map(corpuslint.check_batch, batched=True)
    >>> clean = ds.filter(lambda r: r["corpuslint_clean"])
    """
    if not isinstance(batch, Mapping) and not hasattr(batch, "__getitem__"):
        raise TypeError(f"batch: expected a mapping of columns, got {type(batch).__name__}")
    try:
        texts = batch[text_column]
    except KeyError:
        raise KeyError(f"batch has no column {text_column!r} (text_column)") from None
    texts = list(texts)
    ids = list(batch[id_column]) if id_column is not None else None
    return _linter(select, ignore, config).check_each(texts, ids, prefix)


def fix_texts(
    texts: Iterable[str],
    ids: Ids = None,
    select: Selectors = None,
    config: PathLike = None,
    *,
    ignore: Selectors = None,
    unsafe_fixes: bool = False,
) -> List[Fixed]:
    """Clean ``texts`` as ``corpuslint fix`` cleans files; one dict per text, in order.

    Each dict holds the cleaned ``text``, whether it ``changed``, the ``changes`` made
    (code, rule, line, the text ``before`` and ``after``), a one-line ``summary``, and
    ``refused`` (why a text was left as it is, else None). The texts are one corpus: a
    paragraph repeated from an earlier text is removed from the later one. Safe fixes
    only, unless ``unsafe_fixes``.
    """
    if not isinstance(unsafe_fixes, bool):
        raise TypeError(f"unsafe_fixes: expected bool, got {type(unsafe_fixes).__name__}")
    return _linter(select, ignore, config).fix(texts, ids, unsafe_fixes)


class Corpus:
    """Texts gathered over many calls and checked together by the corpus-wide rules.

    Texts are decoded and segmented as they are added (with the GIL released), so a
    dataset too large for one list can be fed batch by batch:

    >>> corpus = corpuslint.Corpus(select=["duplicate", "chrome"])
    >>> for batch in ds.iter(batch_size=10_000):
    ...     corpus.add(batch["text"], ids=batch["id"])
    >>> findings = corpus.check()
    >>> ds = ds.add_column("corpuslint_clean", corpus.columns()["corpuslint_clean"])
    """

    def __init__(
        self,
        texts: Optional[Iterable[str]] = None,
        ids: Ids = None,
        select: Selectors = None,
        config: PathLike = None,
        *,
        ignore: Selectors = None,
    ) -> None:
        self._corpus = _native.Corpus(_linter(select, ignore, config))
        if texts is not None:
            self.add(texts, ids)

    def add(self, texts: Iterable[str], ids: Ids = None) -> None:
        """Add texts; default ids continue the count of texts added so far."""
        self._corpus.add(texts, ids)

    def __len__(self) -> int:
        return len(self._corpus)

    def check(self) -> List[Finding]:
        """Findings in every text added, as :func:`check_texts` returns them."""
        return self._corpus.check()

    def columns(self, prefix: str = "corpuslint_") -> Dict[str, List[Any]]:
        """Per text added, in order: the columns :func:`check_batch` gives, with the
        corpus-wide rules over all the texts."""
        return self._corpus.columns(prefix)
