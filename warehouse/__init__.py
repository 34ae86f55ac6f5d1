"""The DuckDB warehouse: schema, views and the one way to open or publish the file."""
