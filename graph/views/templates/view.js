/* guildgraph view: legend and filters, tooltips, evidence panel, search, timeline lanes.
   Article text is data: it only ever reaches the page through textContent / createTextNode. */
(function () {
  "use strict";

  var timings = {start: performance.now()};
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  timings.parsed = performance.now();
  var GLYPHS = {dot: "\u25CF", square: "\u25A0", diamond: "\u25C6", triangle: "\u25B2", triangleDown: "\u25BC",
                star: "\u2605", hexagon: "\u2B22", ellipse: "\u2B2C"};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // vis items carry what vis draws (and gg_type / gg_rel for the filters); tooltips, facts and search names
  // are in data.nodeInfo / data.edgeInfo by id
  var nodeById = new Map();
  data.nodes.forEach(function (n) {
    var info = data.nodeInfo[n.id] || {};
    nodeById.set(n.id, {id: n.id, label: n.label, gg_type: n.gg_type, gg_tip: info.tip || [],
                        gg_facts: info.facts || [], gg_search: info.search || []});
  });
  var edgeById = new Map();
  data.edges.forEach(function (e) {
    var info = data.edgeInfo[e.id] || {};
    edgeById.set(e.id, {id: e.id, gg_rel: e.gg_rel, gg_tip: info.tip || [], gg_facts: info.facts || []});
  });

  // ---- data sets and filtered views -----------------------------------------------------------------
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  function nodeShown(id) {
    var n = nodeById.get(id);
    return !!n && !hiddenTypes.has(n.gg_type);
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, {filter: function (n) { return !hiddenTypes.has(n.gg_type); }});
  var edgesView = new vis.DataView(edges, {filter: function (e) {
    return !hiddenRelations.has(e.gg_rel) && nodeShown(e.from) && nodeShown(e.to);
  }});

  var container = document.getElementById("gg-network");
  timings.datasets = performance.now();
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, data.options);
  timings.network = performance.now();
  var api = {network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
             data: data, ready: false, hiddenTypes: hiddenTypes, hiddenRelations: hiddenRelations,
             timings: timings, nodeInfo: nodeById, edgeInfo: edgeById};
  window.network = network;
  window.guildgraph = api;

  // ---- legend and filters ---------------------------------------------------------------------------
  function updateCounts() {
    document.getElementById("gg-counts").textContent =
      "Showing " + nodesView.length + " of " + plural(nodes.length, "node") + ", " +
      edgesView.length + " of " + plural(edges.length, "edge") + ".";
  }
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
  }
  function filterRow(kind, key, name, count, swatch, hidden) {
    var label = el("label");
    label.dataset.kind = kind;
    label.dataset.key = key;
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = key;
    box.dataset.kind = kind;
    box.addEventListener("change", function () {
      if (box.checked) hidden.delete(key); else hidden.add(key);
      refresh();
    });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "gg-filter-name", name));
    label.appendChild(el("span", "gg-count", count));
    return label;
  }
  var typeList = document.getElementById("gg-types");
  data.nodeTypes.forEach(function (t) {  // [type, label, count, shape, colour]
    var swatch;
    if (t[3] === "box") {
      swatch = el("span", "gg-swatch-box");
      swatch.style.backgroundColor = t[4];
      swatch.style.borderColor = "#555";
    } else {
      swatch = el("span", "gg-swatch", GLYPHS[t[3]] || GLYPHS.dot);
      swatch.style.color = t[4];
    }
    typeList.appendChild(filterRow("type", t[0], t[1], t[2], swatch, hiddenTypes));
  });
  var relationList = document.getElementById("gg-relations");
  data.relations.forEach(function (r) {  // [relation, label, count, colour, dashed]
    var swatch = el("span", "gg-swatch-line");
    swatch.style.borderTopColor = r[3];
    if (r[4]) swatch.style.borderTopStyle = "dashed";
    relationList.appendChild(filterRow("relation", r[0], r[1], r[2], swatch, hiddenRelations));
  });
  updateCounts();
  if (!data.nodes.length) {
    var empty = document.getElementById("gg-empty");
    empty.textContent = data.view === "timeline" ? "No dated events: the undated ones are listed below."
                                                 : "Nothing to show yet: the store has no actors (run guildgraph build).";
    empty.hidden = false;
  }

  // ---- tooltip ----------------------------------------------------------------------------------------
  var tip = document.getElementById("gg-tooltip");
  var wrap = document.getElementById("gg-canvas-wrap");
  function showTip(rows, pointer) {
    clear(tip);
    (rows || []).forEach(function (row) {
      var line = el("div");
      if (row[0]) {
        line.appendChild(el("span", "gg-tip-key", row[0] + ": "));
        line.appendChild(document.createTextNode(row[1]));
      } else {
        line.className = "gg-tip-title";
        line.textContent = row[1];
      }
      tip.appendChild(line);
    });
    tip.hidden = false;
    var x = pointer.x + 14, y = pointer.y + 14;
    var maxX = wrap.clientWidth - tip.offsetWidth - 6, maxY = wrap.clientHeight - tip.offsetHeight - 6;
    tip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    tip.style.top = Math.max(4, Math.min(y, maxY)) + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) {
    var n = nodeById.get(p.node);
    if (n) showTip(n.gg_tip, p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var e = edgeById.get(p.edge);
    if (e) showTip(e.gg_tip, p.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- evidence panel ---------------------------------------------------------------------------------
  var panel = document.getElementById("gg-panel-body");
  function factSection(index) {
    var fact = data.facts[index];  // [text, [evidence index...]]
    var section = el("section", "gg-fact");
    section.appendChild(el("h4", null, fact[0]));
    if (!fact[1].length) {
      section.appendChild(el("p", "gg-none", "No evidence sentence (reference data or inferred)."));
      return section;
    }
    var list = el("ul");
    fact[1].forEach(function (i) {
      var ev = data.evidence[i];  // [sentence, doc index, inferred (1: the fact is inferred from it)]
      var doc = data.docs[ev[1]];  // [title, date]
      var item = el("li");
      if (ev[2]) item.appendChild(el("span", "gg-inferred", "inferred from context: "));
      item.appendChild(el("span", "gg-sentence", ev[0]));
      item.appendChild(el("span", "gg-source", "\u2014 " + doc[0] + (doc[1] ? ", " + doc[1] : ", undated")));
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }
  function showPanel(title, subtitle, extra, facts) {
    clear(panel);
    panel.appendChild(el("h3", null, title));
    if (subtitle) panel.appendChild(el("div", "gg-panel-type", subtitle));
    if (extra) panel.appendChild(el("div", "gg-panel-aliases", extra));
    var sentences = new Set();
    (facts || []).forEach(function (f) { data.facts[f][1].forEach(function (s) { sentences.add(s); }); });
    panel.appendChild(el("div", "gg-panel-type", plural(sentences.size, "evidence sentence") + " in " +
                                                  plural((facts || []).length, "fact") + "."));
    (facts || []).forEach(function (f) { panel.appendChild(factSection(f)); });
    panel.scrollTop = 0;
  }
  function tipValue(rows, key) {
    for (var i = 0; i < (rows || []).length; i++) if (rows[i][0] === key) return rows[i][1];
    return "";
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    var aliases = tipValue(n.gg_tip, "Also known as");
    showPanel(n.label.replace(/\n/g, " "), tipValue(n.gg_tip, "Type") || n.gg_type,
              aliases && aliases !== "\u2014" ? "Also known as: " + aliases : "", n.gg_facts);
    api.shown = id;
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    showPanel(e.gg_tip && e.gg_tip[0] ? e.gg_tip[0][1] : e.gg_rel, tipValue(e.gg_tip, "Relation") || e.gg_rel,
              "", e.gg_facts);
    api.shown = id;
  }
  function showFact(index, title, subtitle) {
    showPanel(title || "Event", subtitle || "", "", [index]);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  api.showNode = showNode;
  api.showEdge = showEdge;

  // ---- search -----------------------------------------------------------------------------------------
  var input = document.getElementById("gg-search-input");
  var status = document.getElementById("gg-search-status");
  var names = document.getElementById("gg-names");
  var seen = new Set();
  nodeById.forEach(function (n) {
    var name = (n.gg_search || [])[0];
    if (name && !seen.has(name) && seen.size < 5000) {
      seen.add(name);
      var option = el("option");
      option.value = name;
      names.appendChild(option);
    }
  });
  var allNodes = Array.from(nodeById.values());
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (n) { return (n.gg_search || [])[0] && n.gg_search[0].toLowerCase() === q; },
      function (n) { return (n.gg_search || []).some(function (s) { return s.toLowerCase() === q; }); },
      function (n) { return (n.gg_search || [])[0] && n.gg_search[0].toLowerCase().indexOf(q) === 0; },
      function (n) { return (n.gg_search || []).some(function (s) { return s.toLowerCase().indexOf(q) >= 0; }); }
    ];
    for (var t = 0; t < tests.length; t++) {
      var hits = allNodes.filter(tests[t]);
      if (hits.length) {
        var shown = hits.filter(function (n) { return nodeShown(n.id); });
        return (shown.length ? shown : hits)[0];
      }
    }
    return null;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: false});
    showNode(id);
  }
  document.getElementById("gg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var hit = find(input.value);
    if (!hit) {
      status.textContent = "No match.";
      return;
    }
    if (!nodeShown(hit.id)) {
      status.textContent = "Hidden by a filter.";
      showNode(hit.id);
      return;
    }
    status.textContent = "";
    focusNode(hit.id);
  });
  api.find = find;
  api.focusNode = focusNode;

  // ---- timeline: lanes, date gridlines and the undated events -----------------------------------------
  if (data.view === "timeline" && data.lanes) {
    network.on("beforeDrawing", function (ctx) {
      var x0 = data.span[0], x1 = data.span[1];
      data.lanes.forEach(function (lane, i) {  // [top, height]
        ctx.fillStyle = i % 2 ? "#ffffff" : "#f1f4f8";
        ctx.fillRect(x0, lane[0], x1 - x0, lane[1]);
      });
      var top = data.lanes.length ? data.lanes[0][0] : 0;
      var last = data.lanes.length ? data.lanes[data.lanes.length - 1] : [0, 0];
      var bottom = last[0] + last[1];
      ctx.strokeStyle = "#c8cfd8";
      ctx.lineWidth = 1;
      ctx.fillStyle = "#4a5663";
      ctx.font = "15px DejaVu Sans, sans-serif";
      data.ticks.forEach(function (tick) {  // [x, label]
        ctx.beginPath();
        ctx.moveTo(tick[0], top - 26);
        ctx.lineTo(tick[0], bottom);
        ctx.stroke();
        ctx.fillText(tick[1], tick[0] + 4, top - 12);
      });
    });
    var list = document.getElementById("gg-undated-list");
    document.getElementById("gg-undated-count").textContent = "(" + data.undated.length + ")";
    data.undated.forEach(function (item) {  // [text, fact index, articles]
      var li = el("li");
      var button = el("button", null, item[0] + (item[2] ? " (" + item[2] + ")" : ""));
      button.type = "button";
      button.addEventListener("click", function () {
        showFact(item[1], item[0].split(" \u2014 ")[0], "Undated event" + (item[2] ? ", " + item[2] : ""));
      });
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  // ---- ready: after stabilising (physics then off) or the first drawing ---------------------------------
  function markReady() {
    timings.ready = performance.now();
    api.ready = true;
    document.body.dataset.ready = "true";
    if (data.focus && nodeById.has(data.focus)) {
      network.selectNodes([data.focus]);
      showNode(data.focus);
    }
  }
  function fitWithMargin() {
    // vis fits the shapes; labels hang below them: leave a margin so none is cut at the edge
    network.fit({animation: false});
    network.moveTo({scale: network.getScale() * 0.92, animation: false});
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      fitWithMargin();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    fitWithMargin();  // positions are known: fit before the first drawing, which then is the only one
    network.once("afterDrawing", markReady);
  }
})();
