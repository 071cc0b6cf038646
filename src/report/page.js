"use strict";
(function () {
  var data = JSON.parse(document.getElementById("data").textContent);
  var PAGE = 50;
  var SEVERITIES = ["error", "warning", "info"];
  var state = { filter: {}, page: 0 };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function parseFilter(spec) {
    var filter = {};
    (spec || "").split("&").forEach(function (pair) {
      if (!pair) { return; }
      var at = pair.indexOf("=");
      var key = decodeURIComponent(pair.slice(0, at));
      filter[key] = decodeURIComponent(pair.slice(at + 1));
    });
    return filter;
  }

  function formatFilter(filter) {
    return Object.keys(filter).filter(function (k) { return filter[k] !== ""; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(filter[k]); }).join("&");
  }

  function matches(f, filter) {
    var doc = data.docs[f[0]];
    var rule = data.rules[f[3]];
    if (filter.rule && rule[0] !== filter.rule) { return false; }
    if (filter.family && rule[2] !== filter.family) { return false; }
    if (filter.sev && String(f[4]) !== filter.sev) { return false; }
    if (filter.folder && String(doc[1]) !== filter.folder) { return false; }
    if (filter.doc && String(f[0]) !== filter.doc) { return false; }
    if (filter.cluster && String(doc[2]) !== filter.cluster) { return false; }
    if (filter.year && String(doc[3]) !== filter.year) { return false; }
    if (filter.chrome && String(f[9]) !== filter.chrome) { return false; }
    if (filter.path && doc[0].toLowerCase().indexOf(filter.path.toLowerCase()) < 0) { return false; }
    return true;
  }

  var controls = {};
  function select(name, label, options) {
    var s = el("select", { id: "filter-" + name, name: name });
    s.appendChild(el("option", { value: "", text: "all" }));
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0], text: o[1] })); });
    s.addEventListener("change", function () { state.filter[name] = s.value; state.page = 0; update(); });
    controls[name] = s;
    return el("label", { "for": "filter-" + name }, [label, s]);
  }

  function buildControls() {
    var box = document.getElementById("filters");
    var rules = data.rules.map(function (r) { return [r[0], r[0] + " " + r[1]]; });
    rules.sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
    var folders = [];
    data.docs.forEach(function (d) { if (folders.indexOf(d[1]) < 0) { folders.push(d[1]); } });
    folders.sort(function (a, b) { return data.folders[a] < data.folders[b] ? -1 : 1; });
    box.appendChild(select("family", "Family", data.families.map(function (f) { return [f, f]; })));
    box.appendChild(select("rule", "Rule", rules));
    box.appendChild(select("sev", "Severity", SEVERITIES.map(function (s, i) { return [String(i), s]; })));
    box.appendChild(select("folder", "Folder", folders.map(function (i) { return [String(i), data.folders[i]]; })));
    var input = el("input", { id: "filter-path", type: "search", placeholder: "part of a path" });
    input.addEventListener("input", function () { state.filter.path = input.value; state.page = 0; update(); });
    controls.path = input;
    box.appendChild(el("label", { "for": "filter-path" }, ["File", input]));
    var clear = el("button", { type: "button", text: "Show all findings" });
    clear.addEventListener("click", function () { setFilter({}); });
    box.appendChild(clear);
    box.appendChild(el("p", { id: "chips", "class": "chips" }));
    box.hidden = false;
  }

  function describe(key, value) {
    if (key === "doc") { return "file " + (data.docs[+value] || ["?"])[0]; }
    if (key === "cluster") { return "duplicate cluster " + (+value + 1); }
    if (key === "chrome") { return "chrome line “" + (data.chrome[+value] || "?") + "”"; }
    if (key === "year") { return "documents dated " + value; }
    return key + " " + value;
  }

  function setFilter(filter) {
    state.filter = filter;
    state.page = 0;
    Object.keys(controls).forEach(function (k) { controls[k].value = filter[k] || ""; });
    update();
  }

  function update() {
    var chips = document.getElementById("chips");
    chips.textContent = "";
    ["doc", "cluster", "chrome", "year"].forEach(function (k) {
      if (!state.filter[k]) { return; }
      var remove = el("button", { type: "button", text: "remove" });
      remove.addEventListener("click", function () { delete state.filter[k]; state.page = 0; update(); });
      chips.appendChild(el("span", {}, ["Only " + describe(k, state.filter[k]) + " ", remove, " "]));
    });
    var spec = formatFilter(state.filter);
    if (window.history && history.replaceState && (spec || location.hash.indexOf("#findings?") === 0)) {
      history.replaceState(null, "", "#findings" + (spec ? "?" + spec : ""));
    }
    render();
  }

  function render() {
    var list = document.getElementById("list");
    var rows = data.findings.filter(function (f) { return matches(f, state.filter); });
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var first = state.page * PAGE;
    var shown = rows.slice(first, first + PAGE);
    list.textContent = "";
    var status = rows.length === 0 ? "No kept finding matches." :
      "Findings " + (first + 1) + "–" + (first + shown.length) + " of " + rows.length.toLocaleString("en") + " kept that match.";
    var table = el("table", { "class": "data", id: "findings-table" });
    table.appendChild(el("caption", { text: status }));
    var head = el("tr");
    ["Place", "Rule", "Severity", "Message", "Text"].forEach(function (h) { head.appendChild(el("th", { scope: "col", text: h })); });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    shown.forEach(function (f) {
      var doc = data.docs[f[0]];
      var rule = data.rules[f[3]];
      var text = el("code", {}, [f[6], el("mark", { text: f[7] }), f[8]]);
      body.appendChild(el("tr", {}, [
        el("th", { scope: "row", text: doc[0] + ":" + f[1] + ":" + f[2] }),
        el("td", { text: rule[0] + " " + rule[1] }),
        el("td", { text: SEVERITIES[f[4]] }),
        el("td", { text: data.messages[f[5]] }),
        el("td", {}, [text])
      ]));
    });
    table.appendChild(body);
    list.appendChild(pager(pages));
    list.appendChild(el("div", { "class": "scroll" }, [table]));
    if (pages > 1) { list.appendChild(pager(pages)); }
  }

  function pager(pages) {
    var box = el("div", { "class": "pager" });
    var prev = el("button", { type: "button", text: "Previous page" });
    var next = el("button", { type: "button", text: "Next page" });
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    prev.addEventListener("click", function () { state.page -= 1; render(); });
    next.addEventListener("click", function () { state.page += 1; render(); });
    box.appendChild(prev);
    box.appendChild(el("span", { text: "Page " + (state.page + 1) + " of " + pages }));
    box.appendChild(next);
    return box;
  }

  function cellValue(cell, numeric) {
    var marked = cell.querySelector("[data-v]");
    var raw = marked ? marked.getAttribute("data-v") : cell.textContent;
    if (!numeric) { return raw.toLowerCase(); }
    var n = parseFloat(raw.replace(/,/g, "").replace("−", "-"));
    return isNaN(n) ? -Infinity : n;
  }

  function makeSortable(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = el("button", { type: "button", text: th.textContent });
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.classList.contains("n");
        var descending = th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length === heads.length; });
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[column], numeric), y = cellValue(b.cells[column], numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -order : order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-f]") : null;
    if (!link) { return; }
    setFilter(parseFilter(link.getAttribute("data-f")));
  });

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  document.getElementById("static-findings").hidden = true;
  buildControls();
  var hash = location.hash.match(/^#findings\?(.*)$/);
  setFilter(hash ? parseFilter(hash[1]) : {});
})();
