// The review's documents on the page: their text with every mention of every entity marked,
// and the offsets of a selection in that text (for adding what the scan missed). `view` is
// {state, selectedId, preview}: what the server last sent and what the person is looking at.
"use strict";

export function renderDocuments(view) {
  const nav = document.getElementById("doc-nav");
  const container = document.getElementById("documents");
  const scroll = container.parentElement.scrollTop;
  nav.replaceChildren();
  container.replaceChildren();
  const legend = document.createElement("div");
  legend.className = "legend";
  for (const [group, name] of [["person", "people"], ["place", "places and addresses"],
    ["institution", "schools, health, organisations"], ["number", "numbers and contacts"],
    ["date", "dates"]]) {
    const item = document.createElement("span");
    item.innerHTML = `<span class="chip g-${group}"></span> `;
    item.append(name);
    legend.append(item);
  }
  const links = document.createElement("div");
  links.className = "doc-links";
  for (const [status, name] of [["pending", "to decide"], ["redact", "redacted"], ["keep", "kept"]]) {
    const item = document.createElement("span");
    const sample = document.createElement("mark");
    sample.className = `g-person s-${status}`;
    sample.textContent = name;
    item.append(sample);
    legend.append(item);
  }
  nav.append(links, legend);
  for (const doc of view.state.documents) {
    const link = document.createElement("a");
    link.href = `#doc-${doc.stem}`;
    link.textContent = doc.title;
    links.append(link);
    const section = document.createElement("section");
    section.className = "doc";
    section.id = `doc-${doc.stem}`;
    const heading = document.createElement("h2");
    heading.textContent = doc.title;
    section.append(heading, textBlock(view, doc.stem, "body", doc.body));
    if (doc.hidden.length) {
      const details = document.createElement("details");
      details.className = "hidden-parts";
      const summary = document.createElement("summary");
      summary.textContent = `Comments, headers and properties (never published)`;
      details.append(summary);
      for (const part of doc.hidden) {
        const block = document.createElement("div");
        block.className = "hidden-part";
        const title = document.createElement("h3");
        title.textContent = part.where;
        block.append(title, textBlock(view, doc.stem, part.where, part.text));
        details.append(block);
      }
      section.append(details);
    }
    container.append(section);
  }
  container.parentElement.scrollTop = scroll;
}

function textBlock(view, doc, part, text) {
  const block = document.createElement("div");
  block.className = "doc-text";
  block.dataset.doc = doc;
  block.dataset.part = part;
  const { state } = view;
  const byId = new Map(state.entities.map((entity) => [entity.id, entity]));
  const spans = ((state.highlights[doc] || {})[part] || []).slice().sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end, id] of spans) {
    if (start < at) continue;
    block.append(text.slice(at, start));
    block.append(markFor(view, text.slice(start, end), byId.get(id)));
    at = end;
  }
  block.append(text.slice(at));
  return block;
}

function markFor(view, text, entity) {
  const { state } = view;
  const mark = document.createElement("mark");
  const group = state.types[entity.type].group;
  const status = entity.stale ? "stale" : entity.decision;
  mark.className = `g-${group} s-${status}`;
  if (entity.id === view.selectedId) mark.classList.add("current");
  mark.dataset.id = entity.id;
  mark.title = `${state.types[entity.type].name}: ${status}` +
    (entity.decision !== "keep" ? ` → ${entity.label}` : "");
  if (view.preview && entity.decision === "redact") {
    mark.textContent = entity.label;
    mark.classList.add("preview");
  } else {
    mark.textContent = text;
  }
  return mark;
}

export function showMention(id, doc, cursor) {
  const marks = [...document.querySelectorAll(`mark[data-id="${CSS.escape(id)}"]`)]
    .filter((mark) => !doc || mark.closest(".doc-text").dataset.doc === doc);
  if (!marks.length) return;
  const next = doc ? 0 : ((cursor[id] ?? -1) + 1) % marks.length;
  cursor[id] = next;
  const mark = marks[next];
  const details = mark.closest("details");
  if (details) details.open = true;
  mark.scrollIntoView({ block: "center" });
  mark.classList.add("flash");
  setTimeout(() => mark.classList.remove("flash"), 900);
}

export function readSelection(documents) {
  const selection = window.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const block = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".doc-text");
  const start = block(range.startContainer);
  if (!start || start !== block(range.endContainer)) return null;
  const offset = (node, at) => {
    const before = document.createRange();
    before.setStart(start, 0);
    before.setEnd(node, at);
    return before.toString().length;
  };
  const source = sourceText(documents, start.dataset.doc, start.dataset.part);
  let from = offset(range.startContainer, range.startOffset);
  let to = offset(range.endContainer, range.endOffset);
  while (from < to && /\s/.test(source[from])) from++;
  while (to > from && /\s/.test(source[to - 1])) to--;
  if (from === to || to - from > 200) return null;
  return { doc: start.dataset.doc, part: start.dataset.part, start: from, end: to,
    text: source.slice(from, to), rect: range.getBoundingClientRect() };
}

function sourceText(documents, doc, part) {
  const found = documents.find((d) => d.stem === doc);
  if (part === "body") return found.body;
  return found.hidden.find((p) => p.where === part).text;
}
