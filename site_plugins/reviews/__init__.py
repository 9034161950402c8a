"""The `reviews` MkDocs plugin: review.yml + anonymised documents -> library, review, document,
theme and type pages."""
