/* The search page (templates/reviews/search.html): runs the form's search with Pagefind's index
   (pagefind/, built after the site by the reviews plugin) and lists the results, each with the
   headings of the document where the words were found.

   The form is a plain GET form, so the address says what was searched (?q=...&theme=...) and
   the header's search box can open this page with the words already typed. Pagefind loads only
   the parts of its index that the words need.

   The index leaves out the most common words ("the", "was": the form's data-common-words), so
   they are left out of the words searched for too; in the text Pagefind returns they are written
   in invisible Unicode tag characters, which reveal() turns back into letters
   (site_plugins/reviews/common_words.py says why). */
(function () {
  "use strict";
  var form = document.querySelector("[data-reviews-search]");
  if (!form) return;
  var status = document.querySelector("[data-reviews-search-status]");
  var list = document.querySelector("[data-reviews-search-results]");
  var more = document.querySelector("[data-reviews-search-more]");
  var bundle = new URL(form.getAttribute("data-pagefind"), location.href);
  var FILTERS = ["type", "year", "theme"];
  var COMMON_WORDS = new Set((form.getAttribute("data-common-words") || "").split(" "));
  var HIDDEN = /[\u{E0020}-\u{E007E}]+/gu;
  var PER_PAGE = 10;
  var SECTIONS_PER_RESULT = 3;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var latest = 0;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        // Pagefind records addresses from the site's root; the site may live in a sub-folder.
        return module.options({ baseUrl: new URL("../", bundle).pathname }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function reveal(text) {
    return String(text || "").replace(HIDDEN, function (run) {
      return Array.from(run, function (c) { return String.fromCharCode(c.codePointAt(0) - 0xe0000); }).join("");
    });
  }

  /* The words to search for: the reader's, less the common words the index leaves out. A
     quotation mark stays where it was, so a quoted phrase is still searched as a phrase:
     "Father was invisible" as "Father invisible", which is how the index holds it. */
  function withoutCommonWords(query) {
    return query
      .split(/\s+/)
      .map(function (word) {
        var bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        return COMMON_WORDS.has(bare) ? word.replace(/[^"]/g, "") : word;
      })
      .join(" ")
      .trim();
  }

  /* Pagefind's excerpts are HTML with <mark> around the words found. Only their text and
     marks are kept (parsed in an inert <template>), so no other markup can reach the page. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "reviews-search__excerpt";
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        // A word found, with the common words written before it: only the word is marked.
        var hidden = /^[\u{E0020}-\u{E007E}]*/u.exec(node.textContent)[0];
        paragraph.appendChild(document.createTextNode(reveal(hidden)));
        var mark = document.createElement("mark");
        mark.textContent = reveal(node.textContent.slice(hidden.length));
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(reveal(node.textContent)));
      }
    });
    return paragraph;
  }

  function link(href, text) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  function sections(data) {
    // The parts of the page under a heading, where the words were found most often first.
    return (data.sub_results || [])
      .filter(function (sub) { return sub.url !== data.url && sub.url.indexOf("#") !== -1; })
      .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
      .slice(0, SECTIONS_PER_RESULT);
  }

  function render(data) {
    var item = document.createElement("li");
    item.className = "reviews-search__result";
    var heading = document.createElement("h2");
    heading.appendChild(link(data.url, reveal(data.meta.title) || data.url));
    item.appendChild(heading);
    if (data.meta.details) {
      var details = document.createElement("p");
      details.className = "reviews-search__details";
      details.textContent = data.meta.details;
      item.appendChild(details);
    }
    var parts = sections(data);
    if (parts.length === 0) {
      item.appendChild(excerpt(data.excerpt));
      return item;
    }
    var under = document.createElement("ul");
    under.className = "reviews-search__sections";
    parts.forEach(function (sub) {
      var entry = document.createElement("li");
      entry.appendChild(link(sub.url, reveal(sub.title)));
      entry.appendChild(excerpt(sub.excerpt));
      under.appendChild(entry);
    });
    item.appendChild(under);
    return item;
  }

  function showMore() {
    var next = results.slice(shown, shown + PER_PAGE);
    shown += next.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (data) { list.appendChild(render(data)); });
      more.hidden = shown >= results.length;
    });
  }

  function describe(count, query) {
    var found = count === 0 ? "No reviews found" : count + (count === 1 ? " result" : " results");
    if (!query) return found + ".";
    // A phrase the reader put in quotation marks is shown as typed.
    return found + " for " + (/^".*"$/.test(query) ? query : "“" + query + "”") + ".";
  }

  function search(query, filters) {
    var run = ++latest;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    if (!query && Object.keys(filters).length === 0) {
      status.textContent = "";
      return Promise.resolve();
    }
    var words = withoutCommonWords(query);
    if (query && !/[\p{L}\p{N}]/u.test(words)) {
      status.textContent =
        "Please add a less common word: words such as “the” and “was” are in every review, " +
        "so the search leaves them out.";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    return loadPagefind()
      .then(function (module) { return module.search(words || null, { filters: filters }); })
      .then(function (search) {
        if (run !== latest) return; // a newer search has started
        results = search.results;
        shown = 0;
        list.hidden = results.length === 0;
        return showMore().then(function () {
          status.textContent = describe(results.length, query);
        });
      })
      .catch(function (error) {
        status.textContent =
          "Search is not working at the moment. Please browse the reviews in the library instead.";
        console.error("Search failed:", error);
      });
  }

  function fromForm() {
    var data = new FormData(form);
    var filters = {};
    FILTERS.forEach(function (name) {
      if (data.get(name)) filters[name] = data.get(name);
    });
    return { query: String(data.get("q") || "").trim(), filters: filters };
  }

  function run(updateAddress) {
    var request = fromForm();
    if (updateAddress) {
      var params = new URLSearchParams(new FormData(form));
      history.replaceState(null, "", location.pathname + "?" + params.toString());
    }
    return search(request.query, request.filters);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(true);
  });
  more.querySelector("button").addEventListener("click", showMore);

  // Opened with a search in the address (from the header's box or a shared link).
  var params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  FILTERS.forEach(function (name) {
    var select = form.elements[name];
    if (select && params.get(name)) select.value = params.get(name);
  });
  run(false);
})();
