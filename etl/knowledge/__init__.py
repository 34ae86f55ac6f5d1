"""KNOWLEDGE: loading and validating the data the pure stages use (rules, lexicon, triggers,
annotation rules, the vocabulary).

The data files live in etl/knowledge/data/; every loader names the file and line of a bad entry.
"""
