"""EXTRACT: a file's bytes to a Document (pure: no I/O, no database).

decode -> front matter / HTML / text -> lines -> chrome vs article -> metadata, source type,
sections, citations, commercial signals. Depends on the rules in etl/knowledge only.
"""
