"""ANNOTATE: a Document's main text to annotations (pure: no I/O, no database).

Disease mentions with their claim context (mentions.py), then claims, advertising red flags,
credibility and citation evidence (annotations.py is the entry point); depends on the lexicon,
triggers and annotation rules in etl/knowledge.
"""
