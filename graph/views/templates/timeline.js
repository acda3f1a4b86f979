/* guildgraph timeline: vis-timeline with one lane per actor (nested by actor class), strikes as ranges, event-type
   filters, zoom, tooltips and the evidence panel; undated events listed below.
   Article text is data: it only ever reaches the page through textContent (item templates return elements). */
(function () {
  "use strict";

  var timings = {start: performance.now()};
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  timings.parsed = performance.now();
  var DAY = 86400000;
  var PAGE = 150;  // undated events listed at a time

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function sentenceCount(fact) { return data.facts[fact][1].length; }

  var types = data.eventTypes;  // [type, label, fill, border, dated, undated]
  var api = {data: data, ready: false, timings: timings, hiddenTypes: new Set()};
  window.guildgraph = api;

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
      var ev = data.evidence[i];  // [sentence, doc index, inferred]
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
  function showEvent(label, subtitle, fact) {
    clear(panel);
    panel.appendChild(el("h3", null, label));
    panel.appendChild(el("div", "gg-panel-type", subtitle));
    panel.appendChild(el("div", "gg-panel-type", plural(sentenceCount(fact), "evidence sentence") + "."));
    panel.appendChild(factSection(fact));
    panel.scrollTop = 0;
    var box = panel.parentNode.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight - 80) {
      panel.parentNode.scrollIntoView({block: "nearest"});
    }
  }
  function itemDates(it) {  // [type, lane, start, end, label, fact, open]
    if (it[6]) return "from " + it[2] + "; no end date in the articles" +
                      (it[3] ? ", drawn to its last report (" + dayBefore(it[3]) + ")" : "");
    return it[3] ? it[2] + " to " + dayBefore(it[3]) : it[2];
  }
  function dayBefore(iso) { return new Date(Date.parse(iso) - DAY).toISOString().slice(0, 10); }
  function showItem(index) {
    var it = data.items[index];
    showEvent(itemLabel(it), types[it[0]][1] + ", " + itemDates(it) + " \u00b7 " + data.lanes[it[1]][0] + "\u2019s lane",
              it[5]);
    api.shown = index;
  }
  function itemLabel(it) { return it[4] + (it[6] ? " (no end date)" : ""); }
  api.showItem = showItem;

  // ---- lanes (groups nested by actor class) and items -------------------------------------------------
  var groups = new vis.DataSet();
  data.laneTypes.forEach(function (t, i) {  // [type, label, [lane...]]
    groups.add({id: "t" + i, gg_label: t[1] + " (" + t[2].length + ")", order: i * 1000000, showNested: true,
                nestedGroups: t[2].map(function (l) { return "l" + l; }), className: "gg-lane-type"});
    t[2].forEach(function (l, j) {
      var lane = data.lanes[l];  // [label, type, names]
      groups.add({id: "l" + l, gg_label: lane[0], gg_names: lane[2], order: i * 1000000 + j + 1, treeLevel: 2,
                  className: "gg-lane"});
    });
  });
  var items = new vis.DataSet(data.items.map(function (it, i) {
    var t = types[it[0]];
    var item = {id: i, group: "l" + it[1], start: it[2], type: it[3] ? "range" : "box", gg_type: t[0],
                className: "gg-ev-" + t[0] + (it[6] ? " gg-open" : ""), gg_label: itemLabel(it),
                style: "background-color:" + t[2] + ";border-color:" + t[3] + ";",
                gg_from: Date.parse(it[2]), gg_to: it[3] ? Date.parse(it[3]) : Date.parse(it[2]) + DAY};
    if (it[3]) item.end = it[3];
    return item;
  }));
  var all = items.get();  // in date order, as the page data lists them
  timings.datasets = performance.now();

  // ---- what is drawn: the events in and around the window one by one, or, when more than LIMIT of them,
  // their counts per lane and period (year, quarter, month ...): "periods", that zoom in when clicked. vis
  // draws (and measures) every item it holds in the window, and its own clustering compares items pairwise:
  // at 10,000 articles either takes a minute per zoom; this takes milliseconds.
  var LIMIT = 600;
  var UNITS = [["day", DAY], ["week", 7 * DAY], ["month", 30.44 * DAY], ["quarter", 91.3 * DAY],
               ["year", 365.25 * DAY], ["5 years", 1826 * DAY], ["25 years", 9131 * DAY]];
  function period(time, unit) {  // [start, end, name] of the calendar period of `unit` holding `time`
    var d = new Date(time), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (unit === "day") return [Math.floor(time / DAY) * DAY, Math.floor(time / DAY) * DAY + DAY,
                                d.toISOString().slice(0, 10)];
    if (unit === "week") {
      var monday = Math.floor((time / DAY + 3) / 7) * 7 * DAY - 3 * DAY;
      return [monday, monday + 7 * DAY, "week of " + new Date(monday).toISOString().slice(0, 10)];
    }
    if (unit === "month") return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1), d.toISOString().slice(0, 7)];
    if (unit === "quarter") return [Date.UTC(y, m - m % 3, 1), Date.UTC(y, m - m % 3 + 3, 1),
                                    "Q" + (1 + (m - m % 3) / 3) + " " + y];
    var years = unit === "year" ? 1 : unit === "5 years" ? 5 : 25, y0 = y - ((y % years) + years) % years;
    return [Date.UTC(y0, 0, 1), Date.UTC(y0 + years, 0, 1), years === 1 ? String(y0) : y0 + "–" + (y0 + years - 1)];
  }
  var shown = new vis.DataSet();
  function drawn(start, end) {  // the items to draw for the window [start, end]
    var margin = (end - start) / 2, from = start - margin, to = end + margin;
    var near = all.filter(function (it) {
      return it.gg_from <= to && it.gg_to >= from && !api.hiddenTypes.has(it.gg_type);
    });
    if (near.length <= LIMIT) return near;
    var unit = UNITS.find(function (u) { return (end - start) / u[1] <= 40; }) || UNITS[UNITS.length - 1];
    var buckets = new Map();
    near.forEach(function (it) {
      var p = period(it.gg_from, unit[0]), key = it.group + "|" + p[0];
      if (!buckets.has(key)) buckets.set(key, {period: p, group: it.group, items: []});
      buckets.get(key).items.push(it);
    });
    var out = [], most = 1;
    buckets.forEach(function (b) { most = Math.max(most, b.items.length); });
    buckets.forEach(function (b) {
      var kinds = types.map(function (t) {
        var n = b.items.filter(function (it) { return it.gg_type === t[0]; }).length;
        return n ? n + " \u00d7 " + t[1].toLowerCase() : "";
      }).filter(Boolean).join(", ");
      out.push({id: "p" + b.group + ":" + b.period[0] + ":" + unit[0] + ":" + b.items.length, group: b.group,
                start: new Date(b.period[0]), end: new Date(b.period[1] - (b.period[1] - b.period[0]) * 0.2),
                type: "range", className: "gg-period", gg_period: b.period[2], gg_count: b.items.length,
                gg_span: [b.period[0], b.period[1]],
                gg_kinds: kinds, gg_label: String(b.items.length),  // darker for more
                style: "background-color:hsl(212,40%," + Math.round(96 - 26 * b.items.length / most) + "%);"});
    });
    return out;
  }
  function redrawItems(start, end) {
    var next = drawn(start, end), keep = new Set(next.map(function (it) { return it.id; }));
    shown.remove(shown.getIds().filter(function (id) { return !keep.has(id); }));
    shown.add(next.filter(function (it) { return !shown.get(it.id); }));
  }

  var container = document.getElementById("gg-timeline");
  var top = container.getBoundingClientRect().top + window.scrollY;
  var height = Math.max(320, Math.min(window.innerHeight - top - 12, 240 + 44 * data.lanes.length));
  var options = {
    height: height + "px", verticalScroll: true, preferZoom: true, zoomKey: "", horizontalScroll: false,
    orientation: {axis: "both", item: "top"}, stack: true, showCurrentTime: false, selectable: true,
    multiselect: false, editable: false, groupHeightMode: "auto", groupOrder: "order", locale: "en",
    margin: {item: {horizontal: 2, vertical: 6}, axis: 6}, zoomMin: 2 * DAY, tooltip: {followMouse: false},
    onInitialDrawComplete: function () {  // the window fitted to the panel as drawn
      timings.drawn = performance.now();
      fitAll(false);
      settle(redraws);
    },
    template: function (item) { return el("span", "gg-item-label", item.gg_label); },
    groupTemplate: function (group) {
      var span = el("span", "gg-lane-label", group ? group.gg_label : "");
      if (group && group.gg_names && group.gg_names.length) span.title = group.gg_names.join(" \u00b7 ");
      return span;
    }
  };
  if (data.window) {
    var first = Date.parse(data.window[0]), last = Date.parse(data.window[1]) + DAY;
    var slack = 366 * DAY + (last - first) * 0.6;  // room for the labels at either end, and a year
    options.min = new Date(first - slack);
    options.max = new Date(last + slack);
    options.zoomMax = last - first + 2 * slack;
    var guess = fitted(container.clientWidth * 0.8);  // the first window, before vis has drawn its panels
    options.start = new Date(guess[0]);
    options.end = new Date(guess[1]);
    redrawItems(guess[0], guess[1]);
  }
  var timeline = new vis.Timeline(container, shown, groups, options);
  timings.timeline = performance.now();
  api.timeline = timeline;
  api.items = items;
  api.shown = shown;
  api.groups = groups;
  if (!data.items.length) {
    var empty = document.getElementById("gg-empty");
    empty.textContent = data.undated.length ? "No dated events: the undated ones are listed below."
                                            : "No events yet (run guildgraph build).";
    empty.hidden = false;
  }

  // every dated event in the window, with room for the labels: a box is centred on its day, a range's label
  // starts at its start and may run past its end (vis's own fit leaves labels cut at the edges)
  function fitted(width) {
    var periods = data.items.length > LIMIT;  // counts fit in their periods; labels run past their day
    var left = periods ? 16 : 100, right = periods ? 16 : 170, scale = Math.min(1, 0.4 * width / (left + right));
    left *= scale;
    right *= scale;
    var first = Date.parse(data.window[0]), last = Date.parse(data.window[1]) + DAY;
    var span = Math.max(last - first, 7 * DAY) / (1 - (left + right) / Math.max(width, 1));
    return [first - left * span / width, last + right * span / width];
  }
  function fitAll(animate) {
    if (!data.window) return;
    var center = container.querySelector(".vis-panel.vis-center");
    var w = fitted(center ? center.clientWidth : container.clientWidth * 0.8);
    timeline.setWindow(w[0], w[1], {animation: animate});
  }
  api.fitAll = fitAll;

  timeline.on("select", function (props) {
    var id = props.items[0];
    if (id === undefined) return;
    if (data.items[id]) return showItem(id);
    var p = shown.get(id);  // a period: zoom in on it
    timeline.setSelection([]);
    if (p) timeline.setWindow(p.gg_span[0], p.gg_span[1]);
  });
  timeline.on("rangechanged", function (props) { redrawItems(props.start.getTime(), props.end.getTime()); });

  // ---- tooltip ----------------------------------------------------------------------------------------
  var tip = document.getElementById("gg-tooltip");
  function showTip(rows, event) {
    clear(tip);
    rows.forEach(function (row, i) { tip.appendChild(el("div", i ? null : "gg-tip-title", row)); });
    tip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    tip.style.left = Math.max(4, Math.min(x, window.innerWidth - tip.offsetWidth - 6)) + "px";
    tip.style.top = Math.max(4, Math.min(y, window.innerHeight - tip.offsetHeight - 6)) + "px";
  }
  timeline.on("itemover", function (props) {
    var it = data.items[props.item], p = shown.get(props.item);
    if (!props.event) return;
    if (!it && p) return showTip([plural(p.gg_count, "event") + ", " + p.gg_period,
                                  data.lanes[Number(p.group.slice(1))][0] + "\u2019s lane: " + p.gg_kinds,
                                  "Click to zoom in."], props.event);
    if (!it) return;
    showTip([itemLabel(it), types[it[0]][1] + ", " + itemDates(it), data.facts[it[5]][0],
             plural(sentenceCount(it[5]), "evidence sentence") + ": click to read"], props.event);
  });
  timeline.on("itemout", function () { tip.hidden = true; });
  timeline.on("rangechange", function () { tip.hidden = true; });

  // ---- zoom, and the window shown -----------------------------------------------------------------------
  var windowStatus = document.getElementById("gg-window");
  function showWindow() {
    var w = timeline.getWindow();
    windowStatus.textContent = w.start.toISOString().slice(0, 10) + " \u2013 " + w.end.toISOString().slice(0, 10);
  }
  timeline.on("rangechanged", showWindow);
  document.getElementById("gg-zoom-in").addEventListener("click", function () { timeline.zoomIn(0.5); });
  document.getElementById("gg-zoom-out").addEventListener("click", function () { timeline.zoomOut(0.5); });
  document.getElementById("gg-fit").addEventListener("click", function () { fitAll(true); });

  // ---- event-type filters -------------------------------------------------------------------------------
  var typeBar = document.getElementById("gg-tl-types");
  types.forEach(function (t) {
    if (!t[4] && !t[5]) return;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t[0];
    box.addEventListener("change", function () {
      if (box.checked) api.hiddenTypes.delete(t[0]); else api.hiddenTypes.add(t[0]);
      var w = timeline.getWindow();
      redrawItems(w.start.getTime(), w.end.getTime());
    });
    var swatch = el("span", "gg-swatch-box");
    swatch.style.backgroundColor = t[2];
    swatch.style.borderColor = t[3];
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "gg-filter-name", t[1]));
    label.appendChild(el("span", "gg-count", t[4] + (t[5] ? " + " + t[5] + " undated" : "")));
    typeBar.appendChild(label);
  });

  // ---- undated events, listed a page at a time ------------------------------------------------------------
  var list = document.getElementById("gg-undated-list");
  var more = document.getElementById("gg-undated-more");
  document.getElementById("gg-undated-count").textContent = "(" + data.undated.length + ")";
  var listed = 0;
  function listMore() {
    var stop = Math.min(listed + PAGE, data.undated.length);
    for (; listed < stop; listed++) {
      var u = data.undated[listed];  // [type, label, fact, articles]
      var li = el("li");
      var button = el("button", null, u[1]);
      button.type = "button";
      button.dataset.index = listed;
      var swatch = el("span", "gg-swatch-box");
      swatch.style.backgroundColor = types[u[0]][2];
      swatch.style.borderColor = types[u[0]][3];
      button.prepend(swatch);
      button.appendChild(el("span", "gg-undated-detail", data.facts[u[2]][0].split(" \u2014 ").slice(1).join(" \u2014 ")));
      li.appendChild(button);
      list.appendChild(li);
    }
    var left = data.undated.length - listed;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(left, PAGE) + " more (" + left + " not listed yet)";
  }
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var u = data.undated[Number(button.dataset.index)];
    showEvent(u[1], types[u[0]][1] + ", undated" + (u[3] ? " \u00b7 " + u[3] : ""), u[2]);
  });
  more.addEventListener("click", listMore);
  listMore();

  // ---- ready: once drawn, fitted to the items as measured, and settled (no redraw for two frames) -----------
  var redraws = 0, nudges = 0;
  function placed() {  // every item in sight has its place (vis sets it in a redraw after measuring the item)
    var items = timeline.itemSet.items, view = container.getBoundingClientRect();
    return Object.keys(items).every(function (id) {
      var item = items[id], node = item.displayed && item.dom && (item.dom.box || item.dom.point);
      if (!node || node.style.transform) return true;
      var box = node.getBoundingClientRect();  // out of sight (lanes scrolled away): placed when scrolled to
      return box.bottom < view.top || box.top > view.bottom;
    });
  }
  function settle(seen) {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (redraws !== seen) return settle(redraws);
        if (!placed() && nudges++ < 20) {
          timeline.itemSet.markDirty({restackGroups: true});
          timeline.redraw();
          return settle(redraws);
        }
        timings.ready = performance.now();
        showWindow();
        api.ready = true;
        document.body.dataset.ready = "true";
      });
    });
  }
  timeline.on("changed", function () { redraws += 1; });
})();
