(function () {
  "use strict";
  if (!window.EventSource) return;
  var here = location.pathname.replace(/^\//, "");
  if (here === "" || here.charAt(here.length - 1) === "/") here += "index.html";
  // The page served while the site has never built lists the errors itself.
  var errorPage = document.getElementById("docket-errors-page");
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(list) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "docket-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;padding:12px 16px;border-top:4px solid #ff5c5c";
    var h = document.createElement("strong");
    h.textContent = "docket: the content has errors; this page shows the last good build";
    overlay.appendChild(h);
    list.forEach(function (d) {
      var p = document.createElement("div");
      p.className = "docket-error";
      p.style.marginTop = "8px";
      var where = d.file ? d.file + (d.line ? ":" + d.line + ":" + d.column : "") + ": " : "";
      // textContent: the server sends text, never markup.
      p.textContent = where + d.severity + "[" + d.code + "]: " + d.message + (d.help ? "  (help: " + d.help + ")" : "");
      overlay.appendChild(p);
    });
    document.body.appendChild(overlay);
  }
  var source = new EventSource("/__docket/events");
  source.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data);
    hide();
    if (changed.indexOf(here) >= 0 || changed.some(function (p) { return p.indexOf("static/") === 0; })) location.reload();
  });
  source.addEventListener("errors", function (e) {
    if (!errorPage) show(JSON.parse(e.data));
    // Each state of the site has its number: the error page shows one.
    else if (e.lastEventId !== errorPage.getAttribute("data-generation")) location.reload();
  });
  source.addEventListener("ok", function () {
    if (errorPage) location.reload();
    else hide();
  });
  // Too many pages are open: a newer one took this one's place, and this
  // one no longer hears of changes. Shown again, it reloads, and listens.
  source.addEventListener("evicted", function () {
    source.close();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") location.reload();
    });
  });
})();
