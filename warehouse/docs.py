"""Render the data dictionary (docs/schema.md) from the schema's own comments."""

from __future__ import annotations

import duckdb

from warehouse.db import VocabularyRows, create_schema
from warehouse.guard import NO_EXTENSIONS

INTRO = """# stemwatch data dictionary

Generated from `warehouse/schema.sql` and `warehouse/views.sql` by `stemwatch schema-doc -o docs/schema.md`;
a test fails when this file is out of date or a column has no comment.

Character offsets (`start_char`, `end_char`) index `articles.main_text`, 0-based, end exclusive, in characters:
in DuckDB SQL `substr(main_text, start_char + 1, end_char - start_char)`; in Python `main_text[start_char:end_char]`.
"""


def schema_markdown(vocabulary: VocabularyRows) -> str:
    """``vocabulary``: the rows the CHECKs are made from (they do not show in the document)."""
    con = duckdb.connect(config=dict(NO_EXTENSIONS))
    try:
        create_schema(con, vocabulary)
        out = [INTRO]
        tables = con.execute("SELECT table_name, comment FROM duckdb_tables() ORDER BY table_name").fetchall()
        views = con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal ORDER BY view_name").fetchall()
        for kind, items in (("Tables", tables), ("Views", views)):
            out.append(f"## {kind}\n")
            for name, comment in items:
                out.append(f"### `{name}`\n\n{comment or ''}\n")
                out.append("| column | type | null | description |\n|---|---|---|---|")
                for col, typ, nullable, ccomment in con.execute(
                        "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
                        "WHERE table_name = ? ORDER BY column_index", [name]).fetchall():
                    desc = (ccomment or "").replace("|", "\\|")
                    out.append(f"| `{col}` | {typ} | {'yes' if nullable else 'no'} | {desc} |")
                out.append("")
        return "\n".join(out).rstrip() + "\n"
    finally:
        con.close()
