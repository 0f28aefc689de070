// The actor network, drawn with the vendored vis-network. Data comes from a JSON block the
// server wrote with |tojson; details are written with textContent only.
(function () {
  "use strict";
  var TYPE_COLOURS = { partnership: "#059669", diplomatic_relations: "#0891b2", role: "#d97706",
                       position: "#65a30d", event: "#2563eb", agreement: "#db2777" };
  var LEVEL_COLOURS = { comprehensive_strategic: "#065f46", strategic: "#10b981", comprehensive: "#6ee7b7" };
  var KIND_SHAPES = { country: "dot", body: "square", person: "triangle" };
  var KIND_COLOURS = { country: "#1f5fbf", body: "#9333ea", person: "#ea580c" };

  function edgeColour(e) {
    if (e.type === "partnership" && LEVEL_COLOURS[e.level]) return LEVEL_COLOURS[e.level];
    if (e.type === "diplomatic_relations" && e.status === "severed") return "#dc2626";
    return TYPE_COLOURS[e.type] || "#9ca3af";
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function showEdge(info, e) {
    while (info.firstChild) info.removeChild(info.firstChild);
    info.appendChild(el("h2", (e.type || "").replace(/_/g, " ")));
    info.appendChild(el("p", e.summary || ""));
    ["level", "status", "role", "title", "kind", "channel", "start", "end", "date"].forEach(function (k) {
      if (e[k]) info.appendChild(el("div", k + ": " + e[k]));
    });
    var list = el("ul");
    (e.sources || []).forEach(function (url, i) {
      var li = el("li");
      li.appendChild(el("a", "evidence " + (i + 1), { href: url, "class": "evidence-link" }));
      list.appendChild(li);
    });
    if (e.sources_total > (e.sources || []).length) {
      list.appendChild(el("li", "and " + (e.sources_total - e.sources.length) + " more"));
    }
    info.appendChild(list);
  }

  function showNode(info, n) {
    while (info.firstChild) info.removeChild(info.firstChild);
    info.appendChild(el("h2", n.label));
    info.appendChild(el("div", n.kind));
    info.appendChild(el("a", "Open " + n.label, { href: n.url }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("graph-data");
    var container = document.getElementById("network");
    var info = document.getElementById("edge-info");
    if (!holder || !container || typeof vis === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var nodesById = {};
    var nodes = data.nodes.map(function (n) {
      nodesById[n.id] = n;
      return { id: n.id, label: n.label, title: n.kind + ": " + n.label, shape: KIND_SHAPES[n.kind] || "dot",
               color: KIND_COLOURS[n.kind] || "#6b7280", size: n.centre ? 24 : (n.kind === "country" ? 16 : 11),
               borderWidth: n.centre ? 4 : 1, font: { size: n.centre ? 16 : 13, bold: n.centre ? true : false } };
    });
    var edges = data.edges.map(function (e, i) {
      return { id: i, from: e.from, to: e.to, color: { color: edgeColour(e) }, width: Math.min(6, 1 + (e.weight || 1)),
               title: (e.type || "") + (e.level ? " (" + e.level + ")" : "") };
    });
    var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
      physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
      interaction: { hover: true, tooltipDelay: 150 }, edges: { smooth: false }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      container.setAttribute("data-ready", "1");
    });
    network.on("click", function (params) {
      if (params.edges.length && !params.nodes.length) showEdge(info, data.edges[params.edges[0]]);
      else if (params.nodes.length) showNode(info, nodesById[params.nodes[0]]);
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) window.location.href = nodesById[params.nodes[0]].url;
    });
    var legend = document.getElementById("legend");
    if (legend) {
      var entries = Object.keys(TYPE_COLOURS).map(function (k) { return [k.replace(/_/g, " "), TYPE_COLOURS[k]]; })
        .concat(Object.keys(LEVEL_COLOURS).map(function (k) { return ["partnership: " + k.replace(/_/g, " "), LEVEL_COLOURS[k]]; }));
      entries.push(["relations severed", "#dc2626"]);
      entries.forEach(function (pair) {
        var span = el("span", pair[0]);
        span.style.setProperty("--c", pair[1]);
        legend.appendChild(span);
      });
    }
  });
})();
