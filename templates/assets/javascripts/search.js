/* The search page (templates/reviews/search.html): runs the form's search with Pagefind's index
   (pagefind/, built after the site by the reviews plugin) and lists the results, each with the
   headings of the document where the words were found.

   The form is a plain GET form, so the address says what was searched (?q=...&theme=...) and
   the header's search box can open this page with the words already typed. Pagefind loads only
   the parts of its index that the words need.

   The index leaves out the most common words ("the", "was": the form's data-common-words), so
   they are left out of the words searched for too; in the text Pagefind returns each is written
   as one character of Unicode's private use area, which reveal() turns back into the word
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
  // In the order of the characters they are written as (see reveal()).
  var COMMON_IN_ORDER = (form.getAttribute("data-common-words") || "").split(" ").filter(Boolean);
  var COMMON_WORDS = new Set(COMMON_IN_ORDER);
  var FIRST_CODE = 0xe000;
  var LAST_CODE = FIRST_CODE + 3 * COMMON_IN_ORDER.length - 1;
  var HIDDEN = COMMON_IN_ORDER.length
    ? new RegExp("[\\u" + FIRST_CODE.toString(16) + "-\\u" + LAST_CODE.toString(16) + "]", "g")
    : null;
  var PER_PAGE = 10;
  var SECTIONS_PER_RESULT = 3;
  var EXCERPT_AROUND = 12; // words shown before and after a phrase found by its words' places
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

  /* A common word's character, three for each word in order: the word in lower case, with a
     capital, in capitals. */
  function reveal(text) {
    if (!HIDDEN) return String(text || "");
    return String(text || "").replace(HIDDEN, function (character) {
      var code = character.charCodeAt(0) - FIRST_CODE;
      var word = COMMON_IN_ORDER[Math.floor(code / 3)];
      var form = code % 3;
      return form === 0 ? word : form === 1 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toUpperCase();
    });
  }

  /* What to ask Pagefind for: the reader's words, less the common words the index leaves out.
     A phrase in quotation marks is searched as a phrase by Pagefind when its other words follow
     one another. With a common word among them ("Father was invisible") Pagefind cannot, so the
     words are searched one by one and a page is kept where they stand in the places the phrase
     gives them ("invisible" two words after "Father"): the index keeps the common words'
     places, not which words they were. */
  function plan(query) {
    var phrase = /^\s*".*"\s*$/.test(query);
    var tokens = query.replace(/"/g, " ").split(/\s+/).filter(Boolean);
    var words = [];
    tokens.forEach(function (token, place) {
      var bare = token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (bare && !COMMON_WORDS.has(bare)) words.push({ text: token, place: place });
    });
    var text = words.map(function (word) { return word.text; }).join(" ");
    if (!phrase || words.length === 0) return { text: text, words: null };
    var together = words.every(function (word, i) { return word.place - words[0].place === i; });
    return together ? { text: "\"" + text + "\"", words: null } : { text: text, words: words };
  }

  function find(module, request, filters) {
    var options = { filters: filters };
    if (!request.words) {
      return module.search(request.text || null, options).then(function (search) {
        return search.results;
      });
    }
    // One search after another: the pages with all the words (in Pagefind's order), then where
    // each word is on each page.
    var searches = [request.text].concat(request.words.map(function (word) { return word.text; }));
    var found = [];
    return searches
      .reduce(function (done, text) {
        return done.then(function () {
          return module.search(text, options).then(function (search) { found.push(search.results); });
        });
      }, Promise.resolve())
      .then(function () {
        var places = found.slice(1).map(function (results) {
          var byPage = new Map();
          results.forEach(function (result) { byPage.set(result.id, new Set(result.words)); });
          return byPage;
        });
        var offsets = request.words.map(function (word) { return word.place - request.words[0].place; });
        return found[0].filter(function (result) {
          var starts = Array.from(places[0].get(result.id) || []).filter(function (start) {
            return offsets.every(function (offset, i) {
              var here = places[i].get(result.id);
              return here !== undefined && here.has(start + offset);
            });
          });
          if (starts.length === 0) return false;
          result.phrase = { starts: starts.sort(function (a, b) { return a - b; }), offsets: offsets };
          return true;
        });
      });
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
        var mark = document.createElement("mark");
        mark.textContent = reveal(node.textContent);
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

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* Pagefind's excerpts of a page found by its words' places (see plan()) are about its words
     wherever they are; these are about the phrase: under each heading where it is, the words
     around its first place there, with its words marked. Pagefind's text of a page is its
     words one space apart, numbered as the places are. */
  function phraseSections(data, phrase) {
    var words = data.content.split(" ");
    var headings = (data.anchors || [])
      .filter(function (anchor) { return /^h[1-6]$/i.test(anchor.element) && anchor.id; })
      .sort(function (a, b) { return a.location - b.location; });
    var sections = new Map();
    phrase.starts.forEach(function (start) {
      var heading = null;
      headings.forEach(function (h) { if (h.location <= start) heading = h; });
      var key = heading ? heading.id : "";
      if (!sections.has(key)) sections.set(key, { heading: heading, starts: [] });
      sections.get(key).starts.push(start);
    });
    var last = phrase.offsets[phrase.offsets.length - 1];
    data.sub_results = Array.from(sections.values()).map(function (section) {
      var start = section.starts[0];
      var marked = new Set(phrase.offsets.map(function (offset) { return start + offset; }));
      var from = Math.max(0, start - EXCERPT_AROUND);
      var to = Math.min(words.length, start + last + 1 + EXCERPT_AROUND);
      var excerpt = words.slice(from, to).map(function (word, i) {
        return marked.has(from + i) ? "<mark>" + escapeHtml(word) + "</mark>" : escapeHtml(word);
      });
      return {
        url: section.heading ? data.url + "#" + section.heading.id : data.url,
        title: section.heading ? section.heading.text : data.meta.title,
        excerpt: excerpt.join(" "),
        locations: section.starts,
      };
    });
    return data;
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
    return Promise.all(next.map(function (result) {
      return result.data().then(function (data) {
        return result.phrase ? phraseSections(data, result.phrase) : data;
      });
    })).then(function (pages) {
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
    var request = plan(query);
    if (query && !request.text) {
      status.textContent =
        "Please add a less common word: words such as “the” and “was” are in every review, " +
        "so the search leaves them out.";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    return loadPagefind()
      .then(function (module) { return find(module, request, filters); })
      .then(function (found) {
        if (run !== latest) return; // a newer search has started
        results = found;
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
      // Keep the fragment: a reader who followed "Skip to content" stays where they are.
      history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash);
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
