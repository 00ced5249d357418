/* docket filters: narrow a whole list by facets, dates and words.

   Lists are cut into pages, and each page works without this script. With
   it, the filter form of the page (`form[data-filter-for=ID]`) appears;
   once a filter is set, the script loads the whole list from the data file
   docket writes (`data-filter-src`, a script under filters/ that calls
   window.docketFilter.data: script tags work on file://, fetch() does not),
   and shows the matching entries in place of the page's own
   (`[data-filter-page]` inside `#ID`):
   - ticked values of one facet are alternatives (or), facets combine (and);
   - `from` and `to` keep entries with a date in the range;
   - `q` keeps entries whose title (and case name, docket number) holds
     every word typed;
   - `on` (the policies list) keeps the policies in force that day, from
     each policy's periods in the data file ("from/end", the end the first
     day out of force, empty while none is recorded, "?" when the entry
     says its force ended but not when, with the day it had ended by if
     known): a policy that may or may not have been in force is left out
     and counted apart.
   The count beside each value says how many entries would show with it
   ticked, given the other filters. The state lives in the URL fragment
   (#subjects=border,detention&from=2025-01-01): a filtered view can be
   bookmarked and shared, also from file://. */
(function () {
  "use strict";

  var registry = window.docketFilter = window.docketFilter || {};
  var datasets = {};
  var waiting = {};
  registry.data = function (name, data) {
    datasets[name] = data;
    (waiting[name] || []).forEach(function (f) { f(data); });
    delete waiting[name];
  };
  function load(src, name) {
    return new Promise(function (resolve, reject) {
      if (datasets[name]) { resolve(datasets[name]); return; }
      (waiting[name] = waiting[name] || []).push(resolve);
      if (waiting[name].length > 1) return;
      var s = document.createElement("script");
      s.src = src;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
  function words(s) {
    return fold(s).split(/\s+/).filter(Boolean);
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function link(href, text, cls) {
    return el("a", cls ? { href: href, class: cls } : { href: href }, text);
  }
  /** The link of a row to its entry's page. */
  function entry(href, text, cls) {
    var a = link(href, text, cls);
    a.setAttribute("data-entry", "");
    return a;
  }
  var PAGE = 100;
  /* The tone class of each status value (`statuses/rescinded` →
     `tone-ended`), read from the swatches of the filter form. */
  var tones = {};

  /* The values of the site's own fields whose values have pages, as
     tags: the list data names each such facet's [folder, label]. Into
     `tags` when given, else a new list of tags. */
  function fieldTags(r, d, root, tags) {
    tags = tags || el("ul", { class: "tags", "aria-label": "Tags" });
    (d.pages || []).forEach(function (p, f) {
      if (!p) return;
      r[4][f].forEach(function (v) {
        var a = link(root + p[0] + "/" + d.values[f][v] + "/index.html", "", "tag tag-field");
        a.appendChild(el("span", { class: "visually-hidden" }, p[1] + ": "));
        a.appendChild(document.createTextNode(d.names[f][v]));
        var t = el("li");
        t.appendChild(a);
        tags.appendChild(t);
      });
    });
    return tags;
  }

  /* How each list shows a row: the same markup as the theme's row
     templates (policy_row.html, court_action_row.html, cases.html). */
  var views = {
    policies: {
      container: function () { return el("ol", { class: "policy-list" }); },
      row: function (r, d, root) {
        var li = el("li", { class: "policy-row" });
        var head = el("div", { class: "row-head" });
        head.appendChild(el("time", { datetime: r[1][0] }, r[5][1]));
        head.appendChild(el("span", { class: "sep", "aria-hidden": "true" }, " · "));
        head.appendChild(document.createTextNode(" "));
        head.appendChild(el("span", { class: "id" }, "ID #" + r[5][0]));
        li.appendChild(head);
        li.appendChild(entry(root + r[0], r[2], "row-title"));
        var tags = el("ul", { class: "tags", "aria-label": "Tags" });
        // administration, action, current status, statuses, subjects, agencies
        [[4, "tag tag-admin"], [3, "tag tag-action"], [5, "tag tag-status"], [2, "tag tag-status"], [0, "tag"], [1, "tag tag-agency"]].forEach(function (f) {
          r[4][f[0]].forEach(function (v) {
            var slug = d.values[f[0]][v];
            if (slug.charAt(0) === "_") return;
            var tone = tones[d.facets[f[0]] + "/" + slug];
            var t = el("li");
            t.appendChild(link(root + d.facets[f[0]] + "/" + slug + "/index.html", d.names[f[0]][v], f[1] + (tone ? " " + tone : "")));
            tags.appendChild(t);
          });
        });
        fieldTags(r, d, root, tags);
        li.appendChild(tags);
        return li;
      }
    },
    "court-actions": {
      table: true,
      row: function (r, d, root) {
        var tr = el("tr");
        var td = function (child) { var c = el("td"); child.forEach(function (x) { c.appendChild(typeof x === "string" ? document.createTextNode(x) : x); }); tr.appendChild(c); };
        var term = function (f) { var v = r[4][f][0]; return link(root + d.facets[f] + "/" + d.values[f][v] + "/index.html", d.names[f][v]); };
        td([el("time", { datetime: r[1][0] }, r[5][0])]);
        td([term(1)]);
        var title = [entry(root + r[0], r[2])];
        var tags = fieldTags(r, d, root);
        if (tags.childNodes.length) title.push(tags);
        td(title);
        td([link(root + r[5][1], r[5][2]), ", No. " + r[5][3]]);
        td([term(0)]);
        return tr;
      }
    },
    changes: {
      container: function () { return el("ol", { class: "change-list" }); },
      row: function (r, d, root) {
        // cells: date, entry kind, its label, change label, detail, page of the entry that made it
        var li = el("li");
        var kind = d.values[0][r[4][0][0]];
        li.appendChild(el("time", { datetime: r[1][0] }, r[5][0]));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", { class: "kind kind-" + r[5][1] }, r[5][2]));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(entry(root + r[0], r[2]));
        li.appendChild(document.createTextNode(": "));
        li.appendChild(el("span", { class: "change change-" + kind }, r[5][3]));
        if (r[5][5]) {
          li.appendChild(document.createTextNode(": "));
          li.appendChild(link(root + r[5][5], r[5][4]));
        } else if (r[5][4]) {
          li.appendChild(document.createTextNode(": " + r[5][4]));
        }
        return li;
      }
    },
    cases: {
      table: true,
      /* `cols`: the columns of the page's table, from its header's
         data-col (a site without court actions has no Filings column). */
      row: function (r, d, root, cols) {
        var tr = el("tr");
        var td = function (child) { var c = el("td"); child.forEach(function (x) { c.appendChild(typeof x === "string" ? document.createTextNode(x) : x); }); return c; };
        var court = r[4][0][0];
        var name = [entry(root + r[0], r[2])];
        var tags = fieldTags(r, d, root);
        if (tags.childNodes.length) name.push(tags);
        // cells: docket, number of filings, latest date, latest filing,
        // status, the court's page
        var latest = r[1].length ? [el("time", { datetime: r[1][r[1].length - 1] }, r[5][2])] : [];
        if (r[5][3]) latest.push(" (" + r[5][3] + ")");
        var cells = {
          name: function () { return td(name); },
          docket: function () { return td([r[5][0]]); },
          court: function () { return td([link(root + r[5][5], d.names[0][court])]); },
          filings: function () { return td([r[5][1]]); },
          latest: function () { return td(latest); },
          status: function () { return td([r[5][4]]); }
        };
        // A theme's table without data-col: the default theme's columns.
        if (!cols.length || cols.indexOf(null) >= 0) {
          cols = ["name", "docket", "court", "filings", "latest"];
          if (d.facets.indexOf("case-statuses") >= 0) cols.push("status");
        }
        cols.forEach(function (k) { if (cells[k]) tr.appendChild(cells[k]()); });
        return tr;
      }
    }
  };

  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-filter-for"));
    if (!list) return;
    var src = form.getAttribute("data-filter-src");
    var name = src.replace(/^.*\//, "").replace(/\.js$/, "");
    var view = views[name];
    var root = form.getAttribute("data-root") || "";
    var noun = form.getAttribute("data-noun") || "entries";
    var one = form.getAttribute("data-noun-one") || noun;
    var status = list.querySelector("[data-filter-status]");
    var pageView = list.querySelector("[data-filter-page]");
    var initialStatus = status ? status.textContent : "";
    var cols = Array.prototype.map.call(pageView ? pageView.querySelectorAll("thead th") : [], function (th) { return th.getAttribute("data-col"); });
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]"));
    var boxesOf = {};
    fieldsets.forEach(function (fs) {
      boxesOf[fs.getAttribute("data-facet")] = Array.prototype.slice.call(fs.querySelectorAll("input[type=checkbox]"));
    });
    var text = form.querySelector("input[name=q]");
    var from = form.querySelector("input[name=from]");
    var to = form.querySelector("input[name=to]");
    var on = form.querySelector("input[name=on]");
    var sort = form.querySelector("select[name=sort]");
    var sortLabels = {};
    if (sort) Array.prototype.forEach.call(sort.options, function (o) { sortLabels[o.value] = o.textContent; });
    fieldsets.forEach(function (fs) {
      Array.prototype.forEach.call(fs.querySelectorAll("label .swatch"), function (sw) {
        var box = document.getElementById(sw.parentNode.getAttribute("for"));
        var tone = Array.prototype.filter.call(sw.classList, function (c) { return c.indexOf("tone-") === 0; })[0];
        if (box && tone) tones[fs.getAttribute("data-facet") + "/" + box.value] = tone;
      });
    });
    // Back to a filtered list after "Show more": the rows shown and the
    // scroll, kept in the history entry of the page.
    var restoring = window.history.state && window.history.state.docketFilter;
    if (restoring && restoring.hash !== window.location.hash) restoring = null;
    if (restoring && "scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
    var chips = el("ul", { class: "filter-chips", "aria-label": "Filters in use" });
    chips.hidden = true;
    if (status) status.parentNode.insertBefore(chips, status.nextSibling);
    else list.insertBefore(chips, list.firstChild);
    var results = el("div", { "data-filter-results": "" });
    results.hidden = true;
    list.appendChild(results);
    var data = null, rows = null, shown = 0, matched = [], uncertain = 0;

    function state() {
      var s = { facets: {}, q: text ? text.value.trim() : "", from: from ? from.value : "", to: to ? to.value : "", on: on ? on.value : "", sort: sort ? sort.value : "" };
      Object.keys(boxesOf).forEach(function (k) {
        s.facets[k] = boxesOf[k].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return s;
    }
    function active(s) {
      return s.q || s.from || s.to || s.on || s.sort || Object.keys(s.facets).some(function (k) { return s.facets[k].length; });
    }

    // The rows of the data, prepared once: facet values as slugs, folded text.
    function prepare(d) {
      return d.rows.map(function (r, i) {
        var values = {};
        d.facets.forEach(function (k, f) { values[k] = r[4][f].map(function (v) { return d.values[f][v]; }); });
        return { r: r, i: i, values: values, dates: r[1], text: fold(r[2] + " " + r[3]), force: d.force ? d.force[i] : null,
          // The dates the policies can be sorted by (cells 2 and 3).
          sorts: name === "policies" ? { effective: r[5][2] || "", updated: r[5][3] || "" } : {} };
      });
    }
    // Whether a policy was in force on `day`: true, false, or null when its
    // entry does not tell (as docket's Force::on).
    function inForce(periods, day) {
      var unknown = false;
      for (var i = 0; i < periods.length; i++) {
        var p = periods[i], cut = p.indexOf("/"), start = p.slice(0, cut), end = p.slice(cut + 1);
        if (start > day) continue;
        if (end === "") return true;
        if (end.charAt(0) !== "?") { if (day < end) return true; continue; }
        var by = end.slice(1);
        if (!by || day < by) unknown = true;
      }
      return unknown ? null : false;
    }
    function matches(row, s, skip, ws) {
      for (var k in s.facets) {
        if (k === skip || !s.facets[k].length) continue;
        var have = row.values[k] || [];
        if (!s.facets[k].some(function (v) { return have.indexOf(v) >= 0; })) return false;
      }
      if (s.from || s.to) {
        if (!row.dates.some(function (d) { return (!s.from || d >= s.from) && (!s.to || d <= s.to); })) return false;
      }
      for (var w = 0; w < ws.length; w++) if (row.text.indexOf(ws[w]) < 0) return false;
      if (s.on && row.force && inForce(row.force, s.on) !== true) return false;
      return true;
    }

    function counts(s, ws) {
      Object.keys(boxesOf).forEach(function (k) {
        var tally = {};
        rows.forEach(function (row) {
          if (!matches(row, s, k, ws)) return;
          (row.values[k] || []).forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
        });
        boxesOf[k].forEach(function (b) {
          var n = tally[b.value] || 0;
          var label = form.querySelector("label[for='" + b.id + "']");
          var c = label && label.querySelector("[data-count]");
          if (c) c.textContent = String(n);
          b.closest("li").classList.toggle("facet-empty", n === 0 && !b.checked);
        });
      });
    }

    function showMore() {
      var box = results.querySelector("[data-rows]");
      var end = Math.min(matched.length, shown + PAGE);
      for (var i = shown; i < end; i++) box.appendChild(view.row(matched[i].r, data, root, cols));
      shown = end;
      var more = results.querySelector("[data-more]");
      if (more) more.hidden = shown >= matched.length;
    }

    function render() {
      results.textContent = "";
      var box;
      if (view.table) {
        var table = el("table", { class: "data" });
        var head = pageView && pageView.querySelector("thead");
        if (head) table.appendChild(head.cloneNode(true));
        box = el("tbody");
        table.appendChild(box);
        results.appendChild(table);
      } else {
        box = view.container();
        results.appendChild(box);
      }
      box.setAttribute("data-rows", "");
      shown = 0;
      showMore();
      while (restoring && shown < Math.min(restoring.shown || 0, matched.length)) showMore();
      results.appendChild(downloads());
      if (matched.length > shown) {
        var p = el("p");
        var more = el("button", { type: "button", "data-more": "" }, "Show more " + noun);
        more.addEventListener("click", function () {
          var first = shown;
          showMore();
          remember({ shown: shown });
          var next = box.children[first] && box.children[first].querySelector("a");
          if (next) next.focus();
        });
        p.appendChild(more);
        results.appendChild(p);
      }
    }

    function remember(extra) {
      var st = window.history.state && typeof window.history.state === "object" ? window.history.state : {};
      var mine = st.docketFilter && st.docketFilter.hash === window.location.hash ? st.docketFilter : { hash: window.location.hash };
      var next = {};
      Object.keys(st).forEach(function (k) { next[k] = st[k]; });
      next.docketFilter = {};
      Object.keys(mine).forEach(function (k) { next.docketFilter[k] = mine[k]; });
      Object.keys(extra).forEach(function (k) { next.docketFilter[k] = extra[k]; });
      try { window.history.replaceState(next, "", window.location.href); } catch (e) { /* not kept */ }
    }

    /* The filters in use as buttons that each remove one. */
    function showChips(s) {
      chips.textContent = "";
      function chip(label, clear) {
        var li = el("li");
        var b = el("button", { type: "button", class: "chip" });
        b.appendChild(document.createTextNode(label + " "));
        b.appendChild(el("span", { "aria-hidden": "true" }, "×"));
        b.appendChild(el("span", { class: "visually-hidden" }, " (remove this filter)"));
        b.addEventListener("click", function () {
          clear();
          apply();
          var next = chips.querySelector("button");
          if (next) next.focus(); else if (status) { status.setAttribute("tabindex", "-1"); status.focus(); }
        });
        li.appendChild(b);
        chips.appendChild(li);
      }
      Object.keys(boxesOf).forEach(function (k) {
        boxesOf[k].forEach(function (b) {
          if (!b.checked) return;
          var fs = b.closest("fieldset");
          var legend = fs && fs.querySelector("legend");
          var label = form.querySelector("label[for='" + b.id + "']");
          var name = Array.prototype.filter.call(label ? label.childNodes : [], function (n) { return n.nodeType === 3; })
            .map(function (n) { return n.textContent; }).join("").trim();
          chip((legend ? legend.textContent.trim() + ": " : "") + name, function () { b.checked = false; });
        });
      });
      if (s.q) chip("Words: " + s.q, function () { text.value = ""; });
      if (s.from) chip("From " + s.from, function () { from.value = ""; });
      if (s.to) chip("To " + s.to, function () { to.value = ""; });
      if (s.on) chip("In force on " + s.on, function () { on.value = ""; });
      if (s.sort) chip("Sorted by " + (sortLabels[s.sort] || s.sort), function () { sort.value = ""; });
      chips.hidden = !chips.children.length;
    }

    /* "Download these results": the rows shown by the filters, as CSV and
       JSON made here from the list's data (a Blob; works from disk). */
    function records() {
      return matched.map(function (row) {
        var r = row.r, rec = {};
        if (name === "policies") rec.id = r[5][0];
        rec.title = r[2];
        rec.url = new URL(root + r[0], window.location.href).href;
        rec.dates = r[1];
        data.facets.forEach(function (k, f) {
          rec[k] = r[4][f].map(function (v) { return data.names[f][v]; });
        });
        return rec;
      });
    }
    function csvField(v) {
      var t = Array.isArray(v) ? v.join("; ") : String(v);
      // A spreadsheet would run a cell that starts like a formula.
      if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
      return '"' + t.replace(/"/g, '""') + '"';
    }
    function downloads() {
      var p = el("p", { class: "download-results" });
      p.appendChild(document.createTextNode("Download these results: "));
      [["csv", "CSV", "text/csv"], ["json", "JSON", "application/json"]].forEach(function (f, i) {
        if (i) p.appendChild(document.createTextNode(" · "));
        var a = el("a", { href: "#", download: name + "." + f[0], "data-download": f[0] }, f[1]);
        a.addEventListener("click", function () {
          var recs = records();
          var body;
          if (f[0] === "json") body = JSON.stringify(recs, null, 2) + "\n";
          else {
            var keys = recs.length ? Object.keys(recs[0]) : ["title", "url", "dates"];
            body = keys.map(csvField).join(",") + "\r\n" +
              recs.map(function (r) { return keys.map(function (k) { return csvField(r[k]); }).join(","); }).join("\r\n") + "\r\n";
          }
          if (a.href.indexOf("blob:") === 0) URL.revokeObjectURL(a.href);
          a.href = URL.createObjectURL(new Blob([body], { type: f[2] + ";charset=utf-8" }));
        });
        p.appendChild(a);
      });
      return p;
    }

    function apply() {
      var s = state();
      save(s);
      showChips(s);
      if (!active(s)) {
        results.hidden = true;
        results.textContent = "";
        if (pageView) pageView.hidden = false;
        if (status) status.textContent = initialStatus;
        if (rows) counts(s, []);
        else resetCounts();
        return;
      }
      if (!rows) {
        if (status) status.textContent = "Loading every " + noun.replace(/s$/, "") + "…";
        load(src, name).then(function (d) {
          data = d;
          rows = prepare(d);
          apply();
        }, function (e) {
          if (status) status.textContent = "The filters are not available: " + e.message;
        });
        return;
      }
      var ws = words(s.q);
      matched = rows.filter(function (row) { return matches(row, s, null, ws); });
      // The policies the other filters keep whose entries do not say
      // whether they were in force that day.
      uncertain = !s.on ? 0 : rows.filter(function (row) {
        return row.force && inForce(row.force, s.on) === null && matches(row, { facets: s.facets, q: s.q, from: s.from, to: s.to, on: "" }, null, ws);
      }).length;
      if (s.sort) {
        // Newest first by the chosen date; entries without it last, each
        // group in the list's own order.
        matched = matched.slice().sort(function (a, b) {
          var x = a.sorts[s.sort] || "", y = b.sorts[s.sort] || "";
          if (x !== y) return !x ? 1 : !y ? -1 : x < y ? 1 : -1;
          return a.i - b.i;
        });
      }
      counts(s, ws);
      showChips(s);
      if (pageView) pageView.hidden = true;
      results.hidden = false;
      render();
      if (restoring) {
        var y = restoring.scroll || 0;
        restoring = null;
        window.scrollTo(0, y);
      }
      if (status) {
        var said = "Showing " + matched.length + " of " + rows.length + " " + (rows.length === 1 ? one : noun) + (s.on ? " in force on " + s.on : "") + ".";
        if (uncertain) said += " " + uncertain + " more may have been: " + (uncertain === 1 ? "its entry says its" : "their entries say their") + " force ended, but not when.";
        status.textContent = said;
      }
    }

    // Without the data, the counts are the page's own (the whole list's).
    var initialCounts = {};
    Object.keys(boxesOf).forEach(function (k) {
      boxesOf[k].forEach(function (b) {
        var c = form.querySelector("label[for='" + b.id + "'] [data-count]");
        initialCounts[b.id] = c ? c.textContent : "";
      });
    });
    function resetCounts() {
      Object.keys(boxesOf).forEach(function (k) {
        boxesOf[k].forEach(function (b) {
          var c = form.querySelector("label[for='" + b.id + "'] [data-count]");
          if (c) c.textContent = initialCounts[b.id];
          b.closest("li").classList.remove("facet-empty");
        });
      });
    }

    function save(s) {
      var parts = [];
      Object.keys(s.facets).forEach(function (k) {
        if (s.facets[k].length) parts.push(k + "=" + s.facets[k].map(encodeURIComponent).join(","));
      });
      if (s.from) parts.push("from=" + s.from);
      if (s.to) parts.push("to=" + s.to);
      if (s.on) parts.push("on=" + s.on);
      if (s.q) parts.push("q=" + encodeURIComponent(s.q));
      if (s.sort) parts.push("sort=" + encodeURIComponent(s.sort));
      var hash = parts.length ? "#" + parts.join("&") : "";
      if (hash === window.location.hash || (!hash && !window.location.hash)) return;
      var url = window.location.href.replace(/#.*$/, "") + hash;
      try {
        window.history.replaceState(null, "", url);
      } catch (e) {
        window.location.replace(hash || "#");
      }
    }

    function restore() {
      var params = {};
      window.location.hash.replace(/^#/, "").split("&").forEach(function (p) {
        var i = p.indexOf("=");
        if (i > 0) {
          try { params[p.slice(0, i)] = decodeURIComponent(p.slice(i + 1)); } catch (e) { /* a broken part is ignored */ }
        }
      });
      Object.keys(boxesOf).forEach(function (k) {
        var want = (params[k] || "").split(",");
        boxesOf[k].forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
      });
      if (text) text.value = params.q || "";
      var iso = /^\d{4}-\d{2}-\d{2}$/;
      if (from) from.value = iso.test(params.from || "") ? params.from : "";
      if (to) to.value = iso.test(params.to || "") ? params.to : "";
      if (on) on.value = iso.test(params.on || "") ? params.on : "";
      if (sort) sort.value = sortLabels.hasOwnProperty(params.sort || "") ? params.sort || "" : "";
    }

    var timer = null;
    // Words wait for a pause in typing; dates apply as they change;
    // checkboxes on change (every browser fires it for them).
    form.addEventListener("input", function (e) {
      if (e.target.type === "checkbox") return;
      clearTimeout(timer);
      if (e.target === text) timer = setTimeout(apply, 150);
      else apply();
    });
    form.addEventListener("change", function (e) { if (e.target.type === "checkbox" || e.target === sort) apply(); });
    var scrollTimer = null;
    window.addEventListener("scroll", function () {
      if (results.hidden) return;
      clearTimeout(scrollTimer);
      scrollTimer = setTimeout(function () { remember({ scroll: window.scrollY }); }, 100);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    window.addEventListener("hashchange", function () { restore(); apply(); });
    // Start loading the list as soon as the reader turns to the filters.
    form.addEventListener("focusin", function () { load(src, name).catch(function () {}); }, { once: true });

    // On a small screen the form waits behind a button, so that the list
    // is on the first screen.
    if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
      var toggle = el("button", { type: "button", class: "filter-toggle", "aria-expanded": "false", "aria-controls": form.id }, "Show the filters");
      form.classList.add("collapsed");
      toggle.addEventListener("click", function () {
        var open = form.classList.toggle("collapsed") === false;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = open ? "Hide the filters" : "Show the filters";
      });
      form.parentNode.insertBefore(toggle, form);
    }
    form.hidden = false;
    restore();
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
