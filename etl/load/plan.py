"""What a run must do, decided from the files on disk and the previous state: pure, no I/O.

Two decisions, both plain functions of their inputs so they can be tested without a warehouse:

* :func:`plan_files`: per file, read it (new or its stat changed), skip it (same stat),
  quarantine it (discover could not use it), hold it (still being written) or forget it (gone);
* :func:`plan_stages`: which stages must run over every stored article because the code or
  knowledge they depend on changed (extract, annotate, classify), and why.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from etl.load.discover import SeedFile
from etl.load.manifest import is_manifest
from etl.parse import article_id_for


class PriorFile(NamedTuple):
    """A file as the previous run left it in source_files (a tuple: 50,000 of them are read per run)."""

    size: int
    mtime_ns: int
    sha256: str
    status: str        # loaded | quarantined | manifest
    crawl_url: str | None = None   # the manifest's address for the page when it was last parsed


@dataclass(frozen=True)
class Job:
    """One file to read: its content is extracted unless its sha256 equals ``old_sha``.

    ``address``: where the page was fetched (etl/load/manifest.py), part of the parse input.
    """

    rel: str
    path: str
    old_sha: str | None
    address: str | None = None


@dataclass
class FilePlan:
    jobs: list[Job] = field(default_factory=list)
    unchanged: list[SeedFile] = field(default_factory=list)   # same size and mtime: not read
    errors: list[SeedFile] = field(default_factory=list)      # discover could not use them: quarantined
    held: list[str] = field(default_factory=list)             # still being written: previous version kept
    removed: list[str] = field(default_factory=list)          # in the warehouse, gone from disk


# A file whose inode changed (ctime) less than this before the last run started is read again:
# Linux stamps file times with a coarse clock, up to one tick (at most 10 ms) behind the time
# the run's start was read with. Larger, and every file written just before a run was read
# once more by the next one (a no-op run compiled the rules again: tests/test_restage.py).
CTIME_SLACK_NS = 10_000_000


def plan_files(files: Sequence[SeedFile], prior: Mapping[str, PriorFile], hold: Collection[str] = (),
               addresses: Mapping[str, str] | None = None, last_start_ns: int | None = None) -> FilePlan:
    """Sort the discovered pages by what the run must do with each (jobs in article-id order).

    ``addresses``: crawl address by page (the manifest); a page whose address is not the one
    it was parsed with is parsed again even when its bytes are the same.
    ``last_start_ns``: when the run that wrote ``prior`` started (ns since the epoch). A file with
    the same size and mtime is still read (and hashed; parsed only if its bytes changed) when
    its status changed since then: an edit that keeps the size and puts the old mtime back
    (``touch -r``, a sync tool that copies times) changes only the ctime, which no tool can set.
    """
    plan = FilePlan()
    addresses = addresses or {}
    current = set()
    for f in files:
        current.add(f.rel)
        if f.rel in hold:
            plan.held.append(f.rel)
        elif f.error:
            plan.errors.append(f)
        else:
            p = prior.get(f.rel)
            address = addresses.get(f.rel)
            moved = p is not None and p.crawl_url != address
            same_stat = p is not None and p.size == f.size and p.mtime_ns == f.mtime_ns
            if same_stat and last_start_ns is not None and (f.ctime_ns is None
                                                            or f.ctime_ns >= last_start_ns - CTIME_SLACK_NS):
                same_stat = False   # its inode changed since the last run: read it, compare the hash
            if same_stat and not moved:
                plan.unchanged.append(f)
            else:
                plan.jobs.append(Job(f.rel, f.path, p.sha256 if p and not moved else None, address))
    plan.removed = sorted(r for r in prior if r not in current and not is_manifest(r))   # manifests: the run's
    # In article-id order: the run appends each article's rows in job order, so every article
    # table is clustered by article_id and DuckDB's zonemaps find a few articles' rows (a
    # refresh's deletes, the summaries of a slice) in a few row groups instead of a full scan.
    plan.jobs.sort(key=_article_order)
    return plan


def _article_order(job: Job) -> str:
    return article_id_for(job.rel)


def mass_delete(plan: FilePlan, prior: Mapping[str, PriorFile], files_seen: int,
                emptied: int = 0) -> str | None:
    """Why this run looks like an unmounted or emptied seeds folder (None when it does not).

    Refused: removing every loaded article, or more than half of them, or a folder with no
    files while the warehouse holds articles. ``emptied``: loaded files that are now 0 bytes
    long (a sync that truncated the folder) count as removed. Files that turned bad otherwise
    are not counted: they are quarantined with a reason, not silently dropped.
    """
    loaded = sum(1 for p in prior.values() if p.status == "loaded")
    if not loaded:
        return None
    gone = sum(1 for r in plan.removed if prior[r].status == "loaded") + emptied
    if files_seen == 0:
        return f"the seeds folder holds no files while the warehouse holds {loaded} articles"
    if gone == loaded:
        return f"every one of the {loaded} loaded articles would be removed"
    if gone * 2 > loaded:
        return f"{gone} of the {loaded} loaded articles ({gone * 100 // loaded}%) would be removed"
    return None


@dataclass(frozen=True)
class Fingerprints:
    """What each stage's output depends on (16 hex digits each)."""

    extract: str       # parser version, extraction code, boilerplate/source-type/signal rules
    annotate: str      # annotation code and rules, context triggers
    lexicon: str       # the disease lexicon files
    sources: str       # the sources file (site names and their source types)
    schema: str        # warehouse schema, views and summaries


@dataclass(frozen=True)
class Stages:
    """Which stages run over every stored article (beyond the files that changed), and why."""

    full: bool                 # rebuild from scratch: extract and annotate every file
    reannotate: bool           # re-run annotation over every stored main_text (no file read)
    lexicon: bool              # re-run annotation over the stored articles holding a changed concept's form
    reclassify: bool           # re-run the source-type classifier over stored inputs (no file read)
    reason: str

    def names(self) -> list[str]:
        """Stage names for etl_runs.stages."""
        if self.full:
            return ["extract", "annotate", "classify"]
        out = ["extract"]   # the changed files, if any
        if self.reannotate:
            out.append("annotate_all")
        elif self.lexicon:
            out.append("annotate_changed")
        if self.reclassify:
            out.append("classify_all")
        return out


def plan_stages(old: Fingerprints | None, new: Fingerprints, *, readable: bool, forced_full: bool) -> Stages:
    """Decide the stages from the previous successful run's fingerprints and the current ones."""
    if forced_full:
        return Stages(True, False, False, False, "full rebuild requested")
    if not readable or old is None:
        return Stages(True, False, False, False, "no readable warehouse yet")
    if old.schema != new.schema:
        return Stages(True, False, False, False, "warehouse schema changed")
    if old.extract != new.extract:
        return Stages(True, False, False, False, "extraction code or rules changed")
    # The classifier's inputs are stored per article (articles.url, site_name, page_source_type).
    changed = {"annotate": old.annotate != new.annotate, "lexicon": old.lexicon != new.lexicon,
               "sources": old.sources != new.sources}
    reasons = [why for why, on in (("annotation code, triggers or rules changed", changed["annotate"]),
                                   ("disease lexicon changed", changed["lexicon"]),
                                   ("sources file changed", changed["sources"])) if on]
    return Stages(False, changed["annotate"], changed["lexicon"], changed["sources"],
                  "; ".join(reasons) or "files changed")
