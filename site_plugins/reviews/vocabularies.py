"""The plugin's vocabularies (types, themes, age groups), checked before any review is read."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from .config import ReviewsConfig
from .model import Vocabularies
from .review_file import SLUG


def vocabularies_from(config: ReviewsConfig) -> Vocabularies:
    """Vocabularies of the plugin options; keys become web addresses (themes/<key>/)."""
    for option in ("types", "themes", "age_groups"):
        for key, label in config[option].items():
            if not SLUG.match(key) or key == "index":
                raise PluginError(
                    f"reviews plugin option '{option}': key '{key}' is used in web addresses; "
                    "allowed: lowercase letters, digits and single hyphens, not 'index'"
                )
            if not label.strip() or "<" in label or ">" in label:
                raise PluginError(
                    f"reviews plugin option '{option}': the label of '{key}' must be "
                    f"non-empty plain text without '<' or '>', got {label!r}"
                )
    return Vocabularies(
        types=dict(config.types), themes=dict(config.themes), age_groups=dict(config.age_groups)
    )
