"""The ``corpuslint`` command, as the Rust binary runs it: ``python -m corpuslint check .``"""

from __future__ import annotations

import signal
import sys
from typing import List, Optional

from . import _native


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line ``argv`` (default: this process's arguments); its exit status."""
    args = ["corpuslint", *(sys.argv[1:] if argv is None else argv)]
    # Run as the command, Ctrl-C ends it at once, as it ends the binary; Python's handler
    # would wait for the Rust code to come back.
    if argv is None and hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    return _native.run(args)


if __name__ == "__main__":
    sys.exit(main())
