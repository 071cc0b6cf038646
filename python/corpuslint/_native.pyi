"""The native side of corpuslint; use the functions of the ``corpuslint`` package."""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Union
import os

from ._types import Finding, Fixed

__version__: str
FAMILIES: List[str]

class CorpuslintError(ValueError):
    """A configuration, selector or rule data error (exit status 2 of the command)."""

class Linter:
    def __init__(
        self,
        select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        config: Union[str, "os.PathLike[str]", None] = None,
    ) -> None: ...
    def check(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Union[str, int]]] = None,
    ) -> List[Finding]: ...
    def check_each(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Union[str, int]]] = None,
        prefix: str = "corpuslint_",
    ) -> Dict[str, List[Any]]: ...
    def fix(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Union[str, int]]] = None,
        unsafe_fixes: bool = False,
    ) -> List[Fixed]: ...

class Corpus:
    def __init__(self, linter: Linter) -> None: ...
    def add(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Union[str, int]]] = None,
    ) -> None: ...
    def __len__(self) -> int: ...
    def check(self) -> List[Finding]: ...
    def columns(self, prefix: str = "corpuslint_") -> Dict[str, List[Any]]: ...

def run(args: List[str]) -> int: ...
