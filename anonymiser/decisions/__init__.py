"""A review's decisions, `redactions.yml`, and everything made from them.

schema.py the file's entities and their checks; store.py loading (with the one key check),
saving and the file lock; merge.py a scan merged into the decisions; labels.py entity ids and
default labels; plan.py the one planning function from text and decisions to replacements.
"""
