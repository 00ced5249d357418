/* docket search: the reader of the index that `docket build` writes under
   search/, and the search box of every page and the search page.

   The index is made of script files (search/index.js, search/t<n>.js,
   search/d<n>.js) that call window.docketSearch when loaded by a <script>
   tag: browsers forbid fetch() and XHR on file://, script tags still work.
   A query loads the manifest, the term shards of its words and the
   document shards of the results it shows, nothing else. The format is
   described in the book, chapter "Search and filters". No network, no
   dependencies. */
(function () {
  "use strict";

  var FORMAT = 1;
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var current = typeof document !== "undefined" ? document.currentScript : null;
  // The site's root, from this script's own address: the same at every depth.
  var base = current && current.src ? current.src.replace(/static\/docket-search\.js(?:[?#].*)?$/, "") : "";

  var api = window.docketSearch = window.docketSearch || {};
  var manifest = null;
  var termShards = {};
  var docShards = {};
  var loading = {};

  // Called by the index files.
  api.i = function (m) { manifest = m; };
  api.t = function (n, terms) { termShards[n] = terms; };
  api.d = function (n, docs) { docShards[n] = docs; };

  /** Loads one file of the index once; resolves when its data is in. */
  api.load = api.load || function (path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + path;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + path)); };
      document.head.appendChild(s);
    });
  };
  function once(path) {
    if (!loading[path]) {
      loading[path] = api.load(path).catch(function (e) { delete loading[path]; throw e; });
    }
    return loading[path];
  }

  /* ---- words: the same rules as docket's src/render/search/text.rs ---- */

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var NUM = /\p{N}/u;
  function isJoiner(c) { return c === "." || c === ":" || c === "-" || c === "/"; }
  // The most characters (code points) of a term: MAX_TERM_CHARS of text.rs.
  var MAX_TERM = 64;
  function bounded(chars) { return chars.slice(0, MAX_TERM).join(""); }

  /** Words of folded text: {term, parts} where a compound ("2:25-cv-09848")
      keeps the words it is made of as parts. */
  function words(folded) {
    var chars = Array.from(folded);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!ALNUM.test(chars[i])) { i++; continue; }
      var start = i, parts = [], digit = false;
      for (;;) {
        var w = i;
        while (i < chars.length && ALNUM.test(chars[i])) {
          if (NUM.test(chars[i])) digit = true;
          i++;
        }
        if (i - w >= 2) parts.push(bounded(chars.slice(w, i)));
        var joined = i + 1 < chars.length && isJoiner(chars[i]) && ALNUM.test(chars[i + 1]);
        if (!joined) break;
        i++;
      }
      var whole = chars.slice(start, i);
      if (digit && whole.some(isJoiner)) {
        out.push({ term: bounded(whole), parts: parts });
      } else {
        parts.forEach(function (p) { out.push({ term: p, parts: [] }); });
      }
    }
    return out;
  }
  /** The tokens docket indexes for this text, in its order. */
  function tokens(text) {
    var out = [];
    words(fold(text)).forEach(function (w) {
      if (w.parts.length) { out.push.apply(out, w.parts); }
      out.push(w.term);
    });
    return out;
  }

  /* ---- the index ---- */

  // Compares by code point, as docket sorts terms (UTF-16 order differs).
  function cmp(a, b) {
    var ia = 0, ib = 0;
    while (ia < a.length && ib < b.length) {
      var ca = a.codePointAt(ia), cb = b.codePointAt(ib);
      if (ca !== cb) return ca < cb ? -1 : 1;
      ia += ca > 0xffff ? 2 : 1;
      ib += cb > 0xffff ? 2 : 1;
    }
    return (a.length - ia) - (b.length - ib);
  }
  /** The shard that holds `term`, if any would. */
  function shardOf(term) {
    var s = manifest.shards, lo = 0, hi = s.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(s[mid], term) <= 0) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function decode(str) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < str.length; i++) {
      var d = DIGITS.indexOf(str.charAt(i));
      value |= (d & 31) << shift;
      if (d & 32) { shift += 5; } else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }
  /** Postings of a term: Map doc → score. */
  function postings(encoded) {
    var n = decode(encoded), m = new Map(), doc = 0;
    for (var i = 0; i + 1 < n.length; i += 2) { doc += n[i]; m.set(doc, n[i + 1]); }
    return m;
  }

  /** The terms a word stands for: itself, and as a prefix while it is being
      typed, every term it begins (if they lie in few shards). */
  function expand(word, prefix) {
    var first = shardOf(word);
    var last = first;
    if (prefix && Array.from(word).length >= manifest.minPrefix) {
      while (last + 1 < manifest.shards.length && manifest.shards[last + 1].lastIndexOf(word, 0) === 0) last++;
      if (last - first + 1 > manifest.maxPrefixShards) { last = first; prefix = false; }
    } else {
      prefix = false;
    }
    if (first < 0) {
      if (!prefix) return Promise.resolve([]);
      first = 0;
    }
    var loads = [];
    for (var s = first; s <= last; s++) loads.push(once("search/t" + s + ".js"));
    return Promise.all(loads).then(function () {
      var found = [];
      for (var s = first; s <= last; s++) {
        var terms = termShards[s] || {};
        if (prefix) {
          for (var t in terms) {
            if (t.lastIndexOf(word, 0) === 0) found.push({ term: t, exact: t === word, postings: terms[t] });
          }
        } else if (Object.prototype.hasOwnProperty.call(terms, word)) {
          found.push({ term: word, exact: true, postings: terms[word] });
        }
      }
      return found;
    });
  }

  /** Scores of one word: the best of its terms for each document; a term
      the word only begins counts a little less. */
  function scoreWord(found) {
    var best = new Map();
    found.forEach(function (f) {
      postings(f.postings).forEach(function (score, doc) {
        var s = f.exact ? score : score * 0.7;
        if (!best.has(doc) || best.get(doc) < s) best.set(doc, s);
      });
    });
    return best;
  }

  api.manifest = function () {
    return once("search/index.js").then(function () {
      if (!manifest || manifest.v !== FORMAT) throw new Error("the search index was written by another version of docket");
      return manifest;
    });
  };

  /** Runs a query. Resolves to {words, terms, hits: [{doc, score}]}, best
      first; `terms` are the index terms that matched, for highlighting. */
  api.query = function (q) {
    return api.manifest().then(function () {
      var typing = !/[\s\p{P}]$/u.test(q);
      var stop = new Set(manifest.stop);
      var list = words(fold(q)).filter(function (w) { return w.parts.length || !stop.has(w.term); });
      if (!list.length) return { words: [], terms: [], hits: [] };
      var matched = new Set();
      return Promise.all(list.map(function (w, i) {
        var prefix = typing && i === list.length - 1;
        return expand(w.term, prefix).then(function (found) {
          if (found.length || !w.parts.length) return [found];
          // A compound that is not in the index ("25-cv-09848"): its parts.
          return Promise.all(w.parts.filter(function (p) { return !stop.has(p); }).map(function (p, j, all) {
            return expand(p, prefix && j === all.length - 1);
          }));
        });
      })).then(function (groups) {
        var scores = null;
        groups.forEach(function (group) {
          group.forEach(function (found) {
            found.forEach(function (f) { matched.add(f.term); });
            var s = scoreWord(found);
            if (scores === null) { scores = s; return; }
            var next = new Map();
            scores.forEach(function (v, doc) { if (s.has(doc)) next.set(doc, v + s.get(doc)); });
            scores = next;
          });
        });
        var hits = [];
        (scores || new Map()).forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
        hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return { words: list, terms: Array.from(matched), hits: hits };
      });
    });
  };

  /** The documents of some hits: [{kind, iso, date, title, url, meta, text}]. */
  api.documents = function (hits) {
    var size = manifest.docShard;
    var shards = Array.from(new Set(hits.map(function (h) { return Math.floor(h.doc / size); })));
    return Promise.all(shards.map(function (s) { return once("search/d" + s + ".js"); })).then(function () {
      return hits.map(function (h) {
        var r = docShards[Math.floor(h.doc / size)][h.doc % size];
        return { kind: manifest.kinds[r[0]] || "", iso: r[1], date: r[2], title: r[3], url: r[4], meta: r[5], text: r[6], score: h.score };
      });
    });
  };

  /* ---- showing results ---- */

  var WORD = /[\p{Alphabetic}\p{N}]+(?:[.:\/-][\p{Alphabetic}\p{N}]+)*/gu;
  var PART = /[\p{Alphabetic}\p{N}]+/gu;

  /** Ranges [start, end) of `text` that show one of `terms`. */
  function marks(text, terms) {
    var set = new Set(terms), out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (set.has(bounded(Array.from(fold(m[0]))))) { out.push([m.index, m.index + m[0].length]); continue; }
      PART.lastIndex = 0;
      var p;
      while ((p = PART.exec(m[0]))) {
        if (set.has(bounded(Array.from(fold(p[0]))))) out.push([m.index + p.index, m.index + p.index + p[0].length]);
      }
    }
    return out;
  }
  /** Appends `text` to `el`, with the ranges in <mark>. */
  function highlight(el, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(r[0], r[1]);
      el.appendChild(mk);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }
  /** A window of the text around its first match, about `size` characters. */
  function snippet(text, terms, size) {
    var ranges = marks(text, terms);
    var start = 0;
    if (ranges.length && ranges[0][0] > size / 3) {
      start = text.lastIndexOf(" ", ranges[0][0] - Math.floor(size / 3));
      start = start < 0 ? 0 : start + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var sp = text.lastIndexOf(" ", end);
      if (sp > start) end = sp;
    }
    var piece = text.slice(start, end);
    var shifted = ranges
      .filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start, r[1] - start]; });
    return {
      text: (start > 0 ? "…" : "") + piece + (end < text.length ? "…" : ""),
      ranges: shifted.map(function (r) { return start > 0 ? [r[0] + 1, r[1] + 1] : r; })
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  /** The parts of a result, each an element. */
  function resultParts(doc, terms, snippetSize) {
    var meta = el("span", "result-kind");
    meta.appendChild(el("span", "kind", doc.kind));
    meta.appendChild(document.createTextNode(" · "));
    var time = el("time", null, doc.date);
    time.setAttribute("datetime", doc.iso);
    meta.appendChild(time);
    var title = el("span", "result-title");
    highlight(title, doc.title, marks(doc.title, terms));
    var facts = el("span", "result-meta");
    highlight(facts, doc.meta, marks(doc.meta, terms));
    var snip = snippet(doc.text, terms, snippetSize);
    var text = el("span", "result-snippet");
    highlight(text, snip.text, snip.ranges);
    return { meta: meta, title: title, facts: facts, text: text };
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* The search box in the header: a combobox whose list shows the best
     results as you type. Arrow keys move, Enter opens, Escape closes. */
  function headerBox(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var id = input.id;
    var popup = el("div", "search-popup");
    popup.hidden = true;
    var list = el("ul", "search-options");
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    var status = el("p", "visually-hidden");
    status.setAttribute("role", "status");
    popup.appendChild(list);
    form.appendChild(popup);
    form.appendChild(status);
    // A combobox is a text field (ARIA in HTML allows the role on type=text only).
    input.type = "text";
    input.setAttribute("enterkeyhint", "search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var options = [], active = -1, seq = 0;

    function open(show) {
      popup.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) setActive(-1);
    }
    function setActive(i) {
      if (active >= 0 && options[active]) options[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && options[i]) {
        options[i].el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].el.id);
        options[i].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function go(url) { window.location.href = url; }
    function allResultsUrl() { return form.action + "?q=" + encodeURIComponent(input.value); }
    function addOption(content, url) {
      var li = el("li", "search-option");
      li.id = id + "-opt-" + options.length;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      content.forEach(function (c) { li.appendChild(c); });
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { go(url); });
      list.appendChild(li);
      options.push({ el: li, url: url });
    }
    var run = debounce(function () {
      var q = input.value;
      var mine = ++seq;
      if (!q.trim()) { list.textContent = ""; options = []; open(false); status.textContent = ""; return; }
      api.query(q).then(function (r) {
        return api.documents(r.hits.slice(0, 6)).then(function (docs) { return { r: r, docs: docs }; });
      }).then(function (x) {
        if (mine !== seq) return;
        list.textContent = "";
        options = [];
        active = -1;
        x.docs.forEach(function (d) {
          var p = resultParts(d, x.r.terms, 110);
          addOption([p.meta, p.title, p.text], base + d.url);
        });
        var all = el("span", "search-all", x.r.hits.length ? "All " + plural(x.r.hits.length, "result", "results") + " for “" + q.trim() + "”" : "No results for “" + q.trim() + "”. Search page");
        addOption([all], allResultsUrl());
        status.textContent = plural(x.r.hits.length, "result", "results");
        open(true);
      }).catch(function (e) {
        if (mine !== seq) return;
        status.textContent = "Search is not available: " + e.message;
      });
    }, 80);

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { if (options.length && input.value.trim()) open(true); });
    input.addEventListener("blur", function () { open(false); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!options.length) return;
        e.preventDefault();
        if (popup.hidden) { open(true); }
        var n = options.length;
        setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === "Enter") {
        if (!popup.hidden && active >= 0) { e.preventDefault(); go(options[active].url); }
      } else if (e.key === "Escape") {
        if (!popup.hidden) { e.preventDefault(); open(false); }
        else if (input.value) { e.preventDefault(); input.value = ""; run(); }
      }
    });
  }

  /* The search page: results for ?q= (or #q=), updated as you type. Arrow
     keys move between the input and the results, Escape goes back. */
  function searchPage(form) {
    var input = form.querySelector("input[type=search]");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var note = document.querySelector("[data-requires-script]");
    if (!input || !results || !status) return;
    if (note) note.hidden = true;
    var PAGE = 10, seq = 0, last = null, shown = 0;

    function initial() {
      var m = /[?&#]q=([^&#]*)/.exec(window.location.search + window.location.hash);
      try { return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : ""; } catch (e) { return ""; }
    }
    function remember(q) {
      var url = window.location.pathname + (q ? "?q=" + encodeURIComponent(q) : "");
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }
    function show(from) {
      var mine = seq;
      var slice = last.r.hits.slice(from, from + PAGE);
      return api.documents(slice).then(function (docs) {
        if (mine !== seq) return;
        docs.forEach(function (d) {
          var p = resultParts(d, last.r.terms, 240);
          var li = el("li", "search-result");
          var h = el("h2", "result-heading");
          var a = el("a");
          a.href = base + d.url;
          a.appendChild(p.title);
          h.appendChild(a);
          li.appendChild(p.meta);
          li.appendChild(h);
          li.appendChild(p.facts);
          li.appendChild(p.text);
          results.appendChild(li);
        });
        shown = from + slice.length;
        if (more) more.hidden = shown >= last.r.hits.length;
      });
    }
    function run() {
      var q = input.value;
      var mine = ++seq;
      remember(q.trim());
      if (!q.trim()) { results.textContent = ""; status.textContent = ""; if (more) more.hidden = true; return Promise.resolve(); }
      return api.query(q).then(function (r) {
        if (mine !== seq) return;
        last = { q: q, r: r };
        results.textContent = "";
        status.textContent = r.hits.length
          ? plural(r.hits.length, "result", "results") + " for “" + q.trim() + "”"
          : "No results for “" + q.trim() + "”. Check the spelling, or use fewer words.";
        return show(0);
      }).catch(function (e) {
        if (mine !== seq) return;
        status.textContent = "Search is not available: " + e.message;
      });
    }
    var later = debounce(run, 120);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", later);
    if (more) more.addEventListener("click", function () {
      var at = results.querySelectorAll("a").length;
      show(shown).then(function () {
        var next = results.querySelectorAll("a")[at];
        if (next) next.focus();
      });
    });
    function links() { return Array.prototype.slice.call(results.querySelectorAll(".result-heading a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var l = links();
        if (l.length) { e.preventDefault(); l[0].focus(); }
      } else if (e.key === "Escape" && input.value) {
        e.preventDefault();
        input.value = "";
        run();
      }
    });
    results.addEventListener("keydown", function (e) {
      var l = links(), i = l.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < l.length) { e.preventDefault(); l[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });
    input.value = initial();
    if (input.value) run();
  }

  api.words = words;
  api.tokens = tokens;
  api.fold = fold;
  api.marks = marks;
  api.snippet = snippet;
  api.reset = function () { manifest = null; termShards = {}; docShards = {}; loading = {}; };

  if (typeof document === "undefined" || !document.querySelector) return;
  function start() {
    var page = document.querySelector("form[data-search-page]");
    if (page) searchPage(page);
    var header = document.querySelector("form.site-search");
    if (header) headerBox(header);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
