/* The library's filters, faster with JavaScript (templates/reviews/library.html).

   Without JavaScript each filter link opens a page of the library filtered by that one value.
   With it, on the library page, the links filter the table in place and combine, one value
   per filter (type, year, theme, age group); a second click on a value removes it. The choice
   is kept in the address (?theme=neglect&year=2024) so that it can be shared and the back
   button works. On a filtered page, a link opens the library with both filters combined.

   Each link's count says how many reviews its filter would show combined with those chosen.
   On a phone the filters fold away behind a button beside the count of reviews shown (a bar
   that stays at the top of the screen, reviews-library.css); without JavaScript they stay open. */
(function () {
  "use strict";
  var FACETS = ["type", "year", "theme", "age"];
  var panel = document.querySelector("[data-reviews-filters]");
  var table = document.querySelector("[data-reviews-table]");
  if (!panel || !table) return;

  var links = Array.prototype.slice.call(panel.querySelectorAll("a[data-facet]"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  // The same reviews as cards (shown instead of the table on narrow screens), in its order.
  var cards = Array.prototype.slice.call(document.querySelectorAll("[data-reviews-cards] li[data-type]"));
  var count = document.querySelector("[data-reviews-count]");
  var bar = document.querySelector("[data-reviews-bar]");
  var clear = panel.querySelector("[data-reviews-clear]");
  var libraryUrl = new URL(panel.getAttribute("data-library-url"), location.href);
  var inPlace = table.getAttribute("data-reviews-table") === "all";
  var total = Number(table.getAttribute("data-total"));
  var activeFacet = panel.dataset.activeFacet;
  var toggle = addToggle();

  // The button that shows or hides the filters; reviews-library.css shows it on narrow screens only,
  // where the filters start folded away (data-collapsed), so wider screens never hide them.
  function addToggle() {
    if (!bar) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reviews-filters__toggle";
    button.setAttribute("aria-controls", panel.id);
    button.setAttribute("aria-expanded", "false");
    panel.setAttribute("data-collapsed", "");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      if (open) panel.removeAttribute("data-collapsed");
      else panel.setAttribute("data-collapsed", "");
    });
    bar.appendChild(button);
    return button;
  }

  function known(facet, value) {
    return links.some(function (link) {
      return link.dataset.facet === facet && link.dataset.value === value;
    });
  }

  function stateFromAddress() {
    var params = new URLSearchParams(location.search);
    var state = {};
    FACETS.forEach(function (facet) {
      var value = params.get(facet);
      if (value && known(facet, value)) state[facet] = value;
    });
    return state;
  }

  function addressOf(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      if (state[facet]) params.set(facet, state[facet]);
    });
    var query = params.toString();
    return libraryUrl.pathname + (query ? "?" + query : "");
  }

  function reviews(number) {
    return number + (number === 1 ? " review" : " reviews");
  }

  function matches(row, state) {
    return FACETS.every(function (facet) {
      if (!state[facet]) return true;
      return (row.getAttribute("data-" + facet) || "").split(" ").indexOf(state[facet]) !== -1;
    });
  }

  function shownBy(state) {
    return rows.filter(function (row) {
      return matches(row, state);
    }).length;
  }

  // A link's count: the reviews shown if its value were chosen with the others. A filtered
  // copy of the library holds only its own value's reviews, so the other values of that
  // filter keep the count the page was built with (their reviews are not on the page).
  function showCount(link, state) {
    var number = link.querySelector(".reviews-filters__count");
    if (!number || (!inPlace && link.dataset.facet === activeFacet)) return;
    var next = Object.assign({}, state);
    next[link.dataset.facet] = link.dataset.value;
    number.textContent = "(" + shownBy(next) + ")";
  }

  function show(state) {
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, state);
      if (!row.hidden) shown += 1;
    });
    cards.forEach(function (card) {
      card.hidden = !matches(card, state);
    });
    links.forEach(function (link) {
      if (state[link.dataset.facet] === link.dataset.value) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
      showCount(link, state);
    });
    var filtered = Object.keys(state).length > 0;
    if (!filtered) count.textContent = reviews(total) + ", newest first.";
    else if (shown === 0) count.textContent = "No reviews match these filters.";
    else count.textContent = shown + " of " + reviews(total) + ", newest first.";
    clear.hidden = !filtered;
    if (toggle) {
      var chosen = Object.keys(state).length;
      toggle.textContent = chosen ? "Filters (" + chosen + " chosen)" : "Filters";
    }
  }

  function toggled(state, link) {
    var next = Object.assign({}, state);
    if (next[link.dataset.facet] === link.dataset.value) delete next[link.dataset.facet];
    else next[link.dataset.facet] = link.dataset.value;
    return next;
  }

  var state = {};
  if (inPlace) {
    state = stateFromAddress();
    show(state);
  } else if (activeFacet) {
    state[activeFacet] = panel.dataset.activeValue;
    show(state);
  }

  panel.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-facet], [data-reviews-clear] a");
    // A click meant for a new tab or window keeps the link's own page.
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var next = link.dataset.facet ? toggled(state, link) : {};
    event.preventDefault();
    if (!inPlace) {
      location.assign(addressOf(next));
      return;
    }
    state = next;
    history.pushState(state, "", addressOf(state));
    show(state);
  });

  window.addEventListener("popstate", function () {
    state = stateFromAddress();
    show(state);
  });
})();
