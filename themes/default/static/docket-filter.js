/* docket filters: narrows a list page by facets, dates and words of titles.

   The page works without this script: it lists everything, and the filter
   form stays hidden. With it, the form appears and every change filters the
   rows in place. A form `form[data-filter-for=ID]` filters the rows
   `[data-row]` inside `#ID`:
   - a checkbox named K with value V keeps rows whose `data-K` holds V among
     its space-separated values; values of one facet are alternatives (or),
     facets combine (and);
   - `from` and `to` keep rows with a date of `data-date` (space-separated
     ISO dates) in the range;
   - `q` keeps rows whose `[data-text]` elements hold every word typed.
   Counts beside each value say how many rows would show with that value
   ticked, given the rest of the filters. The state lives in the URL
   fragment (#subjects=border,detention&from=2025-01-01), so a filtered
   view can be bookmarked and shared, also from file://. */
(function () {
  "use strict";

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
  function split(s) {
    return (s || "").split(/\s+/).filter(Boolean);
  }

  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-filter-for"));
    if (!list) return;
    var noun = form.getAttribute("data-noun") || "entries";
    var status = list.querySelector("[data-filter-status]");
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]"));
    var facets = fieldsets.map(function (fs) {
      var key = fs.getAttribute("data-facet");
      var boxes = Array.prototype.slice.call(fs.querySelectorAll("input[type=checkbox]"));
      return {
        key: key,
        boxes: boxes,
        counts: boxes.map(function (b) {
          var label = form.querySelector("label[for='" + b.id + "']");
          return label ? label.querySelector("[data-count]") : null;
        })
      };
    });
    var text = form.querySelector("input[name=q]");
    var from = form.querySelector("input[name=from]");
    var to = form.querySelector("input[name=to]");
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-group]"));

    // Each row read once: its values per facet, dates and folded text.
    var rows = Array.prototype.slice.call(list.querySelectorAll("[data-row]")).map(function (el) {
      var values = {};
      facets.forEach(function (f) { values[f.key] = split(el.getAttribute("data-" + f.key)); });
      var texts = el.querySelectorAll("[data-text]");
      var t = [];
      for (var i = 0; i < texts.length; i++) t.push(texts[i].textContent);
      return { el: el, values: values, dates: split(el.getAttribute("data-date")), text: fold(t.join(" ")) };
    });

    function state() {
      var s = { facets: {}, q: text ? text.value.trim() : "", from: from ? from.value : "", to: to ? to.value : "" };
      facets.forEach(function (f) {
        s.facets[f.key] = f.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return s;
    }
    function matchesExcept(row, s, skip, words) {
      for (var k = 0; k < facets.length; k++) {
        var key = facets[k].key;
        if (key === skip) continue;
        var want = s.facets[key];
        if (want.length && !want.some(function (v) { return row.values[key].indexOf(v) >= 0; })) return false;
      }
      if (s.from || s.to) {
        var inRange = row.dates.some(function (d) {
          return (!s.from || d >= s.from) && (!s.to || d <= s.to);
        });
        if (!inRange) return false;
      }
      for (var w = 0; w < words.length; w++) {
        if (row.text.indexOf(words[w]) < 0) return false;
      }
      return true;
    }

    function apply() {
      var s = state();
      var words = split(fold(s.q));
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matchesExcept(row, s, null, words);
        row.el.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("[data-row]:not([hidden])");
      });
      // A value's count: rows that match every other filter and carry it.
      facets.forEach(function (f) {
        var tally = {};
        rows.forEach(function (row) {
          if (!matchesExcept(row, s, f.key, words)) return;
          row.values[f.key].forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
        });
        f.boxes.forEach(function (b, i) {
          var n = tally[b.value] || 0;
          if (f.counts[i]) f.counts[i].textContent = String(n);
          b.closest("li").classList.toggle("facet-empty", n === 0 && !b.checked);
        });
      });
      var filtered = shown !== rows.length;
      if (status) {
        status.textContent = filtered
          ? "Showing " + shown + " of " + rows.length + " " + noun + "."
          : rows.length + " " + noun + ".";
      }
      save(s);
    }

    function save(s) {
      var parts = [];
      facets.forEach(function (f) {
        if (s.facets[f.key].length) parts.push(f.key + "=" + s.facets[f.key].map(encodeURIComponent).join(","));
      });
      if (s.from) parts.push("from=" + s.from);
      if (s.to) parts.push("to=" + s.to);
      if (s.q) parts.push("q=" + encodeURIComponent(s.q));
      var hash = parts.length ? "#" + parts.join("&") : "";
      if (hash === window.location.hash || (!hash && !window.location.hash)) return;
      var url = window.location.href.replace(/#.*$/, "") + hash;
      try {
        window.history.replaceState(null, "", url);
      } catch (e) {
        window.location.replace(hash || "#");
      }
    }

    function load() {
      var params = {};
      window.location.hash.replace(/^#/, "").split("&").forEach(function (p) {
        var i = p.indexOf("=");
        if (i > 0) {
          try { params[p.slice(0, i)] = decodeURIComponent(p.slice(i + 1)); } catch (e) { /* ignore a broken part */ }
        }
      });
      facets.forEach(function (f) {
        var want = (params[f.key] || "").split(",");
        f.boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
      });
      if (text) text.value = params.q || "";
      var iso = /^\d{4}-\d{2}-\d{2}$/;
      if (from) from.value = iso.test(params.from || "") ? params.from : "";
      if (to) to.value = iso.test(params.to || "") ? params.to : "";
    }

    var timer = null;
    form.addEventListener("input", function (e) {
      if (e.target === text) {
        clearTimeout(timer);
        timer = setTimeout(apply, 150);
      } else {
        apply();
      }
    });
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    window.addEventListener("hashchange", function () { load(); apply(); });

    form.hidden = false;
    load();
    // Open the facets in use, and on wide screens the first one.
    fieldsets.forEach(function (fs, i) {
      var d = fs.closest("details");
      if (!d) return;
      var used = fs.querySelector("input:checked");
      var wide = i === 0 && window.matchMedia && window.matchMedia("(min-width: 56rem)").matches;
      if (used || wide) d.open = true;
    });
    apply();
  }

  function start() {
    var forms = document.querySelectorAll("form[data-filter-for]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
