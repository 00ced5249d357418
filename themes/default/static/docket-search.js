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

  var FORMAT = 2;
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
  var facetData = null;
  api.f = function (data) { facetData = data; };

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

  // Three digits at i and no letter or digit after them: a group after a
  // separator of thousands ("461,408"), as in text.rs.
  function group(chars, i) {
    return i + 3 <= chars.length && NUM.test(chars[i]) && NUM.test(chars[i + 1]) && NUM.test(chars[i + 2]) &&
      !(i + 3 < chars.length && ALNUM.test(chars[i + 3]));
  }
  /** Words of folded text: {term, parts, compact} where a compound
      ("2:25-cv-09848") keeps the words it is made of as parts, and a number
      with separators of thousands ("461,408") is also written without them. */
  function words(folded) {
    var chars = Array.from(folded);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!ALNUM.test(chars[i])) { i++; continue; }
      var start = i, parts = [], digit = false, thousands = false, count = 0;
      for (;;) {
        var w = i, digitsOnly = true;
        while (i < chars.length && ALNUM.test(chars[i])) {
          var d = NUM.test(chars[i]);
          if (d) digit = true; else digitsOnly = false;
          i++;
        }
        count++;
        if (i - w >= 2) parts.push(bounded(chars.slice(w, i)));
        if (i + 1 >= chars.length) break;
        if (isJoiner(chars[i]) && ALNUM.test(chars[i + 1])) { i++; }
        else if (chars[i] === "," && digitsOnly && group(chars, i + 1)) { thousands = true; i++; }
        else break;
      }
      var whole = chars.slice(start, i);
      if (digit && count > 1) {
        out.push({ term: bounded(whole), parts: parts, compact: thousands ? bounded(whole.filter(function (c) { return c !== ","; })) : null });
      } else {
        parts.forEach(function (p) { out.push({ term: p, parts: [], compact: null }); });
      }
    }
    return out;
  }
  /** The tokens docket indexes for this text, in its order. */
  function tokens(text) {
    var out = [];
    words(fold(text)).forEach(function (w) {
      if (w.parts.length || w.compact) { out.push.apply(out, w.parts); }
      out.push(w.term);
      if (w.compact) out.push(w.compact);
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

  /* ---- stems ---- */

  // The stemmer of the index (manifest.stem), once its script is loaded.
  var stemmer = null;
  var STEM_MARK = "~";
  /** The Snowball stem of a folded word, for words of letters a-z of three
      or more (text.rs `stemmable`); null for any other. */
  function stemOf(word) {
    if (!stemmer || !/^[a-z]{3,}$/.test(word)) return null;
    return stemmer(word);
  }
  /** The index keys a word's other forms are found under: its stem's key
      (every word of that stem that is not its own stem) and the stem itself
      as a word, when it is one. */
  function stemKeys(word) {
    var s = stemOf(word);
    if (s === null) return [];
    var keys = [s + STEM_MARK];
    if (s !== word && stemOf(s) === s) keys.push(s);
    return keys;
  }
  function isStemKey(term) { return term.charAt(term.length - 1) === STEM_MARK; }

  /** The terms a word stands for: itself, and as a prefix while it is being
      typed, every term it begins (if they lie in few shards); then the
      keys of its other forms ({how: "exact" | "prefix" | "stem"}). */
  function expand(word, prefix) {
    var first = shardOf(word);
    var last = first;
    if (prefix && Array.from(word).length >= manifest.minPrefix) {
      while (last + 1 < manifest.shards.length && manifest.shards[last + 1].lastIndexOf(word, 0) === 0) last++;
      if (last - first + 1 > manifest.maxPrefixShards) { last = first; prefix = false; }
    } else {
      prefix = false;
    }
    if (first < 0 && prefix) first = 0;
    var extra = stemKeys(word).filter(function (k) { return k !== word; });
    var loads = [];
    for (var s = Math.max(first, 0); s <= last && first >= 0; s++) loads.push(once("search/t" + s + ".js"));
    extra.forEach(function (k) { var n = shardOf(k); if (n >= 0) loads.push(once("search/t" + n + ".js")); });
    return Promise.all(loads).then(function () {
      var found = [];
      for (var s = first; s <= last && first >= 0; s++) {
        var terms = termShards[s] || {};
        if (prefix) {
          for (var t in terms) {
            if (t.lastIndexOf(word, 0) === 0 && !isStemKey(t)) found.push({ term: t, how: t === word ? "exact" : "prefix", postings: terms[t] });
          }
        } else if (has(terms, word)) {
          found.push({ term: word, how: "exact", postings: terms[word] });
        }
      }
      extra.forEach(function (k) {
        var terms = termShards[shardOf(k)] || {};
        if (has(terms, k)) found.push({ term: k, how: "stem", postings: terms[k] });
      });
      return found;
    });
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // What a match counts for, against the word itself: a term the word only
  // begins, or another form of the word, counts a little less.
  var WEIGHT = { exact: 1, prefix: 0.7, stem: 0.8 };

  /** Scores of one word: the best of its terms for each document, and the
      documents that hold the word itself (or, typed, a word it begins). */
  function scoreWord(found) {
    var best = new Map(), literal = new Set();
    found.forEach(function (f) {
      postings(f.postings).forEach(function (score, doc) {
        var s = score * WEIGHT[f.how];
        if (f.how !== "stem") literal.add(doc);
        if (!best.has(doc) || best.get(doc) < s) best.set(doc, s);
      });
    });
    return { scores: best, literal: literal };
  }

  /* ---- did you mean ---- */

  /** Edit distance of a and b (insertions, deletions, substitutions and
      swaps of neighbours), or max + 1 once it is over max. */
  function distance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var low = max + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < low) low = d;
      }
      if (low > max) return max + 1;
    }
    return rows[a.length][b.length];
  }
  var MAX_EDITS = 2;
  /** The term nearest to a word that found nothing, from the term shard the
      word would be in and its two neighbours (the words that differ from it
      late, as most misspellings do): the fewest edits, at most two, then the
      most entries, then the first in order. Null when none is so near. */
  function suggest(word) {
    var at = Math.max(shardOf(word), 0), near = [];
    for (var s = Math.max(at - 1, 0); s <= Math.min(at + 1, manifest.shards.length - 1); s++) near.push(s);
    return Promise.all(near.map(function (s) { return once("search/t" + s + ".js"); })).then(function () {
      var best = null;
      near.forEach(function (s) {
        var terms = termShards[s] || {};
        for (var t in terms) {
          if (isStemKey(t) || t === word) continue;
          var d = distance(word, t, MAX_EDITS);
          if (d > MAX_EDITS) continue;
          var n = postings(terms[t]).size;
          if (!best || d < best.d || (d === best.d && (n > best.n || (n === best.n && cmp(t, best.term) < 0)))) best = { term: t, d: d, n: n };
        }
      });
      return best && best.term;
    });
  }

  api.manifest = function () {
    // A page in English loads the English stemmer beside the manifest,
    // rather than after it: one wait the fewer before the first results.
    var lang = typeof document !== "undefined" && document.documentElement ? document.documentElement.lang || "" : "";
    if (!stemmer && /^en\b/i.test(lang)) once("static/snowball-english.js").catch(function () { /* the manifest decides */ });
    return once("search/index.js").then(function () {
      if (!manifest || manifest.v !== FORMAT) throw new Error("the search index was written by another version of docket");
      if (!manifest.stem || stemmer) return manifest;
      if (!/^[a-z]+$/.test(manifest.stem)) throw new Error("unknown stemmer " + manifest.stem);
      return once("static/snowball-" + manifest.stem + ".js").then(function () {
        stemmer = (api.stemmers || {})[manifest.stem] || null;
        if (!stemmer) throw new Error("the stemmer " + manifest.stem + " did not load");
        return manifest;
      });
    });
  };

  /** Runs a query. Resolves to {words, terms, hits: [{doc, score, exact}],
      suggestion}, best first: the entries that hold more of the words as
      typed come before those that hold only other forms of them, then by
      score. `terms` are the index terms that matched, for highlighting;
      `suggestion`, when nothing matched, is the query with each word that
      found nothing replaced by the nearest term, if one is near. */
  api.query = function (q) {
    return api.manifest().then(function () {
      var typing = !/[\s\p{P}]$/u.test(q);
      var stop = new Set(manifest.stop);
      var folded = fold(q);
      // A number being typed after a separator of thousands ("461,4") is
      // the start of one whole number ("461,408"), not 461 and a digit.
      var partial = typing ? /(?:^|[^\p{Alphabetic}\p{N}])(\p{N}{1,3}(?:,\p{N}{3})*,\p{N}{1,2})$/u.exec(folded) : null;
      if (partial) folded = folded.slice(0, folded.length - partial[1].length);
      var list = words(folded).filter(function (w) { return w.parts.length || !stop.has(w.term); });
      if (partial) list.push({ term: partial[1], parts: [], compact: null });
      if (!list.length) return { words: [], terms: [], hits: [], suggestion: null };
      var matched = new Set();
      return Promise.all(list.map(function (w, i) {
        var prefix = typing && i === list.length - 1;
        return expand(w.term, prefix).then(function (found) {
          if (found.length || !w.parts.length) return [{ word: w.term, found: found }];
          // A compound that is not in the index ("25-cv-09848"): its parts.
          var parts = w.parts.filter(function (p) { return !stop.has(p); });
          return Promise.all(parts.map(function (p, j) {
            return expand(p, prefix && j === parts.length - 1).then(function (f) { return { word: p, found: f }; });
          }));
        });
      })).then(function (groups) {
        var scores = null, literal = null, missing = [];
        groups.forEach(function (group) {
          group.forEach(function (g) {
            if (!g.found.length) missing.push(g.word);
            g.found.forEach(function (f) { matched.add(f.term); });
            var s = scoreWord(g.found);
            if (scores === null) {
              scores = s.scores;
              literal = new Map();
              s.scores.forEach(function (v, doc) { literal.set(doc, s.literal.has(doc) ? 1 : 0); });
              return;
            }
            var next = new Map();
            scores.forEach(function (v, doc) {
              if (!s.scores.has(doc)) return;
              next.set(doc, v + s.scores.get(doc));
              literal.set(doc, literal.get(doc) + (s.literal.has(doc) ? 1 : 0));
            });
            scores = next;
          });
        });
        var hits = [];
        (scores || new Map()).forEach(function (score, doc) { hits.push({ doc: doc, score: score, exact: literal.get(doc) }); });
        hits.sort(function (a, b) { return b.exact - a.exact || b.score - a.score || a.doc - b.doc; });
        var result = { words: list, terms: Array.from(matched), hits: hits, suggestion: null };
        if (hits.length || !missing.length) return result;
        return Promise.all(missing.map(suggest)).then(function (near) {
          if (near.some(function (t) { return !t; })) return result;
          var fixed = {};
          missing.forEach(function (m, i) { fixed[m] = near[i]; });
          result.suggestion = words(fold(q)).map(function (w) { return fixed[w.term] || w.term; }).join(" ");
          return result;
        });
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

  /** The kind and year of every document (search/facets.js): resolves to
      {kind(doc) → slug, year(doc) → number}. */
  api.facets = function () {
    return api.manifest().then(function () { return once("search/facets.js"); }).then(function () {
      var runs = facetData.years, starts = [], at = 0;
      runs.forEach(function (r) { starts.push(at); at += r[1]; });
      var slugs = manifest.kinds.map(slugOf);
      return {
        kind: function (doc) {
          var d = DIGITS.indexOf(facetData.kinds.charAt(Math.floor(doc / 3)));
          return slugs[(d >> (2 * (doc % 3))) & 3];
        },
        year: function (doc) {
          var lo = 0, hi = starts.length - 1;
          while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= doc) lo = mid; else hi = mid - 1; }
          return runs[lo] ? runs[lo][0] : 0;
        }
      };
    });
  };
  /** "Court action" → "court-action", the name of a kind in the address. */
  function slugOf(label) { return label.toLowerCase().replace(/\s+/g, "-"); }

  /* ---- showing results ---- */

  var WORD = /[\p{Alphabetic}\p{N}]+(?:(?:[.:\/-]|,(?=\p{N}{3}(?![\p{Alphabetic}\p{N}])))[\p{Alphabetic}\p{N}]+)*/gu;
  var PART = /[\p{Alphabetic}\p{N}]+/gu;

  /** Ranges [start, end) of `text` that show one of `terms`: the term
      itself, or a word whose stem's key is one of them. */
  function marks(text, terms) {
    var set = new Set(terms), out = [], m;
    function shows(word) {
      var t = bounded(Array.from(fold(word)));
      if (set.has(t)) return true;
      var s = stemOf(t);
      return s !== null && s !== t && set.has(s + STEM_MARK);
    }
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (shows(m[0])) { out.push([m.index, m.index + m[0].length]); continue; }
      PART.lastIndex = 0;
      var p;
      while ((p = PART.exec(m[0]))) {
        if (shows(p[0])) out.push([m.index + p.index, m.index + p.index + p[0].length]);
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
    /** An option that opens `url`, or runs `url` when it is a function. */
    function addOption(content, url) {
      var li = el("li", "search-option");
      li.id = id + "-opt-" + options.length;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      content.forEach(function (c) { li.appendChild(c); });
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { choose(url); });
      list.appendChild(li);
      options.push({ el: li, url: url });
    }
    function choose(url) {
      if (typeof url === "function") url(); else go(url);
    }
    /** Searches for the suggestion in place of what was typed. */
    function correct(q) {
      return function () { input.value = q; input.focus(); run(); };
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
        if (x.r.suggestion) {
          var fix = el("span", "search-all", "Did you mean “" + x.r.suggestion + "”?");
          addOption([fix], correct(x.r.suggestion));
        }
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
        if (!popup.hidden && active >= 0) { e.preventDefault(); choose(options[active].url); }
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
    // The facets: kinds ticked (none: every kind) and a range of years,
    // kept in the address beside the query (?q=…&kind=policy,case&from=2019&to=2021).
    var box = document.getElementById("search-facets");
    var picked = { kinds: new Set(), from: null, to: null };

    function param(name) {
      var m = new RegExp("[?&#]" + name + "=([^&#]*)").exec(window.location.search + window.location.hash);
      try { return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : ""; } catch (e) { return ""; }
    }
    function initial() {
      var kinds = param("kind");
      picked.kinds = new Set(kinds ? kinds.split(",") : []);
      var from = parseInt(param("from"), 10), to = parseInt(param("to"), 10);
      picked.from = isNaN(from) ? null : from;
      picked.to = isNaN(to) ? null : to;
      return param("q");
    }
    function remember(q) {
      var parts = [];
      if (q) parts.push("q=" + encodeURIComponent(q));
      if (q && picked.kinds.size) parts.push("kind=" + Array.from(picked.kinds).sort().map(encodeURIComponent).join(","));
      if (q && picked.from !== null) parts.push("from=" + picked.from);
      if (q && picked.to !== null) parts.push("to=" + picked.to);
      var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "");
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }
    function kindOk(h) { return !picked.kinds.size || picked.kinds.has(last.facts.kind(h.doc)); }
    function yearOk(h) {
      var y = last.facts.year(h.doc);
      return (picked.from === null || y >= picked.from) && (picked.to === null || y <= picked.to);
    }
    function show(from) {
      var mine = seq;
      var slice = last.hits.slice(from, from + PAGE);
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
        if (more) more.hidden = shown >= last.hits.length;
      });
    }
    /** The results that pass the facets, their count, and the first page. */
    function apply() {
      var all = last.r.hits, q = last.q.trim();
      last.hits = all.filter(function (h) { return kindOk(h) && yearOk(h); });
      results.textContent = "";
      status.textContent = !all.length
        ? "No results for “" + q + "”. " + (last.r.suggestion ? "" : "Check the spelling, or use fewer words.")
        : (last.hits.length === all.length ? "" : last.hits.length + " of ") + plural(all.length, "result", "results") + " for “" + q + "”";
      if (last.r.suggestion) offer(last.r.suggestion);
      counts();
      remember(q);
      return show(0);
    }
    /** The facets of the results: a box for each kind and a range of years,
        each with the number of results it would show given the other. */
    function drawFacets() {
      if (!box) return;
      box.textContent = "";
      box.hidden = !last.r.hits.length;
      if (box.hidden) return;
      var kinds = new Set(), years = new Set();
      last.r.hits.forEach(function (h) { kinds.add(last.facts.kind(h.doc)); years.add(last.facts.year(h.doc)); });
      picked.kinds.forEach(function (k) { kinds.add(k); });
      if (picked.from !== null) years.add(picked.from);
      if (picked.to !== null) years.add(picked.to);
      var kind = el("fieldset", "search-facet");
      kind.appendChild(el("legend", null, "Kind"));
      manifest.kinds.forEach(function (label) {
        var slug = slugOf(label);
        if (!kinds.has(slug)) return;
        var l = el("label", "search-facet-value");
        var c = el("input");
        c.type = "checkbox";
        c.value = slug;
        c.checked = picked.kinds.has(slug);
        c.addEventListener("change", function () {
          if (c.checked) picked.kinds.add(slug); else picked.kinds.delete(slug);
          apply();
        });
        l.appendChild(c);
        l.appendChild(document.createTextNode(" " + label + " "));
        l.appendChild(el("span", "count"));
        l.setAttribute("data-kind", slug);
        kind.appendChild(l);
      });
      var year = el("fieldset", "search-facet");
      year.appendChild(el("legend", null, "Year"));
      var list = Array.from(years).sort(function (a, b) { return b - a; });
      [["from", "From"], ["to", "To"]].forEach(function (end) {
        var id = "search-" + end[0];
        var l = el("label", null, end[1] + " ");
        l.setAttribute("for", id);
        var sel = el("select");
        sel.id = id;
        var any = el("option", null, "any year");
        any.value = "";
        sel.appendChild(any);
        list.forEach(function (y) {
          var o = el("option", null, String(y));
          o.value = String(y);
          o.setAttribute("data-year", String(y));
          sel.appendChild(o);
        });
        sel.value = picked[end[0]] === null ? "" : String(picked[end[0]]);
        sel.addEventListener("change", function () {
          picked[end[0]] = sel.value ? parseInt(sel.value, 10) : null;
          apply();
        });
        year.appendChild(l);
        year.appendChild(sel);
      });
      box.appendChild(kind);
      box.appendChild(year);
    }
    /** The numbers beside the facets' values, for the current state. */
    function counts() {
      if (!box || box.hidden) return;
      var byKind = {}, byYear = {};
      last.r.hits.forEach(function (h) {
        var k = last.facts.kind(h.doc), y = last.facts.year(h.doc);
        if (yearOk(h)) byKind[k] = (byKind[k] || 0) + 1;
        if (kindOk(h)) byYear[y] = (byYear[y] || 0) + 1;
      });
      Array.prototype.forEach.call(box.querySelectorAll("[data-kind]"), function (l) {
        l.querySelector(".count").textContent = "(" + (byKind[l.getAttribute("data-kind")] || 0) + ")";
      });
      Array.prototype.forEach.call(box.querySelectorAll("option[data-year]"), function (o) {
        var y = o.getAttribute("data-year");
        o.textContent = y + " (" + (byYear[y] || 0) + ")";
      });
    }
    function run() {
      var q = input.value;
      var mine = ++seq;
      if (!q.trim()) { remember(""); results.textContent = ""; status.textContent = ""; if (box) box.hidden = true; if (more) more.hidden = true; return Promise.resolve(); }
      return Promise.all([api.query(q), api.facets()]).then(function (x) {
        if (mine !== seq) return;
        last = { q: q, r: x[0], facts: x[1], hits: [] };
        drawFacets();
        return apply();
      }).catch(function (e) {
        if (mine !== seq) return;
        status.textContent = "Search is not available: " + e.message;
      });
    }
    /** "Did you mean …?" in the status line, a link to the search for it. */
    function offer(suggestion) {
      status.appendChild(document.createTextNode("Did you mean "));
      var a = el("a", "search-suggestion", suggestion);
      a.href = "?q=" + encodeURIComponent(suggestion);
      a.addEventListener("click", function (e) {
        e.preventDefault();
        input.value = suggestion;
        input.focus();
        run();
      });
      status.appendChild(a);
      status.appendChild(document.createTextNode("?"));
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
