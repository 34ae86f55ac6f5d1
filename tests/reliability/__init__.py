"""Reliability suite (issue 6): hostile files, crash safety, concurrency. Run alone with `-m reliability`."""
