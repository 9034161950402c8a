"""`anonymiser rekey --new-key-file PATH`: re-fingerprint every review under a new partnership key.

A fingerprint is an HMAC: it cannot be converted to another key without the text it was made
from. That text is in the review's drafts (reports/<slug>/source/), so each review's drafts are
read again and every fingerprint of redactions.yml is matched to the words it was made from
(any run of 1..8 words, as the leak check searches; the detector's variants of each entity; a
kept entity's own text), then made again under the new key. Every decision, label, note, merge,
added identifier and not-identifying item is carried over as it is; only fingerprints, entity
ids (which are made from a fingerprint too, so a leaked key would test name guesses against
them as well) and the key id change.

Fail closed and all or nothing: a review without its drafts, or a fingerprint that matches
nothing in them (a draft changed since the decision), stops the command before any file is
written, naming the review (and the entities). Every review is locked while it runs; the new
files are written only when all of them are ready, and if writing one fails, those already
written are put back.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from anonymiser.config import Settings
from anonymiser.decisions.labels import new_id
from anonymiser.decisions.schema import DECISIONS_NAME, ReviewDecisions
from anonymiser.decisions.store import (
    decisions_lock,
    load_decisions,
    render_decisions,
    write_atomic,
)
from anonymiser.errors import DecisionsError, KeyProblem
from anonymiser.fingerprint_mentions import BODY
from anonymiser.fingerprints import MAX_NGRAM, PartnershipKey, load_key, new_key, parse_key
from anonymiser.fingerprints import save_key as save_key_file
from anonymiser.fingerprints import words as words_of
from anonymiser.review_folder import ReviewFolder
from anonymiser.text import normalise


@dataclass
class RekeyResult:
    old_key_id: str
    new_key_id: str
    new_key_created: bool
    reviews: list[str]
    entities: int


def rekey_all(settings: Settings, new_key_file: Path, detector=None) -> RekeyResult:
    """Re-fingerprint every review of settings.reports_path under the key in `new_key_file`
    (created there, readable only by its owner, when the file does not exist)."""
    old = load_key(settings.key_path)
    new, create = _new_key(new_key_file)
    if new.key_id == old.key_id:
        raise KeyProblem(
            f"{new_key_file}: holds the key in use (key id {old.key_id}); a new key is needed. "
            "Give a path where no file exists, and rekey creates one."
        )
    decision_files = sorted(settings.reports_path.glob(f"*/{DECISIONS_NAME}"))
    folders = [ReviewFolder.at(path.parent) for path in decision_files]
    with ExitStack() as locks:
        for folder in folders:
            locks.enter_context(decisions_lock(folder.decisions_file))
        previous = {folder.slug: _loaded(folder, old) for folder in folders}
        for folder in folders:
            _require_drafts(folder, previous[folder.slug])
        rekeyed = {
            folder.slug: _rekeyed(folder, previous[folder.slug], old, new, settings, detector)
            for folder in folders
        }
        if create:
            # Saved once every review is ready, and before any is written: a decision file
            # must never name a key that exists nowhere.
            save_key_file(new, new_key_file)
        _write_all(folders, rekeyed)
    return RekeyResult(
        old_key_id=old.key_id,
        new_key_id=new.key_id,
        new_key_created=create,
        reviews=[folder.slug for folder in folders],
        entities=sum(len(decisions.entities) for decisions in rekeyed.values()),
    )


def _new_key(path: Path) -> tuple[PartnershipKey, bool]:
    """The key in `path`, or a new one (and True: to be saved there)."""
    if path.exists():
        return parse_key(path.read_text(encoding="ascii", errors="replace"), str(path)), False
    return new_key(), True


def _loaded(folder: ReviewFolder, old: PartnershipKey) -> ReviewDecisions:
    decisions = load_decisions(folder.decisions_file, old.key_id)
    assert decisions is not None  # found by its file name, under the lock
    return decisions


def _needs_drafts(decisions: ReviewDecisions) -> bool:
    """Only a kept entity's own text can be fingerprinted again without the drafts."""
    return any(not (entity.decision == "keep" and entity.text) for entity in decisions.entities)


def _require_drafts(folder: ReviewFolder, decisions: ReviewDecisions) -> None:
    if not _needs_drafts(decisions):
        return
    source = folder.source
    if not source.is_dir() or not any(path.is_file() for path in source.iterdir()):
        raise DecisionsError(
            f"{folder.path}: its drafts are not in {source}/. Rekey makes every fingerprint "
            "again from the words of the drafts (a fingerprint cannot be converted without "
            "them): put this review's drafts back in source/ and run rekey again. Nothing was "
            "changed."
        )


def _rekeyed(
    folder: ReviewFolder,
    decisions: ReviewDecisions,
    old: PartnershipKey,
    new: PartnershipKey,
    settings: Settings,
    detector,
) -> ReviewDecisions:
    wanted = {fp for entity in decisions.entities for fp in entity.fingerprints}
    texts = _kept_texts(decisions, old, wanted)
    if wanted - texts.keys():
        texts.update(_draft_texts(folder, old, wanted - texts.keys(), settings, detector))
    missing = {
        entity.id: sum(fp not in texts for fp in entity.fingerprints)
        for entity in decisions.entities
        if any(fp not in texts for fp in entity.fingerprints)
    }
    if missing:
        listing = ", ".join(f"{entity_id} ({count})" for entity_id, count in missing.items())
        raise DecisionsError(
            f"{folder.decisions_file}: fingerprints of {len(missing)} entities match nothing "
            f"in the drafts in {folder.source}/ (fingerprints not found, per entity: {listing}). "
            "A draft was changed or removed since they were decided: put the drafts they were "
            "decided on back, or run 'anonymiser scan' and resolve the stale entities first. "
            "Nothing was changed."
        )
    ids = _new_ids(decisions, new)
    result = decisions.model_copy(deep=True)
    result.key_id = new.key_id
    for entity in result.entities:
        entity.fingerprints = sorted(
            {new.fingerprint_normalised(texts[fp]) for fp in entity.fingerprints}
        )
        entity.id = ids[entity.id]
        entity.merged_from = [ids[merged] for merged in entity.merged_from]
    return result


def _kept_texts(decisions: ReviewDecisions, old: PartnershipKey, wanted: set[str]) -> dict:
    texts = {}
    for entity in decisions.entities:
        if entity.decision == "keep" and entity.text:
            norm = normalise(entity.text)
            fp = old.fingerprint_normalised(norm)
            if fp in wanted:
                texts[fp] = norm
    return texts


def _draft_texts(
    folder: ReviewFolder, old: PartnershipKey, wanted: set[str], settings: Settings, detector
) -> dict[str, str]:
    """old fingerprint -> the normalised text it was made from, for those of `wanted` found in
    the drafts: every run of 1..MAX_NGRAM words of every part (the body and what Word keeps
    inside: comments, headers...), and every variant of what the detector finds."""
    from anonymiser.pipeline import analyse, make_detector, read_review_drafts

    documents = read_review_drafts(folder)
    texts: dict[str, str] = {}
    for document in documents:
        parts = [(BODY, document.body)] + [(part.where, part.text) for part in document.hidden]
        for _where, text in parts:
            words = [word.norm for word in words_of(text)]
            for start in range(len(words)):
                norm = ""
                for word in words[start : start + MAX_NGRAM]:
                    norm = f"{norm} {word}" if norm else word
                    fp = old.fingerprint_normalised(norm)
                    if fp in wanted:
                        texts[fp] = norm
    if wanted - texts.keys():
        review = analyse(documents, detector or make_detector(settings))
        for entity in review.entities:
            for variant in entity.variants:
                fp = old.fingerprint_normalised(variant)
                if fp in wanted:
                    texts[fp] = variant
    return texts


def _new_ids(decisions: ReviewDecisions, new: PartnershipKey) -> dict[str, str]:
    """old id -> new id, for every entity and every id merged into one. An id ends with a
    fingerprint's first hex digits ("person-3f2a9c"): under the new key it ends with the new
    key's fingerprint of the old id, so it tells nothing to whoever has the old key."""
    old_ids = sorted(
        {entity.id for entity in decisions.entities}
        | {merged for entity in decisions.entities for merged in entity.merged_from}
    )
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for old_id in old_ids:
        head, _, tail = old_id.rpartition("-")
        prefix = head if head and all(c in "0123456789abcdef" for c in tail) else old_id
        digest = new.fingerprint_normalised(f"entity id {old_id}")
        ids[old_id] = new_id(prefix, digest, taken)
        taken.add(ids[old_id])
    return ids


def _write_all(folders: list[ReviewFolder], rekeyed: dict[str, ReviewDecisions]) -> None:
    """Write every review's new file; if one fails, put back those already written."""
    before = {folder.slug: folder.decisions_file.read_text(encoding="utf-8") for folder in folders}
    texts = {slug: render_decisions(decisions) for slug, decisions in rekeyed.items()}
    written: list[ReviewFolder] = []
    try:
        for folder in folders:
            write_atomic(folder.decisions_file, texts[folder.slug])
            written.append(folder)
    except BaseException:
        for folder in written:
            write_atomic(folder.decisions_file, before[folder.slug])
        raise
