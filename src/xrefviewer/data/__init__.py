"""Rules, word lists and gazetteers, kept as data apart from the code that applies them."""
