"""Annotation: pure functions from an extracted document to claims, red flags, credibility and evidence rows."""
