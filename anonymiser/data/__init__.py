"""Data files shipped with the anonymiser: the default allow-list and the name lists."""
