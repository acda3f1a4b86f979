// The query page: YASGUI set up for this endpoint (guildgraph serve). Reads its settings from #gg-page's
// data-config (JSON written by graph/page/html.py); everything is served by the endpoint, nothing is fetched
// elsewhere: no prefix.cc, no Linked Open Vocabularies autocompletion, no CORS proxy, no endpoint catalogue.
"use strict";
(function () {
  const page = document.getElementById("gg-page");
  const config = JSON.parse(page.dataset.config);
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const Yasqe = Yasgui.Yasqe;

  // Autocompletion: the project's prefixes (typing "hl:" adds its PREFIX line) and the query's variables; the
  // "property" and "class" completers, which ask lov.linkeddata.es, are left out.
  const prefixes = Object.keys(config.prefixes).map((p) => p + ": <" + config.prefixes[p] + ">");
  Yasqe.forkAutocompleter("prefixes", {name: "guildgraph-prefixes", get: prefixes, persistenceId: null}, false);
  // YASGUI merges arrays item by item, so the defaults' list itself is set (not passed in the config)
  Yasqe.defaults.autocompleters.splice(0, Yasqe.defaults.autocompleters.length, "guildgraph-prefixes", "variables");
  Yasqe.defaults.prefixCcApi = null;

  const yasgui = new Yasgui(document.getElementById("gg-yasgui"), {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
    },
    corsProxy: undefined,  // (the default) never re-send a query through another server
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: () => [{endpoint: endpoint}], keys: []},
    persistenceId: "guildgraph-query",
    tabName: "Query",
    yasqe: {value: config.defaultQuery},
  });

  // the tabs an earlier visit left in the browser's storage query this endpoint too (new tabs do: see above)
  yasgui.persistentConfig.getTabs().forEach((id) => {
    const tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== endpoint) {
      tab.setEndpoint(endpoint);
    }
  });

  function openExample(index) {
    const ex = config.examples[index];
    return yasgui.addTab(true, {name: ex.name, yasqe: {value: ex.query}, requestConfig: {endpoint: endpoint}});
  }
  document.querySelectorAll("button.gg-example").forEach((button) => {
    button.addEventListener("click", () => openExample(Number(button.dataset.index)));
  });

  window.guildgraph = {yasgui: yasgui, endpoint: endpoint, openExample: openExample, ready: true};
})();
