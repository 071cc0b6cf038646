"""The shapes of what corpuslint returns: plain dicts, described for type checkers."""

from __future__ import annotations

from typing import List, Optional, TypedDict


class Related(TypedDict):
    """Another place a finding points to (the first copy of a repeated paragraph...)."""

    path: str
    line: int
    end_line: int
    byte_start: int
    byte_end: int
    message: str


class Edit(TypedDict):
    byte_start: int
    byte_end: int
    replacement: str


class Fix(TypedDict):
    applicability: str
    edits: List[Edit]


class Finding(TypedDict):
    """One finding, with the fields of an item of ``check --format json``'s ``diagnostics``.

    ``path`` is the text's id; ``byte_start``/``byte_end`` are UTF-8 byte offsets into
    the text, lines and columns are 1-based.
    """

    code: str
    rule: str
    family: str
    severity: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    byte_start: int
    byte_end: int
    message: str
    help: Optional[str]
    related: List[Related]
    fix: Optional[Fix]


class Change(TypedDict):
    """Text a fix removed or replaced."""

    code: str
    rule: str
    family: str
    line: int
    before: str
    after: str


class Fixed(TypedDict):
    """A text after ``fix_texts``."""

    id: str
    text: str
    changed: bool
    changes: List[Change]
    summary: str
    duplicate_of: Optional[str]
    refused: Optional[str]
    unstable: bool
