"""stemwatch ETL: seed documents in, DuckDB warehouse out.

Stage packages, in pipeline order (see docs/architecture.md):
etl/extract (bytes -> Document, pure) -> etl/annotate (Document -> mentions, pure) ->
etl/load (discover, run, rows, publish: the only writer) -> etl/refresh (freshness, scheduler).
etl/knowledge loads the rules, lexicon and triggers both pure stages use;
`parse.parse_document` composes extract and annotate: bytes in, rows out, no I/O.
"""

__version__ = "0.1.0"
# Bump when extraction changes in a way that should re-extract every file.
PARSER_VERSION = "2026.11.22-1"
