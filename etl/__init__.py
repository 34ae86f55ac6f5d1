"""stemwatch ETL: seed documents in, DuckDB warehouse out.

Stages, one module each: discover (files) -> decode (bytes to text) -> extract_html /
extract_text (text to lines) -> boilerplate (main content) -> metadata, sections,
citations, signals -> mentions (lexicon matcher) -> load (the only writer).
`parse.parse_document` composes the pure stages: bytes in, rows out, no I/O.
"""

__version__ = "0.1.0"
# Bump when extraction changes in a way that should re-extract every file.
PARSER_VERSION = "2026.11.22-1"
