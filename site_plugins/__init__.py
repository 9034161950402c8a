"""MkDocs plugins that build the partnership's site from the published reviews in reports/.

The site build reads only review.yml and the anonymised documents it lists; it never imports
the anonymiser package and never reads drafts (the flow of data is one way).
"""
