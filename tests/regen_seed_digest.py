"""Regenerate tests/cases/seed_tables.json when the seeds' tables are MEANT to change.

    PYTHONPATH=. python -m tests.regen_seed_digest

Run it after a deliberate change to extraction, annotation or the schema, check with
`git diff tests/cases/seed_tables.json` that only the tables you expected moved, and say
in the commit message why they moved.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests import seed_digest


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        digests = seed_digest.build_and_digest(Path(tmp))
    old = seed_digest.read() if seed_digest.DIGEST_FILE.exists() else {}
    seed_digest.write(digests)
    for t in sorted(set(old) | set(digests)):
        if old.get(t) != digests.get(t):
            print(f"changed: {t}")
    print(f"wrote {seed_digest.DIGEST_FILE.relative_to(seed_digest.ROOT)}")


if __name__ == "__main__":
    main()
