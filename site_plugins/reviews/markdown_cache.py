"""Document pages' rendered Markdown, kept between builds: a rebuild renders only what changed.

A page's entry is found by a digest of everything its HTML depends on: its Markdown, the site's
Markdown extensions and their settings, and the versions of Python-Markdown, MkDocs, the
packages the extensions come from (pymdown-extensions, say) and this format. Each entry is a
file in `.cache/reviews/markdown/` beside mkdocs.yml (git-ignored, like the PDFs' cache): a line
of JSON (table of contents, ids, the HTML's length), then the HTML as it is. It is a published
page's HTML, the anonymised text that the site publishes anyway, never anything from a draft.
An entry that cannot be read or is not what this module writes is ignored and written anew;
entries the latest complete build did not use are removed at its end, so the cache holds one
site's pages, not every version ever built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path
from typing import Any

import markdown
import mkdocs

from .rendered import Rendered

log = logging.getLogger("mkdocs.plugins.reviews")

# Changed whenever what an entry holds, or how a worker renders, changes.
FORMAT = 1
_SUFFIX = ".page"


class MarkdownCache:
    def __init__(self, folder: Path, settings: bytes) -> None:
        """folder: where the entries are; settings: the Markdown extension settings, as bytes
        that change whenever they do."""
        self._folder = folder
        self._prefix = hashlib.sha256(
            b"\0".join(
                [
                    str(FORMAT).encode(),
                    markdown.__version__.encode(),
                    mkdocs.__version__.encode(),
                    settings,
                ]
            )
        ).digest()
        self._used: set[str] = set()
        self._writable = True

    def key(self, text: str) -> str:
        return hashlib.sha256(self._prefix + text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> Rendered | None:
        """The entry, or None when there is none or it is not one of ours."""
        self._used.add(key)
        try:
            header, _, html = (self._folder / f"{key}{_SUFFIX}").read_bytes().partition(b"\n")
            data = json.loads(header)
            # A file cut short, or with anything added, is not the entry that was written.
            if not isinstance(data, dict) or data.get("html_bytes") != len(html):
                return None
            data["html"] = html.decode("utf-8")
        except (OSError, ValueError):
            return None
        return _from_json(data)

    def put(self, key: str, rendered: Rendered) -> None:
        """Write the entry (whole or not at all); a cache that cannot be written is not used
        for the rest of the build, which does not need it."""
        if not self._writable:
            return
        self._used.add(key)
        html = rendered.html.encode("utf-8")
        # One line: JSON writes a line end inside a string as the two characters "\n".
        header = json.dumps(_to_json(rendered) | {"html_bytes": len(html)}).encode("ascii")
        data = header + b"\n" + html
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self._folder / f"{key}{_SUFFIX}")
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as error:
            self._writable = False
            log.info(f"Rendered Markdown not kept for the next build: {error}")

    def prune(self) -> None:
        """Remove the entries (and any half-written file) this build did not use."""
        if not self._folder.is_dir():
            return
        for path in self._folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix == _SUFFIX and path.stem not in self._used):
                with contextlib.suppress(OSError):
                    path.unlink()


def extension_versions(extensions: list) -> list[str]:
    """ "name==version" of each installed package that one of these extensions comes from (an
    extension given by name, such as "pymdownx.superfences"; Python-Markdown's own, such as
    "tables", are in Python-Markdown's version)."""
    found = set()
    providers = packages_distributions()
    for extension in extensions:
        if not isinstance(extension, str):
            continue
        for package in providers.get(extension.split(".")[0], []):
            try:
                found.add(f"{package}=={version(package)}")
            except PackageNotFoundError:
                found.add(f"{package}==?")
    return sorted(found)


def _to_json(rendered: Rendered) -> dict[str, Any]:
    return {
        "toc_tokens": rendered.toc_tokens,
        "title": rendered.title,
        "anchor_ids": sorted(rendered.anchor_ids),
        "self_links": rendered.self_links,
        "links_to_site": rendered.links_to_site,
    }


def _from_json(data: Any) -> Rendered | None:
    try:
        rendered = Rendered(
            html=data["html"],
            toc_tokens=data["toc_tokens"],
            title=data["title"],
            anchor_ids=frozenset(data["anchor_ids"]),
            self_links=data["self_links"],
            links_to_site=data["links_to_site"],
        )
    except (KeyError, TypeError):
        return None
    well_formed = (
        isinstance(rendered.html, str)
        and isinstance(rendered.toc_tokens, list)
        and isinstance(rendered.title, str | None)
        and all(isinstance(anchor, str) for anchor in rendered.anchor_ids)
        and isinstance(rendered.self_links, dict)
        and rendered.links_to_site is False  # such pages are never kept: MkDocs renders them
    )
    return rendered if well_formed else None
