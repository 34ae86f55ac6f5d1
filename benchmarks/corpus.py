"""A generated corpus derived from the real seeds, for benchmarks.

Each document is a real seed with deterministic variations (a numbered note, a paragraph
repeated or dropped), so every file hashes differently and extraction does real work, while
the mix of formats (one HTML answer in five) stays that of the seeds.
"""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` documents into ``folder`` (nested in subfolders of 500); returns total bytes."""
    rng = random.Random(seed)
    sources = [(p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir()) if p.is_file()]
    total = 0
    for i in range(n):
        name, data = sources[i % len(sources)]
        text = data.decode("utf-8")
        lines = text.split("\n")
        if len(lines) > 20:
            k = rng.randrange(5, len(lines) - 5)
            if rng.random() < 0.5:
                lines.insert(k, lines[k])          # a repeated paragraph
            else:
                del lines[k]                        # a dropped one
        body = "\n".join(lines) + f"\n\n（第{i}号转载）\n"
        sub = folder / f"part{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        out = body.encode("utf-8")
        (sub / f"{i:06d}_{name}").write_bytes(out)
        total += len(out)
    return total
