"""The local review page, used as a comms officer would in Debian's headless Chromium: relabel a
person, merge a nickname into them, add a name the scan missed by selecting it, save; then apply
writes the label for every variant in every document. And the server's guards, over plain HTTP.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from browser import CHROMIUM, VIEWPORT, is_local
from review_example import (
    MISSED,
    MISSED_SENTENCES,
    build_review_project,
    gold_identifiers,
    occurs,
)

from anonymiser.commands.apply import apply_review
from anonymiser.commands.review import add_texts, decide, list_review, open_review_page
from anonymiser.decisions.store import load_decisions, save_decisions
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import read_drafts

pytestmark = pytest.mark.slow

# In CI a missing browser is a failure, not a skip.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason=f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)",
)
REVIEWER = "Test reviewer"
MOTHER_VARIANTS = re.compile(r"\b(?:Zofia\s+Wójcik|Zofia|Zosia)\b")


@pytest.fixture
def example(tmp_path, monkeypatch, detector):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    return build_review_project(tmp_path, detector)


@pytest.fixture
def server(example, detector) -> Iterator[object]:
    folder, settings = example
    running = open_review_page(folder, settings, REVIEWER, detector=detector)
    yield running
    running.stop()


def entity_row(page, text: str):
    """The entity panel's row for the entity called exactly `text` (then " → label")."""
    name = page.locator(".name", has_text=re.compile(rf"^{re.escape(text)}(?: →|$)"))
    return page.locator("#entity-list button", has=name).first


@pytest.mark.browser
@needs_chromium
def test_relabel_merge_add_save_then_apply(example, server, chromium, detector):
    folder, settings = example
    context = chromium.new_context(viewport=VIEWPORT)
    context.route(lambda url: not is_local(url, server.origin), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url)
    page.wait_for_selector("#entity-list button")
    assert re.fullmatch(r"0 of \d+ decided", page.inner_text("#progress-text"))
    assert page.locator("mark[data-id]").count() > 50  # every mention is highlighted

    # Relabel the mother.
    entity_row(page, "Zofia Wójcik").click()
    mother_id = entity_row(page, "Zofia Wójcik").get_attribute("data-id")
    page.fill("#label-input", "Mother")
    page.press("#label-input", "Enter")
    page.wait_for_selector("#status:has-text('redacted as “Mother”')")
    assert page.inner_text("#progress-text").startswith("1 of ")

    # "Zosia" is what her family calls her: merge the nickname into her.
    entity_row(page, "Zosia").click()
    page.select_option("#merge-target", mother_id)
    page.click("#merge-button")
    page.wait_for_selector("#status:has-text('Merged')")
    assert entity_row(page, "Zosia").count() == 0
    assert "Zosia" in page.inner_text("#detail-variants")
    assert page.locator(f'mark[data-id="{mother_id}"]').count() >= 4

    # Select the nickname the scan missed in the briefing and add it.
    briefing = page.locator('.doc-text[data-doc="briefing"][data-part="body"]')
    assert briefing.locator("mark", has_text=MISSED).count() == 0
    box = page.evaluate(
        """([selector, word]) => {
            const block = document.querySelector(selector);
            const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(word);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                const scroller = block.closest(".documents");
                scroller.scrollTop += range.getBoundingClientRect().top - 300;
                const rect = range.getBoundingClientRect();
                return {x: rect.left, y: rect.top, width: rect.width, height: rect.height};
            }
            return null;
        }""",
        ['.doc-text[data-doc="briefing"][data-part="body"]', MISSED],
    )
    assert box, "the missed name is not in the briefing"
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    page.mouse.up()
    page.wait_for_selector("#add-popup:not([hidden])")
    assert page.inner_text("#add-text") == MISSED
    page.fill("#add-label", "Family friend")
    page.click("#add-button")
    page.wait_for_selector(f"#status:has-text('Added “{MISSED}”')")
    for doc in ("briefing", "board-response"):
        marks = page.locator(f'.doc-text[data-doc="{doc}"] mark', has_text=MISSED)
        assert marks.count() == 1, doc  # found everywhere in the review

    # The shortcuts: "?" lists them, Ctrl+S saves.
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert page.inner_text("#save") == "Save (3)"
    page.keyboard.press("Control+s")
    page.wait_for_selector("#status:has-text('Saved 3 changes')")
    assert errors == []
    context.close()

    # The saved file holds the decisions, and no identifier as text.
    key = load_key(settings.key_path)
    decisions = load_decisions(folder.decisions_file, None)
    by_fp = decisions.by_fingerprint()
    mother = by_fp[key.fingerprint("Zofia Wójcik")]
    assert (mother.id, mother.decision, mother.label) == (mother_id, "redact", "Mother")
    assert by_fp[key.fingerprint("Zosia")] is mother and mother.merged_from
    assert mother.decided_by == REVIEWER
    added = by_fp[key.fingerprint(MISSED)]
    assert (added.origin, added.decision, added.label) == ("added", "redact", "Family friend")
    assert added.mentions == {"board-response": 1, "briefing": 1}
    saved = folder.decisions_file.read_text(encoding="utf-8")
    for identifier in gold_identifiers("child-d") + [MISSED]:
        assert not occurs(identifier, saved), "redactions.yml contains an identifier"

    # Apply writes "Mother" for every variant in every document, once the words on the
    # to-check list are decided too (here: none of them identifies anyone).
    decide(folder, settings, REVIEWER, accept_all=True)
    left = [item.text for item in list_review(folder, settings, detector).to_check]
    add_texts(folder, settings, REVIEWER, [], left)
    apply_review(folder, settings, REVIEWER)
    for draft in read_drafts(folder.source):
        published = folder.published_file(draft.stem).read_text(encoding="utf-8")
        variants = len(MOTHER_VARIANTS.findall(draft.body))
        mothers = len(re.findall(r"\bMother\b", draft.body))
        # "His mother, Zofia Wójcik, was born" reads "His mother was born": the name beside
        # its own label's words is dropped, not doubled.
        beside = len(re.findall(r"\bmother,\s+(?:Zofia\s+Wójcik|Zofia|Zosia),", draft.body))
        assert not MOTHER_VARIANTS.search(published), draft.stem
        found = len(re.findall(r"\bMother\b", published))
        assert found == mothers + variants - beside, draft.stem
        for name in ("Zofia", "Zosia", "Wójcik", MISSED):
            assert not occurs(name, published), f"{draft.stem} still names {name}"
    for name in MISSED_SENTENCES:
        stem = name.rsplit(".", 1)[0]
        assert "Family friend" in folder.published_file(stem).read_text(encoding="utf-8")


@pytest.mark.browser
@needs_chromium
def test_the_to_check_list_is_decided_on_the_page(example, server, chromium):
    """A nickname no detector knows is on the page's to-check list; Add redacts it everywhere,
    Not identifying keeps another item; both leave the list, and Save records them."""
    folder, settings = example
    context = chromium.new_context(viewport=VIEWPORT)
    context.route(lambda url: not is_local(url, server.origin), lambda route: route.abort())
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("#entity-list button")
    section = page.locator("#to-check")
    assert section.is_visible()
    row = page.locator("#to-check-list li", has_text=MISSED)
    assert row.count() == 1
    before = page.locator("#to-check-list li").count()
    row.get_by_role("button", name="Add").click()
    page.wait_for_selector(f"#status:has-text('Added “{MISSED}”')")
    assert page.locator("#to-check-list li", has_text=MISSED).count() == 0
    assert page.locator(f'.doc-text mark:has-text("{MISSED}")').count() == 2
    left = page.locator("#to-check-list li")
    assert left.count() == before - 1
    if left.count():
        kept = left.first.inner_text().split(" · ")[0]
        left.first.get_by_role("button", name="Not identifying").click()
        page.wait_for_selector("#status:has-text('not identifying')")
        assert page.locator("#to-check-list li", has_text=kept).count() == 0
    page.keyboard.press("Control+s")
    page.wait_for_selector("#status:text-matches('^Saved')")
    context.close()
    key = load_key(settings.key_path)
    decisions = load_decisions(folder.decisions_file, None)
    added = decisions.by_fingerprint()[key.fingerprint(MISSED)]
    assert (added.origin, added.decision) == ("added", "redact")


@pytest.mark.browser
@needs_chromium
def test_keep_on_the_page_needs_a_reason(example, server, chromium):
    """Keep is a form with a required reason: without one nothing is sent; with one the entity
    is kept and Save records the reason."""
    folder, _ = example
    context = chromium.new_context(viewport=VIEWPORT)
    context.route(lambda url: not is_local(url, server.origin), lambda route: route.abort())
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("#entity-list button")
    entity_row(page, "Dean Whitlock").click()
    dean = entity_row(page, "Dean Whitlock").get_attribute("data-id")
    page.keyboard.press("k")  # the shortcut goes to the reason box
    assert page.evaluate("document.activeElement.id") == "keep-reason"
    page.press("#keep-reason", "Enter")
    assert server.session.edits == []  # the browser refuses the empty required box
    page.fill("#keep-reason", "a public official named in the report")
    page.click("#keep-button")
    page.wait_for_selector("#status:has-text('kept')")
    assert "kept: a public official" in page.inner_text("#detail-meta")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#status:text-matches('^Saved')")
    context.close()
    saved = load_decisions(folder.decisions_file, None).by_id()[dean]
    assert (saved.decision, saved.keep_reason) == ("keep", "a public official named in the report")


# -- the server's guards ----------------------------------------------------------------------


def request(server, path: str, body=None, headers=None, token=None):
    sent = {"X-Review-Token": server.token if token is None else token, **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(server.origin + path, data=data, headers=sent)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_listens_on_loopback_only(server):
    assert server.httpd.server_address[0] == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:") and "token=" in server.url


def test_the_page_and_the_drafts_need_the_token(server):
    assert request(server, "/")[0] == 403
    assert request(server, "/?token=wrong")[0] == 403
    assert request(server, f"/?token={server.token}")[0] == 200
    assert request(server, "/api/state", token="wrong")[0] == 403
    assert request(server, "/api/edit", {"kind": "note"}, token="")[0] == 403


def test_a_wrong_host_header_is_refused(server):
    # A page elsewhere that points its own domain at 127.0.0.1 (DNS rebinding).
    status, _ = request(server, f"/?token={server.token}", headers={"Host": "evil.example"})
    assert status == 421


def test_writes_must_be_json_from_the_page_itself(example, server):
    folder, _ = example
    before = folder.decisions_file.read_text(encoding="utf-8")
    assert request(server, "/api/save", {}, headers={"Origin": "http://evil.example"})[0] == 403
    assert request(server, "/api/save", {}, headers={"Content-Type": "text/plain"})[0] == 415
    assert folder.decisions_file.read_text(encoding="utf-8") == before


def test_a_bad_edit_is_explained_and_changes_nothing(server):
    status, body = request(server, "/api/edit", {"kind": "redact", "entity_id": "person-nope"})
    assert status == 400 and "no entity person-nope" in json.loads(body)["error"]
    status, body = request(server, "/api/edit", {"kind": "add", "text": "Eastmoor"})
    assert status == 400 and "allow-list" in json.loads(body)["error"]
    assert server.session.edits == []


def test_a_label_that_names_someone_is_refused_as_it_is_typed(example, server):
    """The label is checked as the edit is made: the error names the field, never the text,
    and the refused edit is not kept for the save."""
    state = json.loads(request(server, "/api/state")[1])
    kayden = next(e for e in state["entities"] if e["text"] == "Kayden Marsh")
    other = next(e for e in state["entities"] if e["text"] == "Dean Whitlock")
    request(server, "/api/edit", {"kind": "redact", "entity_id": kayden["id"]})
    for label in ("Kayden", "Kayden_Marsh", "KaydenMarsh", "Kay\u00adden"):
        edit = {"kind": "redact", "entity_id": other["id"], "label": label}
        status, body = request(server, "/api/edit", edit)
        error = json.loads(body)
        assert status == 400 and error["error"].startswith("That label "), label
        assert "Kayden" not in error["error"] and error["entity"] == other["id"]
    assert len(server.session.edits) == 1


def test_a_hand_edited_label_that_names_someone_stops_the_save(example, server):
    """Save checks every label, note and reason of the file as it is on disk, so a name put
    into redactions.yml by hand is refused, naming the entity and the field only."""
    folder, _ = example
    state = json.loads(request(server, "/api/state")[1])
    kayden = next(e for e in state["entities"] if e["text"] == "Kayden Marsh")["id"]
    dean = next(e for e in state["entities"] if e["text"] == "Dean Whitlock")["id"]
    on_disk = load_decisions(folder.decisions_file, None)
    on_disk.by_id()[kayden].decide("redact", "Someone", "2026-03-01", label="Dean Whitlock")
    save_decisions(on_disk, folder.decisions_file)
    before = folder.decisions_file.read_text(encoding="utf-8")
    assert request(server, "/api/edit", {"kind": "redact", "entity_id": dean})[0] == 200
    status, body = request(server, "/api/save", {})
    error = json.loads(body)["error"]
    assert status == 400 and f"entity {kayden}, field 'label'" in error
    assert "Dean" not in error and "Whitlock" not in error
    assert folder.decisions_file.read_text(encoding="utf-8") == before


def test_keeping_needs_a_reason_which_is_checked_and_saved(example, server):
    folder, _ = example
    state = json.loads(request(server, "/api/state")[1])
    dean = next(e for e in state["entities"] if e["text"] == "Dean Whitlock")["id"]
    status, body = request(server, "/api/edit", {"kind": "keep", "entity_id": dean})
    assert status == 400 and "reason" in json.loads(body)["error"]
    named = {"kind": "keep", "entity_id": dean, "reason": "agreed with Jolene Brackenridge"}
    status, body = request(server, "/api/edit", named)
    assert status == 400 and "Jolene" not in json.loads(body)["error"]
    assert server.session.edits == []
    reason = {"kind": "keep", "entity_id": dean, "reason": "a public official named in the report"}
    assert request(server, "/api/edit", reason)[0] == 200
    assert request(server, "/api/save", {})[0] == 200
    saved = load_decisions(folder.decisions_file, None).by_id()[dean]
    assert saved.decision == "keep"
    assert saved.keep_reason == "a public official named in the report"


def test_static_files_and_headers(server):
    req = urllib.request.Request(server.origin + "/static/review.js")
    with urllib.request.urlopen(req, timeout=10) as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert response.headers["Cache-Control"] == "no-store"
    assert request(server, "/static/../session.py")[0] == 404


def test_finish_waits_for_unsaved_changes(server):
    state = json.loads(request(server, "/api/state")[1])
    first = state["entities"][0]["id"]
    request(server, "/api/edit", {"kind": "keep", "entity_id": first, "reason": "public body"})
    status, body = request(server, "/api/finish", {})
    assert status == 409 and "unsaved" in json.loads(body)["error"]
    assert not server.finished.is_set()
    assert request(server, "/api/save", {})[0] == 200
    assert request(server, "/api/finish", {})[0] == 200
    assert server.finished.is_set()
