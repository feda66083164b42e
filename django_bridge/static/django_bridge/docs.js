/*
 * The docs page of django_bridge: spec switcher, DEBUG diagnostics and the try-it-out panel
 * around the official @asyncapi/react-component viewer (AsyncApiStandalone).
 *
 * Rules this file keeps:
 * - configuration comes only from the json_script block #dbx-config (never from string templates);
 * - text from a spec or from the network reaches the DOM through textContent only (no innerHTML);
 * - the WebSocket URL, operations and messages come from the parsed spec (JSON), never from
 *   scraping YAML text;
 * - one socket at a time; switching specs closes it.
 * The element helper and the JSON-pointer resolver are features.js's (loaded just before this
 * file, and shared with `asyncapi-tools html`), so both pages read a spec the same way.
 * Plain modern JavaScript, no build step.
 */
(function () {
  "use strict";

  const byId = (id) => document.getElementById(id);
  const shared = window.AsyncApiDocsFeatures;
  if (!shared) {
    // Without features.js nothing below can run: say so where the viewer would be.
    const problem = document.createElement("p");
    problem.setAttribute("role", "alert");
    problem.textContent =
      "The docs page's features.js (django_bridge/vendor/features/) did not load, so the viewer cannot start. " +
      "Run `python scripts/vendor_assets.py` (development) or `manage.py collectstatic` (production).";
    byId("dbx-viewer").replaceChildren(problem);
    return;
  }
  const { el, deref, escapePointer } = shared;
  const config = JSON.parse(byId("dbx-config").textContent);

  function withQuery(url, name, value) {
    const hashAt = url.indexOf("#");
    const base = hashAt === -1 ? url : url.slice(0, hashAt);
    const hash = hashAt === -1 ? "" : url.slice(hashAt);
    const sep = base.includes("?") ? "&" : "?";
    return `${base}${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}${hash}`;
  }

  // -- schemas ------------------------------------------------------------------------------------
  const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

  function deepEqual(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /** A minimal frame that satisfies the schema: consts, defaults, examples, else typed blanks. */
  function skeleton(doc, schema, depth) {
    schema = deref(doc, schema);
    if (!schema || typeof schema !== "object" || depth > 8) return null;
    if ("const" in schema) return clone(schema.const);
    if ("default" in schema && schema.default !== null) return clone(schema.default);
    if (Array.isArray(schema.examples) && schema.examples.length) return clone(schema.examples[0]);
    if (Array.isArray(schema.enum) && schema.enum.length) return clone(schema.enum[0]);
    if (Array.isArray(schema.allOf)) {
      const merged = {};
      let any = false;
      const own = Object.assign({}, schema);
      delete own.allOf;
      for (const part of [own, ...schema.allOf]) {
        const value = skeleton(doc, part, depth + 1);
        if (value && typeof value === "object" && !Array.isArray(value)) {
          Object.assign(merged, value);
          any = true;
        }
      }
      if (any) return merged;
    }
    const alternatives = schema.oneOf || schema.anyOf;
    if (Array.isArray(alternatives) && alternatives.length) {
      const usable = alternatives.find((alt) => (deref(doc, alt) || {}).type !== "null") || alternatives[0];
      return skeleton(doc, usable, depth + 1);
    }
    let type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
    if (!type && schema.properties) type = "object";
    switch (type) {
      case "object": {
        const out = {};
        const properties = schema.properties || {};
        const required = Array.isArray(schema.required) ? schema.required : Object.keys(properties);
        for (const [name, sub] of Object.entries(properties)) {
          const resolved = deref(doc, sub) || {};
          if (required.includes(name) || "const" in resolved) out[name] = skeleton(doc, sub, depth + 1);
        }
        return out;
      }
      case "array":
        return [];
      case "integer":
      case "number":
        return typeof schema.minimum === "number" ? schema.minimum : 0;
      case "boolean":
        return false;
      case "null":
        return null;
      case "string":
        switch (schema.format) {
          case "uuid":
            return "00000000-0000-4000-8000-000000000000";
          case "date-time":
            return new Date().toISOString();
          case "date":
            return new Date().toISOString().slice(0, 10);
          case "email":
            return "user@example.com";
          case "uri":
          case "url":
            return "https://example.com/";
          case "decimal":
            return "0";
          default:
            return "";
        }
      default:
        return null;
    }
  }

  /** Does `value` fit the schema's shape? Checks types, required keys, const and enum (advisory). */
  function matches(doc, schema, value, depth) {
    schema = deref(doc, schema);
    if (!schema || typeof schema !== "object" || depth > 8) return true;
    if ("const" in schema && !deepEqual(schema.const, value)) return false;
    if (Array.isArray(schema.enum) && !schema.enum.some((item) => deepEqual(item, value))) return false;
    if (Array.isArray(schema.allOf) && !schema.allOf.every((part) => matches(doc, part, value, depth + 1))) return false;
    const alternatives = schema.oneOf || schema.anyOf;
    if (Array.isArray(alternatives) && !alternatives.some((alt) => matches(doc, alt, value, depth + 1))) return false;
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length && !types.some((type) => hasType(type, value))) return false;
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    if (isObject) {
      for (const name of schema.required || []) if (!(name in value)) return false;
      for (const [name, sub] of Object.entries(schema.properties || {})) {
        if (name in value && !matches(doc, sub, value[name], depth + 1)) return false;
      }
    }
    return true;
  }

  function hasType(type, value) {
    switch (type) {
      case "object":
        return value !== null && typeof value === "object" && !Array.isArray(value);
      case "array":
        return Array.isArray(value);
      case "string":
        return typeof value === "string";
      case "integer":
        return Number.isInteger(value);
      case "number":
        return typeof value === "number";
      case "boolean":
        return typeof value === "boolean";
      case "null":
        return value === null;
      default:
        return true;
    }
  }

  // -- the model try-it-out works from ------------------------------------------------------------
  /** Servers, channels, operations and messages of a parsed AsyncAPI 3 document. */
  function buildModel(doc) {
    const servers = [];
    for (const [id, raw] of Object.entries(doc.servers || {})) {
      const server = deref(doc, raw) || {};
      const protocol = String(server.protocol || "").toLowerCase();
      if (protocol !== "ws" && protocol !== "wss") continue;
      let host = String(server.host || "");
      for (const [name, variable] of Object.entries(server.variables || {})) {
        const value = (deref(doc, variable) || {}).default;
        if (value !== undefined) host = host.split(`{${name}}`).join(String(value));
      }
      servers.push({ id, label: `${id} (${protocol}://${host})`, protocol, host, pathname: server.pathname || "" });
    }
    if (!servers.length) {
      const protocol = window.location.protocol === "https:" ? "wss" : "ws";
      servers.push({ id: "", label: `this site (${protocol}://${window.location.host})`, protocol, host: window.location.host, pathname: "" });
    }

    const channels = [];
    const channelByRef = new Map();
    for (const [id, raw] of Object.entries(doc.channels || {})) {
      const channel = deref(doc, raw) || {};
      const address = typeof channel.address === "string" ? channel.address : "";
      const params = [];
      const seen = new Set();
      for (const found of address.matchAll(/\{([^{}]+)\}/g)) {
        if (!seen.has(found[1])) {
          seen.add(found[1]);
          params.push(found[1]);
        }
      }
      const entry = { id, address, params, title: channel.title || id, receive: [], incoming: [], channel };
      channels.push(entry);
      channelByRef.set(`#/channels/${escapePointer(id)}`, entry);
    }

    const messageInfo = (ref) => {
      const message = deref(doc, ref);
      if (!message || typeof message !== "object") return null;
      const pointer = ref && ref.$ref ? ref.$ref : "";
      const id = pointer.split("/").pop() || "";
      return { id, label: message.name || message.title || id, message, payload: message.payload };
    };

    for (const [id, raw] of Object.entries(doc.operations || {})) {
      const op = deref(doc, raw) || {};
      const channel = op.channel && channelByRef.get(op.channel.$ref);
      if (!channel) continue;
      const messages = (op.messages || []).map(messageInfo).filter(Boolean);
      if (op.action === "receive") {
        channel.receive.push({ id, label: op.title || op.summary || id, messages });
        const reply = deref(doc, op.reply);
        if (reply && Array.isArray(reply.messages)) channel.incoming.push(...reply.messages.map(messageInfo).filter(Boolean));
      } else if (op.action === "send") {
        channel.incoming.push(...messages);
      }
    }
    for (const channel of channels) {
      // A channel without operations: every message it lists may arrive.
      if (!channel.receive.length && !channel.incoming.length) {
        for (const name of Object.keys(channel.channel.messages || {})) {
          const info = messageInfo({ $ref: `#/channels/${escapePointer(channel.id)}/messages/${escapePointer(name)}` });
          if (info) channel.incoming.push(info);
        }
      }
    }

    const schemes = Object.values((doc.components || {}).securitySchemes || {}).map((s) => deref(doc, s) || {});
    const queryScheme = schemes.find((s) => s.type === "httpApiKey" && s.in === "query");
    const cookieScheme = schemes.find((s) => s.type === "httpApiKey" && s.in === "cookie");
    return {
      doc,
      servers,
      channels,
      queryParam: queryScheme ? queryScheme.name : null,
      cookieName: cookieScheme ? cookieScheme.name : null,
    };
  }

  // -- the try-it-out panel ------------------------------------------------------------------------
  function createTryIt(options) {
    const ui = {
      panel: byId("dbx-tryit"),
      toggle: byId("dbx-tryit-toggle"),
      status: byId("dbx-status"),
      server: byId("dbx-server"),
      channel: byId("dbx-channel"),
      params: byId("dbx-params"),
      url: byId("dbx-url"),
      auth: byId("dbx-auth"),
      tokenRow: byId("dbx-token-row"),
      token: byId("dbx-token"),
      authNote: byId("dbx-auth-note"),
      connect: byId("dbx-connect"),
      disconnect: byId("dbx-disconnect"),
      operation: byId("dbx-operation"),
      example: byId("dbx-example"),
      payload: byId("dbx-payload"),
      send: byId("dbx-send"),
      composeNote: byId("dbx-compose-note"),
      log: byId("dbx-log"),
      clear: byId("dbx-clear"),
    };
    let model = null;
    let socket = null;
    let paramValues = {};
    let choices = [];

    function setOpen(open) {
      ui.panel.hidden = !open;
      ui.toggle.setAttribute("aria-expanded", String(open));
      document.body.classList.toggle("dbx-tryit-open", open);
    }
    ui.toggle.addEventListener("click", () => setOpen(ui.panel.hidden));
    setOpen(Boolean(options.expanded));

    function setStatus(state, text) {
      ui.status.dataset.state = state;
      ui.status.textContent = text;
      const busy = state === "connecting" || state === "open";
      ui.connect.disabled = busy || !model || !currentUrl();
      ui.disconnect.disabled = !busy;
      ui.send.disabled = state !== "open";
    }

    function time() {
      const now = new Date();
      return now.toTimeString().slice(0, 8) + "." + String(now.getMilliseconds()).padStart(3, "0");
    }

    function log(direction, text, extra) {
      const arrow = { out: "→", in: "←", info: "•", error: "!" }[direction] || "•";
      const item = el("li", { className: `dbx-log-item dbx-${direction}`, "data-direction": direction }, [
        el("time", { text: time() }),
        el("span", { className: "dbx-arrow", text: arrow, "aria-hidden": "true" }),
      ]);
      if (extra && extra.label) item.append(el("span", { className: "dbx-label", text: extra.label }));
      if (extra && extra.flag) {
        item.dataset.flag = extra.flag;
        item.append(el("span", { className: "dbx-flag", text: extra.flagText, title: extra.flagTitle || "" }));
      }
      item.append(el("pre", { text }));
      ui.log.append(item);
      item.scrollIntoView({ block: "nearest" });
    }

    function selectedChannel() {
      return model ? model.channels[Number(ui.channel.value)] || null : null;
    }

    function currentUrl() {
      const server = model && model.servers[Number(ui.server.value)];
      const channel = selectedChannel();
      if (!server || !channel) return null;
      let address = channel.address;
      for (const name of channel.params) {
        const value = paramValues[name];
        if (!value) return null;
        address = address.split(`{${name}}`).join(encodeURIComponent(value));
      }
      const base = String(server.pathname || "").replace(/\/+$/, "");
      const path = address ? (address.startsWith("/") ? address : `/${address}`) : "";
      return `${server.protocol}://${server.host}${base}${path}` || null;
    }

    function showUrl() {
      const url = currentUrl();
      ui.url.textContent = url || "(fill in the path parameters)";
      if (!socket) setStatus("closed", ui.status.dataset.state === "closed" ? ui.status.textContent : "disconnected");
    }

    function fillSelect(select, items) {
      select.replaceChildren(...items.map((item, index) => el("option", { value: String(index), text: item })));
      select.disabled = items.length === 0;
    }

    function renderParams() {
      const channel = selectedChannel();
      ui.params.replaceChildren();
      paramValues = {};
      for (const name of channel ? channel.params : []) {
        const input = el("input", { type: "text", spellcheck: false, "data-param": name, placeholder: name });
        input.addEventListener("input", () => {
          paramValues[name] = input.value.trim();
          showUrl();
        });
        ui.params.append(el("label", {}, [document.createTextNode(`{${name}} `), input]));
      }
    }

    function renderOperations() {
      const channel = selectedChannel();
      const ops = channel ? channel.receive : [];
      fillSelect(ui.operation, ops.map((op) => op.label));
      ui.composeNote.textContent = ops.length ? "" : "This channel documents no client → server operation.";
      renderExamples();
    }

    function renderExamples() {
      const channel = selectedChannel();
      const op = channel && channel.receive[Number(ui.operation.value)];
      choices = [];
      for (const info of op ? op.messages : []) {
        const examples = Array.isArray(info.message.examples) ? info.message.examples : [];
        examples.forEach((example, index) => {
          if (example && "payload" in example) {
            choices.push({ label: `${info.label}: ${example.name || example.summary || `example ${index + 1}`}`, value: example.payload });
          }
        });
        choices.push({ label: `${info.label}: skeleton from the schema`, value: skeleton(model.doc, info.payload, 0) });
      }
      fillSelect(ui.example, choices.map((choice) => choice.label));
      fillPayload();
    }

    function fillPayload() {
      const choice = choices[Number(ui.example.value)];
      ui.payload.value = choice ? JSON.stringify(choice.value, null, 2) : "";
    }

    function renderAuth() {
      const queryParam = (model && model.queryParam) || options.authQueryParam;
      const cookieName = (model && model.cookieName) || options.sessionCookieName || "sessionid";
      ui.auth.querySelector('option[value="query"]').disabled = !queryParam;
      ui.auth.querySelector('option[value="query"]').textContent = queryParam ? `Query-parameter token (?${queryParam}=…)` : "Query-parameter token (none documented)";
      if (ui.auth.value === "query" && !queryParam) ui.auth.value = "none";
      const mode = ui.auth.value;
      ui.tokenRow.hidden = mode !== "query";
      ui.authNote.textContent =
        mode === "query"
          ? `The token is appended to the URL as ?${queryParam}=… when you connect.`
          : mode === "cookie"
            ? `The browser sends its cookies (${cookieName}) with the handshake when the WebSocket host is this site: sign in on this origin first.`
            : "";
    }

    function setSpec(doc, note) {
      disconnect("switched spec");
      model = doc && typeof doc === "object" ? buildModel(doc) : null;
      if (!model) {
        fillSelect(ui.server, []);
        fillSelect(ui.channel, []);
        ui.params.replaceChildren();
        fillSelect(ui.operation, []);
        fillSelect(ui.example, []);
        ui.payload.value = "";
        ui.url.textContent = "";
        ui.composeNote.textContent = note || "Try-it-out needs the spec as JSON (AsyncAPISpecView serves it with Accept: application/json).";
        setStatus("closed", "unavailable");
        return;
      }
      fillSelect(ui.server, model.servers.map((server) => server.label));
      fillSelect(ui.channel, model.channels.map((channel) => `${channel.title} (${channel.address || "/"})`));
      renderParams();
      renderOperations();
      renderAuth();
      setStatus("closed", "disconnected");
      showUrl();
    }

    function connect() {
      if (socket) return; // one socket at a time
      let url = currentUrl();
      if (!url) {
        log("error", "Fill in every path parameter first.");
        return;
      }
      let shown = url;
      if (ui.auth.value === "query") {
        const name = (model && model.queryParam) || options.authQueryParam;
        const token = ui.token.value.trim();
        if (!token) {
          log("error", "Enter a token, or choose another authentication method.");
          return;
        }
        url = withQuery(url, name, token);
        shown = `${shown}${shown.includes("?") ? "&" : "?"}${name}=…`; // never log the token
      }
      let ws;
      try {
        ws = new WebSocket(url);
      } catch (error) {
        log("error", `Cannot connect to ${shown}: ${error.message}`);
        return;
      }
      socket = ws;
      let opened = false;
      setStatus("connecting", "connecting…");
      log("info", `Connecting to ${shown}`);
      ws.addEventListener("open", () => {
        if (ws !== socket) return;
        opened = true;
        setStatus("open", "connected");
        log("info", "Connected");
      });
      ws.addEventListener("message", (event) => {
        if (ws === socket) received(event.data);
      });
      ws.addEventListener("close", (event) => {
        if (ws !== socket) return;
        socket = null;
        const why = event.reason
          ? `: ${event.reason}`
          : opened
            ? ""
            : " (the server refused the handshake, or could not be reached)";
        setStatus("closed", `closed (${event.code})`);
        log("info", `Closed with code ${event.code}${why}`);
      });
      ws.addEventListener("error", () => {
        if (ws === socket) log("error", "The connection failed (see the browser console for details).");
      });
    }

    function disconnect(reason) {
      if (!socket) return;
      const ws = socket;
      socket = null;
      ws.close(1000);
      setStatus("closed", "disconnected");
      log("info", reason ? `Disconnected (${reason})` : "Disconnected");
    }

    function received(data) {
      let frame;
      try {
        frame = JSON.parse(data);
      } catch (error) {
        log("in", String(data), { flag: "not-json", flagText: "not JSON", flagTitle: "The frame is not JSON." });
        return;
      }
      const channel = selectedChannel();
      const found = (channel ? channel.incoming : []).find((info) => matches(model.doc, info.payload, frame, 0));
      const text = JSON.stringify(frame, null, 2);
      if (found) {
        log("in", text, { label: found.label });
      } else {
        log("in", text, {
          flag: "undocumented",
          flagText: "not in the spec",
          flagTitle: "This frame matches none of the server → client messages documented for this channel (advisory).",
        });
      }
    }

    function send() {
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      let value;
      try {
        value = JSON.parse(ui.payload.value);
      } catch (error) {
        ui.composeNote.textContent = `Not valid JSON: ${error.message}`;
        return;
      }
      ui.composeNote.textContent = "";
      const text = JSON.stringify(value);
      socket.send(text);
      log("out", JSON.stringify(value, null, 2));
    }

    ui.server.addEventListener("change", () => {
      disconnect("server changed");
      showUrl();
    });
    ui.channel.addEventListener("change", () => {
      disconnect("channel changed");
      renderParams();
      renderOperations();
      showUrl();
    });
    ui.auth.addEventListener("change", renderAuth);
    ui.operation.addEventListener("change", renderExamples);
    ui.example.addEventListener("change", fillPayload);
    ui.connect.addEventListener("click", connect);
    ui.disconnect.addEventListener("click", () => disconnect());
    ui.send.addEventListener("click", send);
    ui.clear.addEventListener("click", () => ui.log.replaceChildren());
    window.addEventListener("pagehide", () => disconnect("page closed"));

    return { setSpec, disconnect };
  }

  // -- diagnostics (DEBUG) and load problems ----------------------------------------------------
  const panel = byId("dbx-diagnostics");

  function showProblem(title, lines, open) {
    panel.hidden = false;
    const details = el("details", { className: "dbx-problem", open: open !== false }, [el("summary", { text: title })]);
    for (const line of lines) details.append(el("pre", { text: line }));
    panel.append(details);
  }

  async function loadDiagnostics(url, loadId) {
    let report;
    try {
      const response = await fetch(withQuery(url, "diagnostics", "1"), { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      report = await response.json();
    } catch (error) {
      return; // not one of our spec views: nothing to add
    }
    if (loadId !== state.loadId || !report || !Array.isArray(report.diagnostics)) return;
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    const others = report.diagnostics.filter((d) => d.severity !== "error");
    if (errors.length) {
      showProblem(`This spec has ${errors.length} error${errors.length === 1 ? "" : "s"} (shown because DEBUG is on)`, errors.map((d) => d.text));
    }
    if (others.length) {
      showProblem(`${others.length} warning${others.length === 1 ? "" : "s"} from generating this spec`, others.map((d) => d.text), false);
    }
  }

  // -- links in rendered spec text --------------------------------------------------------------
  // The viewer turns URLs from the spec (contact, license, externalDocs, Markdown links and HTML)
  // into links and forms without looking at their scheme. A javascript: URL would run in this page
  // when clicked and a data: URL would replace it, so such targets are taken away the moment they
  // appear. The page's CSP blocks them as well; this guard still holds where a project sends its
  // own, looser policy (DOCS_CSP = None).
  const URL_ATTRIBUTES = ["href", "xlink:href", "action", "formaction"];
  const UNSAFE_SCHEMES = new Set(["javascript:", "data:", "vbscript:"]);

  /** True when `value` would navigate to script or inline content (the URL parser strips the
   *  tabs, newlines and leading spaces that hide a scheme, as the browser does on click). */
  function isUnsafeUrl(value) {
    try {
      return UNSAFE_SCHEMES.has(new URL(value, document.baseURI).protocol);
    } catch (error) {
      return false; // not a URL at all: the browser will not navigate to it either
    }
  }

  function neutralise(element) {
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null || !isUnsafeUrl(value)) continue;
      element.removeAttribute(name);
      element.setAttribute("data-dbx-unsafe-url", value); // kept as inert text, for whoever debugs the spec
    }
  }

  function neutraliseTree(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    neutralise(node);
    for (const element of node.querySelectorAll("[*|href], [action], [formaction]")) neutralise(element);
  }

  // Mutation records are delivered before the browser handles the next event, so a link is
  // neutralised before anyone can click it.
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") neutralise(record.target);
      else for (const node of record.addedNodes) neutraliseTree(node);
    }
  }).observe(byId("dbx-viewer"), { subtree: true, childList: true, attributes: true, attributeFilter: URL_ATTRIBUTES });

  // -- the viewer and the switcher ---------------------------------------------------------------
  const state = { loadId: 0 };
  const tryIt = config.tryItOut && byId("dbx-tryit") ? createTryIt(config.tryItOut) : null;

  function renderViewer(schemaText) {
    const mount = el("div", { className: "dbx-viewer-root" });
    byId("dbx-viewer").replaceChildren(mount);
    if (typeof window.AsyncApiStandalone === "undefined") {
      showProblem("The viewer did not load", [
        "The @asyncapi/react-component bundle is missing. Run `python scripts/vendor_assets.py` (development) " +
          "or `manage.py collectstatic` (production), or set VIEWER_ASSETS to \"cdn\".",
      ]);
      return;
    }
    window.AsyncApiStandalone.render({ schema: schemaText, config: config.viewer }, mount);
  }

  async function loadSpec(index) {
    const entry = config.specs[index];
    if (!entry) return;
    const loadId = ++state.loadId;
    panel.replaceChildren();
    panel.hidden = true;
    const raw = byId("dbx-raw-link");
    if (raw) raw.href = entry.url;
    document.body.dataset.specIndex = String(index);
    document.body.dataset.specState = "loading";
    if (tryIt) tryIt.setSpec(null, "Loading the spec…");
    let text = "";
    let ok = false;
    try {
      const response = await fetch(entry.url, {
        headers: { Accept: "application/json, application/yaml;q=0.9, */*;q=0.1" },
        credentials: "same-origin",
      });
      text = await response.text();
      ok = response.ok;
      if (!ok) showProblem(`${entry.url} answered HTTP ${response.status}`, [text || response.statusText]);
    } catch (error) {
      showProblem(`Could not load ${entry.url}`, [String(error)]);
    }
    if (loadId !== state.loadId) return; // a later switch won
    let doc = null;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      doc = null; // YAML: the viewer reads it; try-it-out needs JSON
    }
    if (ok) {
      renderViewer(text);
      // search, dark mode and deep links (features.js, shared with `asyncapi-tools html`)
      shared.attach({ root: byId("dbx-viewer"), spec: doc, toolbar: document.querySelector(".dbx-bar") });
    } else {
      byId("dbx-viewer").replaceChildren();
    }
    if (config.debug) loadDiagnostics(entry.url, loadId);
    if (tryIt) tryIt.setSpec(ok ? doc : null, ok ? undefined : "The spec did not load.");
    document.body.dataset.specState = ok ? "loaded" : "failed";
  }

  const select = byId("dbx-spec-select");
  const params = new URLSearchParams(window.location.search);
  let initial = Number.parseInt(params.get("spec") || "0", 10);
  if (!(initial >= 0 && initial < config.specs.length)) initial = 0;
  if (select) {
    select.value = String(initial);
    select.addEventListener("change", () => {
      const index = Number(select.value);
      const url = new URL(window.location.href);
      url.searchParams.set("spec", String(index));
      window.history.replaceState(null, "", url);
      loadSpec(index);
    });
  }
  loadSpec(initial);
})();
