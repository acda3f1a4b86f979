/* guildgraph view: legend and filters, levels and communities of large views, the period, tooltips, evidence
   panel, search, timeline lanes. Article text is data: it only ever reaches the page through textContent /
   createTextNode (and canvas text). */
(function () {
  "use strict";

  var timings = {start: performance.now()};
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  timings.parsed = performance.now();
  var GLYPHS = {dot: "\u25CF", square: "\u25A0", diamond: "\u25C6", triangle: "\u25B2", triangleDown: "\u25BC",
                star: "\u2605", hexagon: "\u2B22", ellipse: "\u2B2C"};
  var EDGE_LABELS_UP_TO = 20;  // edges are labelled when at most this many are shown (else on hover)

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function listing(parts) {
    return parts.length < 2 ? parts.join("") : parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
  }

  // vis items carry what vis draws (and gg_type / gg_rel for the filters); tooltips, facts, search names, boxes,
  // ranks and dates are in data.nodeInfo / data.edgeInfo by id
  var scale = data.scale || null;  // a large view: levels of the most central nodes, communities, isolated rows
  var linked = new Set();
  data.edges.forEach(function (e) { if (e.from !== e.to) { linked.add(e.from); linked.add(e.to); } });
  var defaultFont = (data.options.nodes && data.options.nodes.font && data.options.nodes.font.size) || 14;
  var nodeById = new Map();
  data.nodes.forEach(function (n) {
    var info = data.nodeInfo[n.id] || {};
    nodeById.set(n.id, {id: n.id, label: n.label, gg_type: n.gg_type, gg_tip: info.tip || [],
                        gg_facts: info.facts || [], gg_search: info.search || [], box: info.box || null,
                        rank: info.rank, comm: info.comm, isoPos: info.iso || null, when: info.when || null,
                        font: n.font && n.font.size ? n.font.size : defaultFont,
                        iso: info.rank === undefined && !linked.has(n.id)});
  });
  var edgeById = new Map();
  data.edges.forEach(function (e) {
    var info = data.edgeInfo[e.id] || {};
    edgeById.set(e.id, {id: e.id, from: e.from, to: e.to, gg_rel: e.gg_rel, gg_tip: info.tip || [],
                        gg_facts: info.facts || [], label: info.label || null, when: info.when || null});
  });

  // ---- what is shown: types, relations, the level (large views), nodes without relations, the period --------
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  // period: [first, last] month index; null: all dates
  var state = {level: 0, isolated: !scale || !!scale.showIsolated, period: null};
  var shownNodes = new Set(), shownEdges = new Set();
  function levelSize() { return scale ? scale.levels[state.level].n : Infinity; }
  function inPeriod(when) {
    if (!state.period) return true;
    if (!when) return false;
    for (var i = 0; i < when.length; i++) if (when[i] >= state.period[0] && when[i] <= state.period[1]) return true;
    return false;
  }
  // a node is a candidate if its type is shown and it is within the level (a node without relations: if those
  // are shown); an edge shows if its relation does, both ends are candidates and it is dated in the period; with
  // a period chosen, a node shows only with one of its relations (a node without any: with evidence in it)
  function compute() {
    var limit = levelSize();
    var candidates = new Set();
    nodeById.forEach(function (n) {
      if (hiddenTypes.has(n.gg_type)) return;
      if (n.iso ? state.isolated : (n.rank === undefined || n.rank < limit)) candidates.add(n.id);
    });
    var edgesNow = new Set(), touched = new Set();
    edgeById.forEach(function (e) {
      if (hiddenRelations.has(e.gg_rel) || !candidates.has(e.from) || !candidates.has(e.to) || !inPeriod(e.when)) return;
      edgesNow.add(e.id);
      touched.add(e.from);
      touched.add(e.to);
    });
    var nodesNow = new Set();
    candidates.forEach(function (id) {
      var n = nodeById.get(id);
      if (!state.period || (n.iso ? inPeriod(n.when) : touched.has(id))) nodesNow.add(id);
    });
    shownNodes = nodesNow;
    shownEdges = edgesNow;
  }
  function nodeShown(id) { return shownNodes.has(id); }
  compute();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, {filter: function (n) { return shownNodes.has(n.id); }});
  var edgesView = new vis.DataView(edges, {filter: function (e) { return shownEdges.has(e.id); }});

  var container = document.getElementById("gg-network");
  timings.datasets = performance.now();
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, data.options);
  timings.network = performance.now();
  var api = {network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
             data: data, ready: false, hiddenTypes: hiddenTypes, hiddenRelations: hiddenRelations,
             timings: timings, nodeInfo: nodeById, edgeInfo: edgeById, state: state};
  window.network = network;
  window.guildgraph = api;

  // ---- fitting: every shown node and its label inside the canvas, below the toolbar ---------------------------
  var toolbar = document.getElementById("gg-toolbar");
  function boxOf(id, p) {
    var n = nodeById.get(id);
    if (n && n.box) return [p.x + n.box[0], p.y + n.box[1], p.x + n.box[2], p.y + n.box[3]];
    var b = network.getBoundingBox(id);
    return b ? [b.left, b.top, b.right, b.bottom] : [p.x, p.y, p.x, p.y];
  }
  function fitView() {
    var ids = nodesView.getIds();
    if (!ids.length) return;
    var pos = network.getPositions(ids);
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var b = boxOf(id, pos[id]);
      x0 = Math.min(x0, b[0]); y0 = Math.min(y0, b[1]); x1 = Math.max(x1, b[2]); y1 = Math.max(y1, b[3]);
    });
    var top = toolbar.offsetTop + toolbar.offsetHeight + 6;
    var w = container.clientWidth - 20, h = container.clientHeight - top - 10;
    var s = Math.min(w / Math.max(x1 - x0, 1), h / Math.max(y1 - y0, 1), 1);
    // the middle of the free area (below the toolbar) shows the middle of the boxes
    network.moveTo({position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2 - (top - 10) / 2 / s}, scale: s,
                    animation: false});
    api.fitted = {scale: s, box: [x0, y0, x1, y1]};
    labelEdges();
  }
  document.getElementById("gg-fit").addEventListener("click", function () { fitView(); });
  api.fit = fitView;

  // ---- edge labels of a large view: on hover, or all when few are shown; a font that reads at this zoom ------
  var labelled = new Set();
  function edgeFont() { return {size: Math.round(12 / Math.max(network.getScale(), 0.05))}; }
  function setEdgeLabels(ids) {
    var want = new Set(ids), updates = [];
    labelled.forEach(function (id) { if (!want.has(id)) updates.push({id: id, label: " ", font: {size: 1}}); });
    want.forEach(function (id) {
      var e = edgeById.get(id);
      if (e && e.label) updates.push({id: id, label: e.label, font: edgeFont()});
    });
    labelled = want;
    if (updates.length) edges.update(updates);
  }
  function labelEdges() {
    if (data.view === "timeline") return;
    setEdgeLabels(shownEdges.size <= EDGE_LABELS_UP_TO ? Array.from(shownEdges) : []);
  }

  // ---- legend and filters ---------------------------------------------------------------------------
  function updateCounts() {
    document.getElementById("gg-counts").textContent =
      "Showing " + nodesView.length + " of " + plural(nodes.length, "node") + ", " +
      edgesView.length + " of " + plural(edges.length, "edge") + ".";
  }
  var afterRefresh = [];
  function refresh(fit) {
    compute();
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
    hideTip();
    afterRefresh.forEach(function (f) { f(); });
    if (fit === false) labelEdges(); else fitView();
  }
  api.refresh = refresh;
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

  // ---- large views: levels ("show more"), nodes without relations, communities ------------------------------
  function placeLevel(k) {
    var level = scale.levels[k], updates = [];
    for (var i = 0; i < level.n; i++) {
      updates.push({id: scale.order[i], x: level.xy[2 * i], y: level.xy[2 * i + 1]});
    }
    nodeById.forEach(function (n) {  // the rows of nodes without relations sit below this level's network
      if (n.isoPos) updates.push({id: n.id, x: level.box[0] + n.isoPos[0],
                                  y: level.box[3] + scale.isolatedGap + n.isoPos[1]});
    });
    nodes.update(updates);
  }
  function setLevel(k) {
    if (!scale) return;
    k = Math.max(0, Math.min(scale.levels.length - 1, k));
    if (k !== state.level) {
      state.level = k;
      placeLevel(k);
    }
    refresh();
  }
  function setIsolated(on) {
    state.isolated = !!on;
    refresh();
  }
  api.setLevel = setLevel;
  api.setIsolated = setIsolated;
  var halos = [];
  if (scale) {
    var levelBox = document.getElementById("gg-level");
    var more = document.getElementById("gg-more"), fewer = document.getElementById("gg-fewer");
    var isoBox = document.getElementById("gg-isolated");
    var isoCount = scale.isolated.reduce(function (sum, t) { return sum + t[2]; }, 0);
    levelBox.hidden = scale.levels.length < 2;
    isoBox.hidden = !isoCount;
    more.addEventListener("click", function () { setLevel(state.level + 1); });
    fewer.addEventListener("click", function () { setLevel(state.level - 1); });
    document.getElementById("gg-isolated-toggle").addEventListener("click", function () {
      setIsolated(!state.isolated);
    });
    afterRefresh.push(function () {
      var total = scale.order.length, n = scale.levels[state.level].n;
      document.getElementById("gg-level-text").textContent = n < total
        ? "The " + n + " most central of " + total + " nodes with relations."
        : "All " + plural(total, "node") + " with relations.";
      more.disabled = state.level >= scale.levels.length - 1;
      fewer.disabled = state.level === 0;
      more.textContent = more.disabled ? "Show more" : "Show more (" + scale.levels[state.level + 1].n + ")";
      document.getElementById("gg-isolated-text").textContent =
        listing(scale.isolated.map(function (t) { return t[2] + " " + (t[2] === 1 ? t[0] : t[1]); })) +
        " without relations " + (state.isolated ? "shown" : "hidden") + " \u2014 ";
      document.getElementById("gg-isolated-toggle").textContent = state.isolated ? "hide" : "show";
      computeHalos();
    });
    // communities: a light box behind the shown members of each; the sidebar lists those shown (click: fit to it)
    var commList = document.getElementById("gg-communities");
    var showCommunities = function (groups) {
      clear(commList);
      var shown = Array.from(groups.keys()).filter(function (c) { return groups.get(c)[4] > 1; });
      shown.sort(function (a, b) { return groups.get(b)[4] - groups.get(a)[4] || a - b; });
      document.getElementById("gg-communities-box").hidden = shown.length < 2;
      shown.slice(0, 12).forEach(function (c) {  // [named after its member with most relations, colour, size]
        var info = scale.communities[c], li = el("li");
        var swatch = el("span", "gg-swatch-area");
        swatch.style.backgroundColor = info[1];
        li.appendChild(swatch);
        li.appendChild(el("span", "gg-filter-name", info[0]));
        li.appendChild(el("span", "gg-count", groups.get(c)[4] + (groups.get(c)[4] < info[2] ? "/" + info[2] : "")));
        li.title = "Fit the view to this community";
        li.addEventListener("click", function () {
          var ids = nodesView.getIds().filter(function (id) { return nodeById.get(id).comm === c; });
          if (ids.length) network.fit({nodes: ids, animation: false});
        });
        commList.appendChild(li);
      });
    };
    var computeHalos = function () {  // the box around each community's shown members (the layout keeps them apart)
      var groups = new Map();
      var pos = network.getPositions(nodesView.getIds());
      Object.keys(pos).forEach(function (id) {
        var n = nodeById.get(id), b = boxOf(id, pos[id]);
        if (n.comm === undefined) return;
        var g = groups.get(n.comm);
        if (!g) groups.set(n.comm, [b[0], b[1], b[2], b[3], 1]);
        else {
          g[0] = Math.min(g[0], b[0]); g[1] = Math.min(g[1], b[1]);
          g[2] = Math.max(g[2], b[2]); g[3] = Math.max(g[3], b[3]); g[4] += 1;
        }
      });
      halos = [];
      groups.forEach(function (g, c) { if (g[4] > 1) halos.push([g[0], g[1], g[2], g[3], scale.communities[c][1]]); });
      showCommunities(groups);
    };
    network.on("beforeDrawing", function (ctx) {
      var pad = 8;
      halos.forEach(function (h) {
        var x = h[0] - pad, y = h[1] - pad, w = h[2] - h[0] + 2 * pad, hh = h[3] - h[1] + 2 * pad;
        var r = Math.min(24, w / 4, hh / 4);
        ctx.beginPath();
        ctx.moveTo(x + r, y);
        ctx.arcTo(x + w, y, x + w, y + hh, r);
        ctx.arcTo(x + w, y + hh, x, y + hh, r);
        ctx.arcTo(x, y + hh, x, y, r);
        ctx.arcTo(x, y, x + w, y, r);
        ctx.closePath();
        ctx.globalAlpha = 0.08;
        ctx.fillStyle = h[4];
        ctx.fill();
        ctx.globalAlpha = 0.4;
        ctx.strokeStyle = h[4];
        ctx.lineWidth = 1.5 / network.getScale();
        ctx.stroke();
        ctx.globalAlpha = 1;
      });
    });
    network.on("dragEnd", function () { computeHalos(); });
  }

  // ---- the period: relations (and events) dated by their evidence articles ---------------------------------
  var months = data.months || [];
  if (months.length > 1) {
    var from = document.getElementById("gg-from"), to = document.getElementById("gg-to");
    var periodText = document.getElementById("gg-period-text");
    document.getElementById("gg-period").hidden = false;
    from.max = to.max = String(months.length - 1);
    to.value = String(months.length - 1);
    var showPeriod = function () {
      var a = Number(from.value), b = Number(to.value);
      periodText.textContent = state.period ? months[a] + " to " + months[b]
                                            : "All dates (" + months[0] + " to " + months[months.length - 1] + ")";
    };
    var setPeriod = function (a, b) {
      if (a === null) {
        state.period = null;
        from.value = "0";
        to.value = String(months.length - 1);
      } else {
        a = Math.max(0, Math.min(months.length - 1, a));
        b = Math.max(a, Math.min(months.length - 1, b));
        from.value = String(a);
        to.value = String(b);
        state.period = a === 0 && b === months.length - 1 ? null : [a, b];
      }
      showPeriod();
      refresh();
    };
    from.addEventListener("input", function () { setPeriod(Number(from.value), Math.max(Number(from.value), Number(to.value))); });
    to.addEventListener("input", function () { setPeriod(Math.min(Number(from.value), Number(to.value)), Number(to.value)); });
    document.getElementById("gg-period-all").addEventListener("click", function () { setPeriod(null); });
    api.setPeriod = setPeriod;
    showPeriod();
  }
  api.months = months;

  // ---- tooltip: shown over a node or an edge, gone as soon as the pointer is on neither ----------------------
  var tip = document.getElementById("gg-tooltip");
  var wrap = document.getElementById("gg-canvas-wrap");
  var hoveredEdge = null;
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
    placeTip(pointer);
  }
  function placeTip(pointer) {
    var x = pointer.x + 14, y = pointer.y + 14;
    var maxX = wrap.clientWidth - tip.offsetWidth - 6, maxY = wrap.clientHeight - tip.offsetHeight - 6;
    tip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    tip.style.top = Math.max(4, Math.min(y, maxY)) + "px";
  }
  function hideTip() {
    tip.hidden = true;
    hovered = null;
    if (hoveredEdge !== null) {
      var id = hoveredEdge;
      hoveredEdge = null;
      if (!labelled.has(id) && edges.get(id)) edges.update({id: id, label: " ", font: {size: 1}});
    }
  }
  // our own hover: whatever is under the pointer as it moves (vis's hover events miss a pointer that left the
  // canvas and came back, or a node a filter removed from under it)
  var hovered = null;
  function hoverAt(p) {
    var node = network.getNodeAt(p), edge = node === undefined ? network.getEdgeAt(p) : undefined;
    var id = node !== undefined && shownNodes.has(node) ? "n:" + node
           : edge !== undefined && shownEdges.has(edge) ? "e:" + edge : null;
    if (id === null) { hideTip(); return; }
    if (id !== hovered) {
      hideTip();
      hovered = id;
      if (node !== undefined) showTip(nodeById.get(node).gg_tip, p);
      else {
        var e = edgeById.get(edge);
        showTip(e.gg_tip, p);
        if (e.label && !labelled.has(e.id)) {
          hoveredEdge = e.id;
          edges.update({id: e.id, label: e.label, font: edgeFont()});
        }
      }
    } else {
      placeTip(p);
    }
  }
  ["dragStart", "dragging", "zoom", "click"].forEach(function (name) { network.on(name, hideTip); });
  wrap.addEventListener("mouseleave", hideTip);
  container.addEventListener("mousemove", function (event) {
    if (event.buttons) return;  // dragging
    var r = container.getBoundingClientRect();
    hoverAt({x: event.clientX - r.left, y: event.clientY - r.top});
  });

  // ---- evidence panel: the fact, its sentences (the actors' names marked), each article's title, outlet, date --
  var panel = document.getElementById("gg-panel-body");
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function namePattern(fact) {
    var names = [];
    (fact[2] || []).forEach(function (i) {
      (data.names[i] || []).forEach(function (name) { if (name.trim().length > 1) names.push(name); });
    });
    if (!names.length) return null;
    names.sort(function (a, b) { return b.length - a.length; });
    return new RegExp("(?<![\\p{L}\\p{N}])(?:" + names.map(escapeRegExp).join("|") + ")(?![\\p{L}\\p{N}])", "giu");
  }
  function marked(sentence, pattern) {
    var span = el("span", "gg-sentence");
    if (!pattern) {
      span.textContent = sentence;
      return span;
    }
    var last = 0, m;
    pattern.lastIndex = 0;
    while ((m = pattern.exec(sentence)) !== null) {
      if (m.index > last) span.appendChild(document.createTextNode(sentence.slice(last, m.index)));
      span.appendChild(el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
    if (last < sentence.length) span.appendChild(document.createTextNode(sentence.slice(last)));
    return span;
  }
  function source(doc) {  // [title, date, outlet, identifier, untitled (the title is the first sentence)]
    var line = el("span", "gg-source");
    line.appendChild(document.createTextNode("\u2014 "));
    line.appendChild(el("span", doc[4] ? "gg-source-title gg-opening" : "gg-source-title",
                        doc[4] ? "\u201C" + doc[0] + "\u201D" : doc[0]));
    var rest = [];
    if (doc[2]) rest.push(doc[2]);
    rest.push(doc[1] || "undated");
    line.appendChild(document.createTextNode(", " + rest.join(", ")));
    if (doc[3]) line.title = doc[3];
    return line;
  }
  function factSection(index) {
    var fact = data.facts[index];  // [text, [evidence index...], [name index...]]
    var section = el("section", "gg-fact");
    section.appendChild(el("h4", null, fact[0]));
    if (!fact[1].length) {
      section.appendChild(el("p", "gg-none", "No evidence sentence (reference data or inferred)."));
      return section;
    }
    var pattern = namePattern(fact);
    var list = el("ul");
    fact[1].forEach(function (i) {
      var ev = data.evidence[i];  // [sentence, doc index, inferred (1: the fact is inferred from it)]
      var item = el("li");
      if (ev[2]) item.appendChild(el("span", "gg-inferred", "inferred from context: "));
      item.appendChild(marked(ev[0], pattern));
      item.appendChild(source(data.docs[ev[1]]));
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

  // ---- search: a hit the level or the hidden nodes without relations keep out is brought in ----------------
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
  function reveal(n) {
    // brings in a node the level or the hidden rows keep out; false if a filter the reader chose hides it
    if (nodeShown(n.id)) return true;
    if (hiddenTypes.has(n.gg_type)) return false;
    if (scale && n.rank !== undefined && n.rank >= levelSize()) {
      var k = state.level;
      while (scale.levels[k].n <= n.rank) k++;
      setLevel(k);
    } else if (n.iso && !state.isolated) {
      setIsolated(true);
    }
    return nodeShown(n.id);
  }
  function focusNode(id) {
    var n = nodeById.get(id);
    network.selectNodes([id]);
    // close enough that its label reads at 16 px, never further out than now
    var s = Math.max(network.getScale(), Math.min(16 / (n ? n.font : defaultFont), 2.5));
    network.focus(id, {scale: s, animation: false});
    labelEdges();
    showNode(id);
  }
  document.getElementById("gg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var hit = find(input.value);
    if (!hit) {
      status.textContent = "No match.";
      return;
    }
    if (!reveal(hit)) {
      status.textContent = hiddenTypes.has(hit.gg_type) ? "Hidden by a filter." : "Not in the chosen period.";
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
  afterRefresh.forEach(function (f) { f(); });
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      fitWithMargin();
      network.once("afterDrawing", function () {  // labels are measured now: fit them in, below the toolbar
        fitView();
        network.once("afterDrawing", markReady);
        network.redraw();
      });
      network.redraw();
    });
  } else if (scale) {
    fitView();  // positions and boxes are known: fit before the first drawing, which then is the only one
    network.once("afterDrawing", markReady);
  } else {
    fitWithMargin();
    network.once("afterDrawing", markReady);
  }
})();
