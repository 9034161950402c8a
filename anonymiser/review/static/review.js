// The local review page: documents with every mention highlighted, the entities of the review,
// and the decisions a person makes about them. Every change goes to the local server, which
// keeps it in memory until Save writes redactions.yml (fingerprints and labels, never text).
"use strict";

import { readSelection, renderDocuments, showMention as show } from "./documents.js";

const TOKEN = document.querySelector('meta[name="review-token"]').content;
const $ = (id) => document.getElementById(id);

let state = null; // what the server last sent
let selectedId = null;
let preview = false;
const cursor = {}; // entity id -> index of the mention shown last
let pendingSelection = null; // {doc, part, start, end, text} of text selected to add

// -- talking to the server ------------------------------------------------------------------

async function api(path, body) {
  const options = { headers: { "X-Review-Token": TOKEN } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
  if (!response.ok) {
    const error = new Error(data.error || `The server answered ${response.status}.`);
    error.entity = data.entity;
    throw error;
  }
  return data;
}

function say(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

async function edit(change) {
  try {
    const data = await api("/api/edit", change);
    update(data, data.selected);
    say(describe(change));
  } catch (error) {
    say(error.message, true);
    if (error.entity) select(error.entity, true);
  }
}

function describe(change) {
  const entity = byId(change.entity_id);
  const name = entity ? entity.text : "";
  switch (change.kind) {
    case "redact": return `${name}: redacted as “${byId(change.entity_id).label}”. Not saved yet.`;
    case "keep": return `${name}: kept. Not saved yet.`;
    case "merge": return `Merged. Not saved yet.`;
    case "add": return `Added “${change.text}”, found everywhere in the review. Not saved yet.`;
    case "note": return `Note recorded. Not saved yet.`;
    case "not_identifying": return `“${change.text}”: not identifying, kept. Not saved yet.`;
    default: return "";
  }
}

async function save() {
  try {
    const data = await api("/api/save", {});
    update(data, selectedId);
    say(data.message);
  } catch (error) {
    say(error.message, true);
  }
}

async function finish() {
  if (state.unsaved && !window.confirm("Save your changes before finishing?")) return;
  if (state.unsaved) await save();
  if (state.unsaved) return;
  try {
    const data = await api("/api/finish", {});
    say(data.message);
    document.querySelectorAll("button, input, select").forEach((el) => (el.disabled = true));
  } catch (error) {
    say(error.message, true);
  }
}

// -- state -----------------------------------------------------------------------------------

function byId(id) {
  return state.entities.find((entity) => entity.id === id);
}

function update(data, selected) {
  const documents = state ? state.documents : data.documents;
  state = { ...data, documents };
  if (selected && !byId(selected)) selected = null;
  selectedId = selected || selectedId;
  if (selectedId && !byId(selectedId)) selectedId = null;
  renderProgress();
  drawDocuments();
  renderToCheck();
  renderList();
  renderDetail();
}

// -- the to-check list: what the scan could not explain ----------------------------------------

function renderToCheck() {
  const items = state.to_check || [];
  $("to-check").hidden = items.length === 0;
  $("to-check-title").textContent = `To check (${items.length})`;
  const list = $("to-check-list");
  list.replaceChildren();
  for (const item of items) {
    const row = document.createElement("li");
    const text = document.createElement("span");
    text.className = "name";
    text.textContent = `${item.text} · ${item.count}`;
    const add = document.createElement("button");
    add.type = "button";
    add.textContent = "Add";
    add.title = `Redact “${item.text}” everywhere in the review`;
    add.addEventListener("click", () => edit({ kind: "add", text: item.text }));
    const keep = document.createElement("button");
    keep.type = "button";
    keep.textContent = "Not identifying";
    keep.addEventListener("click", () => edit({ kind: "not_identifying", text: item.text }));
    row.append(text, add, keep);
    list.append(row);
  }
}

function drawDocuments() {
  renderDocuments({ state, selectedId, preview });
}

function showMention(id, doc) {
  show(id, doc, cursor);
}

function isDecided(entity) {
  return entity.decision !== "pending" && !entity.stale;
}

// -- the list of entities --------------------------------------------------------------------

const GROUP_ORDER = ["person", "place", "institution", "number", "date"];

function visibleEntities() {
  const show = $("filter-state").value;
  const query = $("filter-text").value.trim().toLowerCase();
  const group = (entity) => GROUP_ORDER.indexOf(state.types[entity.type].group);
  const ordered = state.entities.slice()
    .sort((a, b) => group(a) - group(b) || a.text.localeCompare(b.text));
  return ordered.filter((entity) => {
    if (show === "undecided" && isDecided(entity)) return false;
    if ((show === "redact" || show === "keep") && entity.decision !== show) return false;
    if (!query) return true;
    return [entity.text, entity.label, entity.type, ...entity.variants]
      .some((value) => value.toLowerCase().includes(query));
  });
}

function renderList() {
  const list = $("entity-list");
  list.replaceChildren();
  for (const entity of visibleEntities()) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.id = entity.id;
    if (entity.id === selectedId) button.setAttribute("aria-current", "true");
    const chip = document.createElement("span");
    chip.className = `chip g-${state.types[entity.type].group}`;
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = entity.text;
    if (entity.decision !== "keep") {
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = ` → ${entity.label}`;
      name.append(label);
    }
    const badge = document.createElement("span");
    const status = entity.stale ? "stale" : entity.decision;
    badge.className = `badge ${status}`;
    badge.textContent = `${{ pending: "to decide", redact: "redacted", keep: "kept", stale: "gone" }[status]} · ${entity.total}`;
    button.append(chip, name, badge);
    button.addEventListener("click", () => select(entity.id, true));
    item.append(button);
    list.append(item);
  }
}

function renderProgress() {
  const { decided, total } = state.progress;
  $("progress-bar").max = Math.max(total, 1);
  $("progress-bar").value = decided;
  $("progress-text").textContent = `${decided} of ${total} decided`;
  $("save").disabled = !state.unsaved;
  $("save").textContent = state.unsaved ? `Save (${state.unsaved})` : "Save";
}

function select(id, scroll) {
  selectedId = id;
  document.querySelectorAll("mark.current").forEach((mark) => mark.classList.remove("current"));
  document.querySelectorAll(`mark[data-id="${CSS.escape(id)}"]`)
    .forEach((mark) => mark.classList.add("current"));
  renderList();
  renderDetail();
  const row = $("entity-list").querySelector(`button[data-id="${CSS.escape(id)}"]`);
  if (row) row.scrollIntoView({ block: "nearest" });
  if (scroll) showMention(id);
}

function step(direction, onlyUndecided = false) {
  const entities = visibleEntities().filter((entity) => !onlyUndecided || !isDecided(entity));
  if (!entities.length) return;
  const at = entities.findIndex((entity) => entity.id === selectedId);
  const next = at < 0 ? 0 : (at + direction + entities.length) % entities.length;
  select(entities[next].id, true);
}

// -- the selected entity ---------------------------------------------------------------------

function renderDetail() {
  const entity = selectedId && byId(selectedId);
  $("detail").hidden = !entity;
  if (!entity) return;
  $("detail-title").textContent = entity.text;
  const status = entity.stale ? "no longer in the drafts: confirm a decision" :
    { pending: "to decide", redact: `redacted as “${entity.label}”`,
      keep: entity.keep_reason ? `kept: ${entity.keep_reason}` : "kept (no reason yet)" }[entity.decision];
  let meta = `${state.types[entity.type].name} · ${status}`;
  if (entity.decided_by) meta += ` · by ${entity.decided_by} on ${entity.decided_on}`;
  if (entity.origin === "added") meta += " · added by hand";
  if (entity.merged_from.length) meta += ` · ${entity.merged_from.length} merged in`;
  $("detail-meta").textContent = meta;
  const others = entity.variants.filter((variant) => variant !== entity.text);
  $("detail-variants").textContent = others.length ? `Also written: ${others.join(", ")}` : "";
  const where = $("detail-where");
  where.replaceChildren();
  for (const [doc, count] of Object.entries(entity.mentions)) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `${doc}: ${count}`;
    button.addEventListener("click", () => showMention(entity.id, doc));
    where.append(button);
  }
  if (document.activeElement !== $("label-input")) $("label-input").value = entity.label;
  if (document.activeElement !== $("note-input")) $("note-input").value = entity.note;
  if (document.activeElement !== $("keep-reason")) $("keep-reason").value = entity.keep_reason || "";
  const target = $("merge-target");
  target.replaceChildren(new Option("— choose the entity it is —", ""));
  const candidates = state.entities.filter((other) => other.id !== entity.id)
    .sort((a, b) => (a.type !== entity.type) - (b.type !== entity.type) || a.text.localeCompare(b.text));
  for (const other of candidates) {
    const text = other.decision === "keep" ? other.text : `${other.text} → ${other.label}`;
    target.append(new Option(text, other.id));
  }
}

// Keeping publishes the identifier: the server refuses a keep without a reason (which it
// checks like a note), so the reason box is required here too.
function keepSelected() {
  if (!selectedId) return;
  const reason = $("keep-reason").value.trim();
  if (!reason) {
    say("Keeping publishes this identifier: type the reason it may be published first.", true);
    $("keep-reason").focus();
    return;
  }
  if (document.activeElement === $("keep-reason")) $("keep-reason").blur();
  edit({ kind: "keep", entity_id: selectedId, reason });
}

function redactSelected() {
  if (!selectedId) return;
  // Leave the label field, so that the next keys are shortcuts again, not more label.
  if (document.activeElement === $("label-input")) $("label-input").blur();
  edit({ kind: "redact", entity_id: selectedId, label: $("label-input").value });
}

// -- adding text the detector missed ---------------------------------------------------------

function offerToAdd() {
  if (preview) return;
  const found = readSelection(state.documents);
  if (!found) return;
  pendingSelection = found;
  $("add-text").textContent = found.text;
  $("add-label").value = "";
  const popup = $("add-popup");
  popup.hidden = false;
  const top = Math.min(found.rect.bottom + 8, window.innerHeight - popup.offsetHeight - 8);
  popup.style.top = `${Math.max(8, top)}px`;
  popup.style.left = `${Math.max(8, Math.min(found.rect.left, window.innerWidth - popup.offsetWidth - 8))}px`;
}

function closeAdd() {
  $("add-popup").hidden = true;
  pendingSelection = null;
}

function addSelection() {
  if (!pendingSelection) return;
  const change = { kind: "add", text: pendingSelection.text, entity_type: $("add-type").value,
    label: $("add-label").value };
  closeAdd();
  window.getSelection().removeAllRanges();
  edit(change);
}

// -- keyboard --------------------------------------------------------------------------------

function onKey(event) {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
    event.preventDefault();
    save();
    return;
  }
  if (event.key === "Escape") { closeAdd(); return; }
  const typing = event.target.closest("input, textarea, select") && event.target.type !== "checkbox";
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    n: () => step(1), p: () => step(-1), u: () => step(1, true),
    r: () => redactSelected(),
    l: () => { if (selectedId) { $("label-input").focus(); $("label-input").select(); } },
    k: () => { if (selectedId) { $("keep-reason").focus(); $("keep-reason").select(); } },
    m: () => selectedId && $("merge-target").focus(),
    ".": () => selectedId && showMention(selectedId),
    a: () => { if (pendingSelection) addSelection(); else offerToAdd(); },
    "?": () => $("help").showModal(),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
}

// -- start -----------------------------------------------------------------------------------

function wire() {
  $("save").addEventListener("click", save);
  $("finish").addEventListener("click", finish);
  $("help-button").addEventListener("click", () => $("help").showModal());
  $("preview").addEventListener("change", (event) => { preview = event.target.checked; closeAdd(); drawDocuments(); });
  $("filter-state").addEventListener("change", renderList);
  $("filter-text").addEventListener("input", renderList);
  $("redact-form").addEventListener("submit", (event) => { event.preventDefault(); redactSelected(); });
  $("keep-form").addEventListener("submit", (event) => { event.preventDefault(); keepSelected(); });
  $("merge-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const into = $("merge-target").value;
    if (!into) { say("Choose the entity this one is the same as.", true); return; }
    edit({ kind: "merge", entity_id: selectedId, into });
  });
  $("note-form").addEventListener("submit", (event) => {
    event.preventDefault();
    edit({ kind: "note", entity_id: selectedId, note: $("note-input").value });
  });
  $("add-form").addEventListener("submit", (event) => { event.preventDefault(); addSelection(); });
  $("add-cancel").addEventListener("click", closeAdd);
  const documents = $("documents");
  documents.addEventListener("mouseup", () => setTimeout(offerToAdd, 0));
  documents.addEventListener("keyup", (event) => { if (event.shiftKey) offerToAdd(); });
  documents.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-id]");
    if (mark && window.getSelection().isCollapsed) select(mark.dataset.id, false);
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("beforeunload", (event) => {
    if (state && state.unsaved) event.preventDefault();
  });
}

async function start() {
  wire();
  try {
    const data = await api("/api/state");
    for (const [type, info] of Object.entries(data.types)) {
      $("add-type").append(new Option(info.name, type, type === "PERSON", type === "PERSON"));
    }
    update(data, null);
    const first = state.entities.find((entity) => !isDecided(entity)) || state.entities[0];
    if (first) select(first.id, false);
    say("Select any text in a document to add an identifier the scan missed. Press ? for shortcuts.");
  } catch (error) {
    say(error.message, true);
  }
}

start();
