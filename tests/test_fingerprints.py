"""Keyed fingerprints: normalisation, search in text, and the partnership key."""

from __future__ import annotations

import os
import stat

import pytest

from anonymiser.errors import KeyProblem
from anonymiser.fingerprints import (
    PartnershipKey,
    load_key,
    new_key,
    normalise,
    parse_key,
    save_key,
)

KEY = PartnershipKey(bytes(range(32)))


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("Kayden Marsh", "kayden marsh"),
        ("  KAYDEN\n  marsh ", "kayden marsh"),
        ("Kayden's", "kayden s"),
        ("Zofia Wójcik", "zofia wójcik"),
        ("07700 900123", "07700 900123"),
        ("jo.bloggs@example.com", "jo bloggs example com"),
        ("Straße", "strasse"),
    ],
)
def test_normalise(text, norm):
    assert normalise(text) == norm


def test_fingerprint_ignores_case_and_spacing():
    assert KEY.fingerprint("Kayden  MARSH") == KEY.fingerprint("kayden marsh")
    assert KEY.fingerprint("Kayden Marsh") != KEY.fingerprint("Kayden Marsha")


def test_fingerprint_depends_on_key():
    other = PartnershipKey(bytes(32))
    assert KEY.fingerprint("Kayden") != other.fingerprint("Kayden")
    assert KEY.key_id != other.key_id


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Then KAYDEN MARSH cried.", [(5, 17)]),
        ("Kayden's nan and kayden.", [(0, 6), (17, 23)]),
        ("Kaydence is another child.", []),
        ("Mr Marsh and Kayden Marsh left.", [(13, 25)]),
    ],
)
def test_find_longest_runs(text, spans):
    fingerprints = {KEY.fingerprint("Kayden Marsh"), KEY.fingerprint("Kayden")}
    assert [(s, e) for s, e, _ in KEY.find(text, fingerprints)] == spans


def test_key_file_round_trip(tmp_path, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    key = new_key()
    path = tmp_path / ".anonymiser" / "key"
    save_key(key, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_key(path) == key
    with pytest.raises(FileExistsError):
        save_key(new_key(), path)  # an existing key is never overwritten


def test_key_from_environment_wins(tmp_path, monkeypatch):
    key = new_key()
    monkeypatch.setenv("ANONYMISER_KEY", key.secret.hex())
    assert load_key(tmp_path / "missing") == key


@pytest.mark.parametrize(
    ("value", "message"), [("nothex", "not valid"), ("ab" * 16, "must have 32")]
)
def test_bad_key_is_a_clear_error(value, message):
    with pytest.raises(KeyProblem, match=message):
        parse_key(value, "test")


def test_missing_key_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    with pytest.raises(KeyProblem, match="anonymiser init"):
        load_key(tmp_path / "key")
