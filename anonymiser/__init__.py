"""Anonymise safeguarding case reviews before they are published."""

__version__ = "0.1.0"
