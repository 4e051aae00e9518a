// geokg explorer: find an entity, draw its relations, read the sentences behind each one.
//
// Data comes from the service only: GET /entities (search), GET /export?format=cytoscape&entity=
// (the entity's relations, as Cytoscape.js elements), GET /relations (the claims behind an edge),
// GET /dyads (the chosen pair over time, drawn with Chart.js) and GET /disputes (contested relations).
// Roll-up, denials and reported claims change what the projection holds, so they reload the graph;
// the other filters (predicates, dates, confidence, sources, timeline) hide edges in the browser, so
// nodes keep their places while the timeline plays. The list of relations holds the same edges as
// the canvas, as buttons, for keyboards and screen readers.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = {
    search: $("search"), query: $("query"), status: $("status"), matches: $("matches"),
    matchList: $("match-list"), filters: $("filters"), rollup: $("rollup"), negative: $("negative"),
    attributed: $("attributed"), predicateList: $("predicate-list"), predicatesEmpty: $("predicates-empty"),
    since: $("since"), until: $("until"), confidence: $("confidence"), confidenceValue: $("confidence-value"),
    sources: $("sources"), exportFormat: $("export-format"), exportLink: $("export-link"), graph: $("graph"),
    timeline: $("timeline"), timelineValue: $("timeline-value"), play: $("play"), edgeList: $("edge-list"),
    relationsEmpty: $("relations-empty"), evidenceBody: $("evidence-body"), dyadEmpty: $("dyad-empty"),
    dyadBody: $("dyad-body"), dyadInterval: $("dyad-interval"), dyadCsv: $("dyad-csv"),
    dyadSummary: $("dyad-summary"), dyadChart: $("dyad-chart"), dyadTable: $("dyad-table"),
    disputesScope: $("disputes-scope"), disputeList: $("dispute-list"), bounded: $("bounded"),
    boundedText: $("bounded-text"), more: $("more"),
  };
  const QUAD_CLASSES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
                        "structural"];
  const EXTENSIONS = {graphml: "graphml", gexf: "gexf", cytoscape: "cyjs", csv: "zip"};
  const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const PLAY_STEP_MS = 700;
  // A busy actor has tens of thousands of relations: the page asks for the best sourced first, and more
  // on demand (each "Show more" doubles the view, up to the cap).
  const FIRST_VIEW = 300;
  const LARGEST_VIEW = 4800;
  const MAX_FIT_ZOOM = 1.4;

  const state = {
    entity: null,      // {id, label}: what the user asked for
    centre: null,      // the node in the middle (the entity, or its country under roll-up)
    graphData: null,   // the graph attributes of the last export
    nodes: new Map(),  // node id -> node data
    edges: [],         // edge data, as exported
    months: [],        // timeline positions, "YYYY-MM"
    selected: null,    // selected edge id
    ticket: 0,         // the latest graph request; older answers are dropped
    player: null,      // interval of the timeline's Play
    pair: null,        // {source, target, sourceLabel, targetLabel}: the pair in the timeline panel
    dyadTicket: 0,     // the latest /dyads request
    disputeTicket: 0,  // the latest /disputes request
    limit: FIRST_VIEW, // how many of the entity's relations to ask for (the best sourced)
  };
  // The page's own handle, for the browser test and bench/page_bench.py.
  const explorer = window.geokgExplorer = {cy: null, timings: null, dyadChart: null, dyad: null, disputes: null};

  // ---- talking to the service -------------------------------------------------------------------

  async function fetchJson(url) {
    let response;
    try {
      response = await fetch(url, {headers: {Accept: "application/json"}});
    } catch (error) {
      throw new Error("The service did not answer. Is geokg serve still running?");
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(body && body.message ? body.message : `The service answered with status ${response.status}.`);
    }
    return body;
  }

  const localId = (iri) => iri.slice(iri.lastIndexOf("/") + 1);

  function showStatus(message, isError = false) {
    el.status.textContent = message;
    el.status.classList.toggle("error", isError);
    el.status.setAttribute("role", isError ? "alert" : "status");
  }

  // ---- search -----------------------------------------------------------------------------------

  async function onSearch(event) {
    event.preventDefault();
    const query = el.query.value.trim();
    if (!query) {
      showStatus("Type a name first: a country, a capital, an organisation or a person.", true);
      el.query.focus();
      return;
    }
    showStatus(`Searching for “${query}”…`);
    let found;
    try {
      found = await fetchJson(`/entities?${new URLSearchParams({q: query, limit: "8"})}`);
    } catch (error) {
      showStatus(error.message, true);
      return;
    }
    if (!found.items.length) {
      showMatches([]);
      showStatus(`Nothing in the graph is called “${query}”. Try another spelling, a capital (“Moscow”) or an ` +
                 "alias (“DPRK”).");
      return;
    }
    const [best, ...others] = found.items;
    showMatches(others);
    const how = best.match === "alias" ? ` (“${best.matched_name}” is one of its names)` : "";
    await explore({id: localId(best.id), label: best.label}, how);
  }

  function showMatches(items) {
    el.matchList.replaceChildren(...items.map((item) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${item.label} (${item.type || "entity"})`;
      button.addEventListener("click", () => explore({id: localId(item.id), label: item.label}));
      const li = document.createElement("li");
      li.append(button);
      return li;
    }));
    el.matches.hidden = items.length === 0;
  }

  // ---- loading and drawing a neighbourhood ------------------------------------------------------

  async function explore(entity, note = "", limit = FIRST_VIEW) {
    stopPlaying();
    state.entity = entity;
    state.limit = limit;
    state.selected = null;
    const ticket = ++state.ticket;
    delete el.graph.dataset.rendered;
    showStatus(`Loading the relations of ${entity.label}…`);
    const started = performance.now();
    const params = new URLSearchParams({
      format: "cytoscape", entity: entity.id, rollup: el.rollup.checked,
      include_negative: el.negative.checked, include_attributed: el.attributed.checked, limit: String(limit),
    });
    let data;
    try {
      data = await fetchJson(`/export?${params}`);
    } catch (error) {
      if (ticket === state.ticket) showStatus(error.message, true);
      return;
    }
    if (ticket !== state.ticket) return;
    const fetched = performance.now();
    state.graphData = data.data;
    state.centre = data.data.entity || entity.id;
    state.nodes = new Map(data.elements.nodes.map((node) => [node.data.id, node.data]));
    state.edges = data.elements.edges.map((edge) => edge.data);
    buildPredicateFilters();
    buildTimeline();
    resetEvidence();
    loadDisputes();
    await draw(data.elements);
    if (ticket !== state.ticket) return;
    const shown = applyFilters();
    const drawn = performance.now();
    explorer.timings = {entity: state.centre, nodes: state.nodes.size, edges: state.edges.length,
                        fetchMs: fetched - started, renderMs: drawn - fetched, totalMs: drawn - started};
    el.graph.dataset.rendered = state.centre;
    showBounds();
    const centreLabel = labelOf(state.centre);
    const rolled = state.centre !== entity.id ? ` (${entity.label} rolled up to ${centreLabel})` : "";
    showStatus(state.edges.length
      ? `${centreLabel}${note}${rolled}: ${shown} of ${state.edges.length} relations shown.`
      : `${centreLabel}${note}${rolled} has no relations in this selection. Try “Show denials”, or include ` +
        "claims attributed to others.");
  }

  // "The 300 best-sourced of 43,518 relations": say so when the view is cut, and offer more.
  function showBounds() {
    const total = state.graphData.relations_total || state.edges.length;
    el.bounded.hidden = total <= state.edges.length;
    el.boundedText.textContent = `Showing the ${state.edges.length.toLocaleString("en")} best-sourced of ` +
      `${total.toLocaleString("en")} relations.`;
    el.more.hidden = state.limit >= LARGEST_VIEW;
  }

  const labelOf = (id) => (state.nodes.get(id) || {}).label || (state.entity && state.entity.label) || id;

  async function draw(elements) {
    if (typeof window.cytoscape !== "function") {
      graphNotice("The graph library (Cytoscape.js) is not installed on this server: run `make setup`, which " +
                  "runs npm ci, then restart geokg serve. The list of relations still works.");
      return;
    }
    if (!elements.nodes.length) {
      if (explorer.cy) explorer.cy.elements().remove();
      graphNotice(`${labelOf(state.centre)} has no relations in this selection.`);
      return;
    }
    graphNotice("");
    const cy = explorer.cy || createGraph();
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
      cy.$id(state.centre).addClass("centre");
    });
    cy.layout({
      name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 28,
      spacingFactor: elements.nodes.length < 12 ? 3 : 1,
      concentric: (node) => (node.id() === state.centre ? 2 : 1), levelWidth: () => 1,
    }).run();
    if (cy.zoom() > MAX_FIT_ZOOM) {  // a handful of nodes would otherwise fill the canvas
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    // The canvas draws on the next animation frame; wait until it has.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }

  function graphNotice(text) {
    let notice = el.graph.querySelector(".notice");
    if (!text) {
      if (notice) notice.remove();
      return;
    }
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "notice";
      el.graph.append(notice);
    }
    notice.textContent = text;
  }

  function createGraph() {
    const css = getComputedStyle(document.documentElement);
    const colour = (name) => css.getPropertyValue(`--${name}`).trim();
    const quadColour = (edge) => (edge.data("polarity") === "negative" ? colour("denial")
      : colour((edge.data("quad_class") || "structural").replace(" ", "-")));
    const lineStyle = (edge) => {
      const quad = edge.data("quad_class");
      if (edge.data("polarity") === "negative" || quad === "structural" || !quad) return "dotted";
      return quad.startsWith("verbal") ? "dashed" : "solid";
    };
    const cy = window.cytoscape({
      container: el.graph,
      boxSelectionEnabled: false,
      autounselectify: true,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#fff", "text-background-opacity": 0.7, "min-zoomed-font-size": 7,
          "background-color": "#dfe3ea", "border-width": 1, "border-color": "#59606b",
          "width": "mapData(degree, 1, 40, 16, 34)", "height": "mapData(degree, 1, 40, 16, 34)",
        }},
        {selector: "node[type = 'Organization']", style: {"shape": "round-rectangle"}},
        {selector: "node[type = 'Person']", style: {"shape": "diamond"}},
        {selector: "node[type = 'Group']", style: {"shape": "triangle"}},
        {selector: "node[type = 'Location']", style: {"shape": "hexagon"}},
        {selector: "node.centre", style: {
          "width": 44, "height": 44, "border-width": 3, "border-color": colour("accent"), "font-weight": "bold",
          "font-size": 13, "background-color": "#c7d7f5",
        }},
        {selector: "edge", style: {
          "curve-style": "bezier", "line-color": quadColour, "target-arrow-color": quadColour,
          "target-arrow-shape": (edge) => (edge.data("symmetric") ? "none" : "triangle"), "arrow-scale": 0.9,
          "line-style": lineStyle, "opacity": 0.85,
          "width": (edge) => Math.min(10, 1.5 + 2 * Math.log2(edge.data("sources"))),
        }},
        {selector: "edge.chosen", style: {
          "opacity": 1, "underlay-color": colour("accent"), "underlay-opacity": 0.3, "underlay-padding": 5,
          "z-index": 10,
        }},
        {selector: ".hidden", style: {"display": "none"}},
      ],
    });
    cy.on("tap", "edge", (event) => selectEdge(event.target.id(), false));
    cy.on("tap", "node", (event) => {
      const node = event.target;
      if (node.id() !== state.centre) explore({id: node.id(), label: node.data("label")});
    });
    explorer.cy = cy;
    return cy;
  }

  // ---- filters, timeline and the list of relations ----------------------------------------------

  function buildPredicateFilters() {
    const counts = new Map();
    for (const edge of state.edges) {
      const entry = counts.get(edge.predicate) || {label: edge.label, quad: edge.quad_class, count: 0};
      entry.count += 1;
      counts.set(edge.predicate, entry);
    }
    const ordered = [...counts].sort((a, b) => QUAD_CLASSES.indexOf(a[1].quad) - QUAD_CLASSES.indexOf(b[1].quad)
                                                || a[1].label.localeCompare(b[1].label));
    el.predicateList.replaceChildren(...ordered.map(([predicate, entry]) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = predicate;
      box.addEventListener("change", applyFilters);
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = ` (${entry.count})`;
      label.append(box, ` ${entry.label}`, count);
      return label;
    }));
    el.predicatesEmpty.hidden = counts.size > 0;
  }

  function buildTimeline() {
    const dated = state.edges.filter((edge) => edge.first_seen);
    state.months = [];
    // A date of a year alone runs from its January to its December.
    const month = (value, end) => (value.length === 4 ? `${value}-${end ? "12" : "01"}` : value.slice(0, 7));
    if (dated.length) {
      const first = dated.map((edge) => month(edge.first_seen, false)).sort()[0];
      const last = dated.map((edge) => month(edge.last_seen || edge.first_seen, true)).sort().at(-1);
      let [year, number] = first.split("-").map(Number);
      for (let label = first; label <= last;) {
        state.months.push(label);
        number += 1;
        if (number > 12) { number = 1; year += 1; }
        label = `${year}-${String(number).padStart(2, "0")}`;
      }
    }
    el.timeline.max = String(state.months.length);
    el.timeline.value = String(state.months.length);
    el.timeline.disabled = el.play.disabled = state.months.length === 0;
    updateTimelineLabel();
  }

  function timelineMonth() {
    const position = Number(el.timeline.value);
    return position < state.months.length ? state.months[position] : null;
  }

  function updateTimelineLabel() {
    const month = timelineMonth();
    el.timeline.setAttribute("aria-valuetext", month ? `relations first seen by ${month}` : "all dates");
    el.timelineValue.textContent = month ? `relations first seen by ${month}` : "all dates";
  }

  function dateFilter(input, name) {
    const value = input.value.trim();
    if (value && !DATE.test(value)) {
      input.setAttribute("aria-invalid", "true");
      showStatus(`“${name}” takes a year, a month or a day, such as 2023, 2023-09 or 2023-09-15; it is ignored ` +
                 "until then.", true);
      return null;
    }
    input.removeAttribute("aria-invalid");
    return value || null;
  }

  function filters() {
    return {
      predicates: new Set([...el.predicateList.querySelectorAll("input:checked")].map((box) => box.value)),
      since: dateFilter(el.since, "From"),
      until: dateFilter(el.until, "To"),
      confidence: Number(el.confidence.value),
      sources: Math.max(1, Number(el.sources.value) || 1),
      month: timelineMonth(),
    };
  }

  // Two dates of different precision compare on what both say: "2023-10" is not after "2023-10-02".
  const cut = (a, b) => [a.slice(0, Math.min(a.length, b.length)), b.slice(0, Math.min(a.length, b.length))];

  function passes(edge, f) {
    if (!f.predicates.has(edge.predicate) || edge.confidence < f.confidence || edge.sources < f.sources) {
      return false;
    }
    if (!f.since && !f.until && !f.month) return true;
    if (!edge.first_seen) return false;
    const last = edge.last_seen || edge.first_seen;
    if (f.since) { const [a, b] = cut(last, f.since); if (a < b) return false; }
    if (f.until) { const [a, b] = cut(edge.first_seen, f.until); if (a > b) return false; }
    if (f.month && edge.first_seen.slice(0, 7) > f.month) return false;
    return true;
  }

  function applyFilters() {
    const f = filters();
    const visible = state.edges.filter((edge) => passes(edge, f));
    const shownIds = new Set(visible.map((edge) => edge.id));
    const cy = explorer.cy;
    if (cy) {
      const linked = new Set([state.centre]);
      for (const edge of visible) { linked.add(edge.source); linked.add(edge.target); }
      cy.batch(() => {
        cy.edges().forEach((edge) => edge.toggleClass("hidden", !shownIds.has(edge.id())));
        cy.nodes().forEach((node) => node.toggleClass("hidden", !linked.has(node.id())));
      });
    }
    renderEdgeList(visible);
    updateExportLink(f);
    el.confidenceValue.textContent = f.confidence.toFixed(2);
    updateTimelineLabel();
    return visible.length;
  }

  function describeEdge(edge) {
    const arrow = edge.symmetric ? "—" : "→";
    const denied = edge.polarity === "negative" ? " (denied)" : "";
    return `${labelOf(edge.source)} ${arrow} ${edge.label} ${arrow} ${labelOf(edge.target)}${denied}`;
  }

  function renderEdgeList(visible) {
    const ordered = [...visible].sort((a, b) => b.sources - a.sources || b.claims - a.claims
                                                || describeEdge(a).localeCompare(describeEdge(b)));
    el.edgeList.replaceChildren(...ordered.map((edge) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.edge = edge.id;
      button.className = edge.polarity === "negative" ? "denial" : (edge.quad_class || "structural").replace(" ", "-");
      button.setAttribute("aria-pressed", String(edge.id === state.selected));
      const meta = document.createElement("span");
      meta.className = "meta";
      const seen = edge.first_seen ? `seen ${edge.first_seen}${edge.last_seen !== edge.first_seen ? ` to ${edge.last_seen}` : ""}`
        : "undated";
      meta.textContent = `${edge.sources} source${edge.sources === 1 ? "" : "s"} · ${edge.claims} claim` +
        `${edge.claims === 1 ? "" : "s"} · ${seen} · ${edge.quad_class || "structural"} · confidence ` +
        `${edge.confidence.toFixed(2)}`;
      button.append(describeEdge(edge), meta);
      button.addEventListener("click", () => selectEdge(edge.id, true));
      const li = document.createElement("li");
      li.append(button);
      return li;
    }));
    el.relationsEmpty.hidden = visible.length > 0;
    el.relationsEmpty.textContent = !state.entity ? "No entity chosen yet."
      : state.edges.length === 0 ? "No relations in this selection."
        : "No relation passes the filters: tick more predicates, widen the dates, lower the minimum confidence " +
          "or sources, or move the timeline to the right.";
  }

  function updateExportLink(f) {
    const format = el.exportFormat.value;
    if (!state.centre || !state.edges.length) {
      el.exportLink.setAttribute("aria-disabled", "true");
      el.exportLink.removeAttribute("href");
      return;
    }
    const params = new URLSearchParams({format, entity: state.centre, rollup: state.graphData.rollup,
                                        include_negative: state.graphData.include_negative,
                                        include_attributed: state.graphData.include_attributed});
    if (state.graphData.relations_total > state.edges.length) params.set("limit", String(state.limit));
    const offered = el.predicateList.querySelectorAll("input").length;
    if (f.predicates.size < offered) f.predicates.forEach((predicate) => params.append("predicate", predicate));
    if (f.since) params.set("since", f.since);
    const until = [f.until && lastDay(f.until), f.month && lastDay(f.month)].filter(Boolean).sort()[0];
    if (until) params.set("until", until);
    if (f.confidence > 0) params.set("min_confidence", String(f.confidence));
    if (f.sources > 1) params.set("min_sources", String(f.sources));
    el.exportLink.href = `/export?${params}`;
    el.exportLink.download = `geokg-${state.centre}.${EXTENSIONS[format]}`;
    el.exportLink.setAttribute("aria-disabled", String(f.predicates.size === 0));
  }

  // The service reads an upper bound at the precision of each claim's date; a whole day keeps it exact.
  function lastDay(value) {
    if (value.length === 4) return `${value}-12-31`;
    if (value.length === 7) {
      const [year, month] = value.split("-").map(Number);
      return `${value}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
    }
    return value;
  }

  // ---- the timeline's Play ----------------------------------------------------------------------

  function togglePlay() {
    if (state.player) {
      stopPlaying();
      return;
    }
    if (Number(el.timeline.value) >= state.months.length) el.timeline.value = "0";
    state.player = setInterval(() => {
      const next = Number(el.timeline.value) + 1;
      el.timeline.value = String(next);
      applyFilters();
      if (next >= state.months.length) stopPlaying();
    }, PLAY_STEP_MS);
    el.play.textContent = "Pause";
    el.play.setAttribute("aria-pressed", "true");
    applyFilters();
  }

  function stopPlaying() {
    clearInterval(state.player);
    state.player = null;
    el.play.textContent = "Play";
    el.play.setAttribute("aria-pressed", "false");
  }

  // ---- evidence -----------------------------------------------------------------------------------

  function resetEvidence() {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = "Choose a relation, in the graph or in the list, to read the sentences that state it.";
    el.evidenceBody.replaceChildren(hint);
  }

  async function selectEdge(id, fromList) {
    const edge = state.edges.find((candidate) => candidate.id === id);
    if (!edge) return;
    state.selected = id;
    if (explorer.cy) {
      explorer.cy.edges(".chosen").removeClass("chosen");
      explorer.cy.$id(id).addClass("chosen");
    }
    for (const button of el.edgeList.querySelectorAll("button")) {
      const chosen = button.dataset.edge === id;
      button.setAttribute("aria-pressed", String(chosen));
      if (chosen && !fromList) button.scrollIntoView({block: "nearest"});
    }
    showDyad({source: edge.source, target: edge.target, sourceLabel: labelOf(edge.source),
              targetLabel: labelOf(edge.target)});
    const heading = document.createElement("h3");
    heading.textContent = describeEdge(edge);
    const loading = document.createElement("p");
    loading.textContent = "Loading the evidence…";
    el.evidenceBody.replaceChildren(heading, loading);
    const params = new URLSearchParams({subject: edge.source, object: edge.target, predicate: edge.predicate,
                                        polarity: edge.polarity, rollup: state.graphData.rollup, limit: "100"});
    let page;
    try {
      page = await fetchJson(`/relations?${params}`);
    } catch (error) {
      loading.textContent = `The evidence could not be loaded: ${error.message}`;
      return;
    }
    if (state.selected !== id) return;
    // /relations also lists sub-predicates, requests and hypotheticals; the edge rests on these claims only.
    const claims = page.items.filter((claim) => claim.predicate === edge.predicate
      && (claim.modality === "asserted" || claim.modality === "intended")
      && (state.graphData.include_attributed || !claim.attributed_to));
    const parts = [heading, exploreButtons(edge)];
    if (!claims.length) {
      const none = document.createElement("p");
      none.textContent = "No stored claim matches this relation any more: the store may have changed since the " +
                         "graph was loaded. Search again to refresh it.";
      parts.push(none);
    }
    parts.push(...claims.map(renderClaim));
    if (page.next_cursor) {
      const more = document.createElement("p");
      more.className = "hint";
      more.textContent = "More claims exist than are shown here; GET /relations with the same parameters pages " +
                         "through them.";
      parts.push(more);
    }
    el.evidenceBody.replaceChildren(...parts);
  }

  function exploreButtons(edge) {
    const box = document.createElement("div");
    box.className = "explore";
    for (const id of new Set([edge.source, edge.target])) {
      if (id === state.centre) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Explore ${labelOf(id)}`;
      button.addEventListener("click", () => explore({id, label: labelOf(id)}));
      box.append(button);
    }
    return box;
  }

  function renderClaim(claim) {
    const box = document.createElement("div");
    box.className = "claim";
    const quote = document.createElement("blockquote");
    quote.append(...highlight(claim.sentence, claim.trigger && claim.trigger.text));
    const who = document.createElement("p");
    who.className = "who";
    const voice = claim.attributed_to ? `according to ${claim.attributed_to.label}` : "in the report’s own voice";
    who.textContent = claim.polarity === "negative" ? `Denied, ${voice}` : `Stated ${voice}`;
    if (claim.modality === "intended") {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = "intended, not yet done";
      who.append(tag);
    }
    const source = document.createElement("p");
    source.className = "source";
    const documentRef = claim.evidence[0] ? claim.evidence[0].document : {id: claim.doc_id};
    const name = documentRef.title || documentRef.id;
    source.append("Source: ");
    if (documentRef.url && /^https?:\/\//.test(documentRef.url)) {
      const link = document.createElement("a");
      link.href = documentRef.url;
      link.rel = "noopener noreferrer";
      link.textContent = name;
      source.append(link);
    } else {
      source.append(name);
    }
    const details = [documentRef.published && `published ${documentRef.published}`,
                     claim.date && `event ${claim.date}`, `confidence ${claim.confidence.toFixed(2)}`];
    source.append(`, ${details.filter(Boolean).join(" · ")}`);
    box.append(quote, who, source);
    return box;
  }

  // The sentence as text nodes, with the words that state the relation in <mark>.
  function highlight(sentence, trigger) {
    const at = trigger ? sentence.toLowerCase().indexOf(trigger.toLowerCase()) : -1;
    if (at < 0) return [sentence];
    const mark = document.createElement("mark");
    mark.textContent = sentence.slice(at, at + trigger.length);
    return [sentence.slice(0, at), mark, sentence.slice(at + trigger.length)];
  }

  // ---- a pair over time (GET /dyads, Chart.js) -------------------------------------------------------

  function dyadParams(pair, format) {
    return new URLSearchParams({source: pair.source, target: pair.target, interval: el.dyadInterval.value,
                                rollup: el.rollup.checked, format});
  }

  async function showDyad(pair) {
    state.pair = pair;
    const ticket = ++state.dyadTicket;
    delete el.dyadBody.dataset.rendered;
    el.dyadEmpty.hidden = true;
    el.dyadBody.hidden = false;
    el.dyadSummary.textContent = `Loading ${pair.sourceLabel} and ${pair.targetLabel} over time…`;
    el.dyadCsv.href = `/dyads?${dyadParams(pair, "csv")}`;
    el.dyadCsv.download = `geokg-${pair.source}-${pair.target}-${el.dyadInterval.value}.csv`;
    let timeline;
    try {
      timeline = await fetchJson(`/dyads?${dyadParams(pair, "json")}`);
    } catch (error) {
      if (ticket === state.dyadTicket) el.dyadSummary.textContent = `The timeline could not be loaded: ${error.message}`;
      return;
    }
    if (ticket !== state.dyadTicket) return;
    explorer.dyad = timeline;
    el.dyadSummary.textContent = dyadSummary(timeline);
    drawDyadChart(timeline);
    fillDyadTable(timeline);
    el.dyadBody.dataset.rendered = `${pair.source}:${pair.target}:${timeline.interval}`;
  }

  function dyadSummary(timeline) {
    const a = timeline.source.label;
    const b = timeline.target.label;
    const total = timeline.periods.reduce((sum, p) => sum + p.claims, 0);
    const aside = [timeline.undated && `${timeline.undated} undated`,
                   timeline.imprecise && `${timeline.imprecise} dated only to a coarser period`].filter(Boolean);
    const apart = aside.length ? ` (not shown: ${aside.join(", ")})` : "";
    if (!timeline.periods.length) {
      return `No dated events between ${a} and ${b} in this store${apart}. Denials, requests and hypotheticals ` +
             "are not counted as events.";
    }
    const scored = timeline.periods.filter((p) => p.goldstein_mean !== null);
    const mean = scored.length ? scored.reduce((sum, p) => sum + p.goldstein_mean * p.claims, 0) /
      scored.reduce((sum, p) => sum + p.claims, 0) : null;
    const first = timeline.periods[0].period;
    const last = timeline.periods.at(-1).period;
    return `${a} and ${b}: ${total} event${total === 1 ? "" : "s"} from ${first} to ${last}, either way` +
      (mean === null ? "" : `, mean Goldstein score ${mean.toFixed(1)}`) + `${apart}.`;
  }

  function drawDyadChart(timeline) {
    if (typeof window.Chart !== "function") {
      el.dyadSummary.textContent += " The chart library (Chart.js) is not installed on this server; the table " +
                                    "below has the numbers.";
      return;
    }
    const css = getComputedStyle(document.documentElement);
    const colour = (quad) => css.getPropertyValue(`--${quad.replace(" ", "-")}`).trim();
    const bars = timeline.quad_classes.map((quad) => ({
      type: "bar", label: quad, data: timeline.periods.map((p) => p.counts[quad]), backgroundColor: colour(quad),
      stack: "claims", yAxisID: "claims", order: 1,
    })).filter((dataset) => dataset.data.some((count) => count > 0));
    const line = {
      type: "line", label: "mean Goldstein score", data: timeline.periods.map((p) => p.goldstein_mean),
      borderColor: colour("ink") || "#1d1d1f", backgroundColor: colour("ink") || "#1d1d1f", yAxisID: "goldstein",
      spanGaps: false, pointRadius: 3, borderWidth: 2, order: 0,  // drawn over the bars
    };
    if (explorer.dyadChart) explorer.dyadChart.destroy();
    explorer.dyadChart = new window.Chart(el.dyadChart, {
      data: {labels: timeline.periods.map((p) => p.period), datasets: [...bars, line]},
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: {mode: "index", intersect: false},
        scales: {
          x: {stacked: true},
          claims: {type: "linear", position: "left", stacked: true, beginAtZero: true, ticks: {precision: 0},
                   title: {display: true, text: "claims"}},
          goldstein: {type: "linear", position: "right", min: -10, max: 10, grid: {drawOnChartArea: false},
                      title: {display: true, text: "Goldstein"}},
        },
        plugins: {legend: {position: "bottom", labels: {boxWidth: 12}}},
      },
    });
  }

  function fillDyadTable(timeline) {
    const head = document.createElement("tr");
    for (const name of ["period", "claims", `${timeline.source.label} → ${timeline.target.label}`,
                        `${timeline.target.label} → ${timeline.source.label}`, ...timeline.quad_classes,
                        "mean Goldstein"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    }
    const rows = timeline.periods.map((p) => {
      const tr = document.createElement("tr");
      for (const value of [p.period, p.claims, p.source_to_target, p.target_to_source,
                           ...timeline.quad_classes.map((quad) => p.counts[quad]),
                           p.goldstein_mean === null ? "" : p.goldstein_mean.toFixed(2)]) {
        const td = document.createElement("td");
        td.textContent = String(value);
        tr.append(td);
      }
      return tr;
    });
    el.dyadTable.replaceChildren(head, ...rows);
  }

  // ---- disputed relations (GET /disputes) -------------------------------------------------------------

  async function loadDisputes() {
    const ticket = ++state.disputeTicket;
    const params = new URLSearchParams({limit: "10", rollup: el.rollup.checked});
    if (state.entity) params.set("entity", state.entity.id);
    const scope = state.entity ? `involving ${state.entity.label}` : "in the whole store";
    let found;
    try {
      found = await fetchJson(`/disputes?${params}`);
    } catch (error) {
      if (ticket === state.disputeTicket) el.disputesScope.textContent = `Disputes could not be loaded: ${error.message}`;
      return;
    }
    if (ticket !== state.disputeTicket) return;
    explorer.disputes = found.items;
    el.disputesScope.textContent = found.items.length
      ? `Relations ${scope} that some sources assert and others deny, most contested first.`
      : `No relation ${scope} is both asserted and denied.`;
    el.disputeList.replaceChildren(...found.items.map(renderDispute));
    el.disputeList.dataset.rendered = state.entity ? state.entity.id : "*";
  }

  function renderDispute(dispute) {
    const item = document.createElement("li");
    item.className = "dispute";
    const heading = document.createElement("h3");
    const arrow = dispute.symmetric ? "—" : "→";
    heading.textContent = `${dispute.subject.label} ${arrow} ${dispute.label} ${arrow} ${dispute.object.label}`;
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = `contested ${dispute.score.toFixed(2)}`;
    heading.append(score);
    const sides = document.createElement("div");
    sides.className = "sides";
    sides.append(renderSide("side-yes", "Say so", dispute.asserted_by), renderSide("side-no", "Deny it",
                                                                                   dispute.denied_by));
    const pair = document.createElement("button");
    pair.type = "button";
    pair.textContent = "Show this pair over time";
    pair.addEventListener("click", () => {
      showDyad({source: localId(dispute.subject.id), target: localId(dispute.object.id),
                sourceLabel: dispute.subject.label, targetLabel: dispute.object.label});
      el.dyadBody.scrollIntoView({block: "nearest"});
    });
    item.append(heading, sides, pair);
    return item;
  }

  function renderSide(className, title, voices) {
    const side = document.createElement("div");
    side.className = className;
    const heading = document.createElement("h4");
    heading.textContent = `${title} (${voices.length})`;
    const list = document.createElement("ul");
    list.append(...voices.map((voice) => {
      const li = document.createElement("li");
      const who = document.createElement("strong");
      who.textContent = voice.entity ? voice.label : `${voice.label} (the report itself)`;
      li.append(who);
      for (const claim of voice.claims) {
        const quote = document.createElement("blockquote");
        quote.append(...highlight(claim.sentence, claim.trigger));
        const source = document.createElement("p");
        source.className = "source";
        source.textContent = [claim.document.title || claim.document.id, claim.date].filter(Boolean).join(", ");
        li.append(quote, source);
      }
      return li;
    }));
    side.append(heading, list);
    return side;
  }

  // ---- wiring -------------------------------------------------------------------------------------

  el.search.addEventListener("submit", onSearch);
  for (const box of [el.rollup, el.negative, el.attributed]) {
    box.addEventListener("change", () => { if (state.entity) explore(state.entity, "", state.limit); });
  }
  el.rollup.addEventListener("change", () => {
    if (!state.entity) loadDisputes();
    if (state.pair) showDyad(state.pair);
  });
  el.dyadInterval.addEventListener("change", () => { if (state.pair) showDyad(state.pair); });
  for (const input of [el.since, el.until, el.confidence, el.sources]) input.addEventListener("input", applyFilters);
  el.timeline.addEventListener("input", () => { stopPlaying(); applyFilters(); });
  el.play.addEventListener("click", togglePlay);
  explorer.show = (entity, limit) => explore(entity, "", limit);  // a bounded view on demand, for the tests
  el.more.addEventListener("click", () => {
    if (state.entity) explore(state.entity, "", Math.min(state.limit * 2, LARGEST_VIEW));
  });
  el.exportFormat.addEventListener("change", () => updateExportLink(filters()));
  el.exportLink.addEventListener("click", (event) => {
    if (el.exportLink.getAttribute("aria-disabled") === "true") event.preventDefault();
  });
  if (window.matchMedia("(max-width: 1100px)").matches) el.filters.open = false;
  loadDisputes();
  if (typeof window.cytoscape !== "function") {
    graphNotice("The graph library (Cytoscape.js) is not installed on this server: run `make setup`, which runs " +
                "npm ci, then restart geokg serve. The list of relations still works.");
  }
})();
