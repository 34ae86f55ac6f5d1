"""ANNOTATE: a Document's main text to annotations (pure: no I/O, no database).

Disease mentions with their claim context; depends on the lexicon and triggers in etl/knowledge.
"""
