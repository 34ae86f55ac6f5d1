"""Knowledge: the data files (rules, lexicon, vocabulary) and the code that loads and validates them."""
