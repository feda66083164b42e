/*
 * Search, dark mode and deep links around the official @asyncapi/react-component viewer.
 *
 * One source for the three pages that show a spec: the single file of `asyncapi-tools html`, the
 * live preview of `asyncapi-tools serve`, and the Django docs page (which serves a copy that
 * scripts/vendor_assets.py places among its static files). Each page renders the viewer, then calls
 *
 *     AsyncApiDocsFeatures.attach({ root, spec, toolbar })
 *
 * with the element the viewer rendered into, the parsed spec (plain JSON data) and the element
 * that receives the search box and the theme toggle. Calling it again (another spec) re-indexes.
 *
 * It also lends the Django page's docs.js (loaded after it) the helpers both need, so there is
 * one JSON-pointer resolver for every page: `el`, `resolvePointer`, `deref` and `escapePointer`.
 *
 * Rules this file keeps:
 * - the search index is built from the parsed spec, never by scraping the rendered HTML;
 * - spec text reaches the DOM through textContent only (no innerHTML, no string-built markup);
 * - item ids are the viewer's own (`operation-<kind>-<id>`, `message-<id>`), so the viewer's
 *   sidebar links, our search results and a URL's #fragment all name the same element.
 * Plain modern JavaScript, no build step.
 */
(function () {
  "use strict";

  const THEME_KEY = "asyncapi-docs-theme";
  const MAX_RESULTS = 30;
  const MAX_DEPTH = 8;

  /** Create an element; `text` always goes through textContent. */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key.startsWith("data-") || key.startsWith("aria-")) node.setAttribute(key, String(value));
      else node[key] = value;
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  // -- the spec as data --------------------------------------------------------------------------
  const escapePointer = (step) => String(step).replace(/~/g, "~0").replace(/\//g, "~1");
  const unescapePointer = (step) => step.replace(/~1/g, "/").replace(/~0/g, "~");

  /** The value a local `#/...` reference names in `doc`, or undefined (remote refs are never
   *  followed). */
  function resolvePointer(doc, ref) {
    if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
    let node = doc;
    for (const raw of ref.slice(1).split("/").slice(1)) {
      let step = raw;
      try {
        step = decodeURIComponent(raw);
      } catch (error) {
        step = raw; // a literal % in a name
      }
      step = unescapePointer(step);
      if (node === null || typeof node !== "object" || !(step in node)) return undefined;
      node = node[step];
    }
    return node;
  }

  /** `node` with its `$ref` chain followed (at most 32 steps): an object, or undefined. */
  function deref(doc, node) {
    let depth = 0;
    while (node && typeof node === "object" && typeof node.$ref === "string" && depth < 32) {
      node = resolvePointer(doc, node.$ref);
      depth += 1;
    }
    return node && typeof node === "object" ? node : undefined;
  }

  /** The viewer's name for an operation: send/receive, or request/reply when it has a reply. */
  function operationKind(operation) {
    if (operation.action === "send") return operation.reply ? "request" : "send";
    return operation.reply ? "reply" : "receive";
  }

  const text = (...parts) => parts.filter((part) => typeof part === "string" && part).join(" ");

  /** Every payload property below `schema`: [name, description, path] (depth- and cycle-limited). */
  function payloadFields(doc, schema, path, depth, seen, out) {
    schema = deref(doc, schema);
    if (!schema || depth > MAX_DEPTH || seen.has(schema)) return out;
    seen.add(schema);
    const properties = schema.properties && typeof schema.properties === "object" ? schema.properties : {};
    for (const [name, sub] of Object.entries(properties)) {
      const resolved = deref(doc, sub) || {};
      const fieldPath = path ? `${path}.${name}` : name;
      out.push({ name, description: text(resolved.title, resolved.description), path: fieldPath });
      payloadFields(doc, resolved, fieldPath, depth + 1, seen, out);
    }
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      if (Array.isArray(schema[key])) for (const part of schema[key]) payloadFields(doc, part, path, depth + 1, seen, out);
    }
    if (schema.items) payloadFields(doc, schema.items, path ? `${path}[]` : "[]", depth + 1, seen, out);
    return out;
  }

  /** The search index: one entry per channel, operation, message and payload field. */
  function buildIndex(doc) {
    const entries = [];
    if (!doc || typeof doc !== "object") return entries;
    const operations = doc.operations && typeof doc.operations === "object" ? doc.operations : {};
    const channels = doc.channels && typeof doc.channels === "object" ? doc.channels : {};
    const messageTargets = new Map(); // message object → its viewer ids
    const operationsOfChannel = new Map();

    for (const [id, raw] of Object.entries(operations)) {
      const operation = deref(doc, raw);
      if (!operation) continue;
      const target = `operation-${operationKind(operation)}-${id}`;
      entries.push({
        kind: "operation",
        label: operation.title || id,
        detail: text(operation.action, operation.summary),
        haystack: text(id, operation.title, operation.summary, operation.description).toLowerCase(),
        name: id.toLowerCase(),
        targets: [target],
      });
      const channel = deref(doc, operation.channel);
      if (channel) {
        if (!operationsOfChannel.has(channel)) operationsOfChannel.set(channel, []);
        operationsOfChannel.get(channel).push(target);
      }
    }

    function addMessage(name, raw) {
      const message = deref(doc, raw);
      if (!message) return;
      // the viewer names a message after its key, where it is defined (components or channel)
      const defined = typeof raw.$ref === "string" ? unescapePointer(raw.$ref.split("/").pop()) : name;
      const targets = messageTargets.get(message) || [];
      for (const candidate of [defined, name, message.name]) {
        if (typeof candidate === "string" && !targets.includes(`message-${candidate}`)) targets.push(`message-${candidate}`);
      }
      if (messageTargets.has(message)) return;
      messageTargets.set(message, targets);
      entries.push({
        kind: "message",
        label: message.title || message.name || name,
        detail: text(message.summary, message.name && message.name !== (message.title || name) ? message.name : ""),
        haystack: text(name, defined, message.name, message.title, message.summary, message.description).toLowerCase(),
        name: String(name).toLowerCase(),
        targets,
      });
      for (const field of payloadFields(doc, message.payload, "", 0, new Set(), [])) {
        entries.push({
          kind: "field",
          label: field.path,
          detail: text(`in ${message.title || message.name || name}`, field.description),
          haystack: text(field.name, field.description).toLowerCase(),
          name: field.name.toLowerCase(),
          targets,
        });
      }
    }

    for (const [id, raw] of Object.entries(channels)) {
      const channel = deref(doc, raw);
      if (!channel) continue;
      entries.push({
        kind: "channel",
        label: channel.title || id,
        detail: text(channel.address),
        haystack: text(id, channel.address, channel.title, channel.summary, channel.description).toLowerCase(),
        name: id.toLowerCase(),
        targets: operationsOfChannel.get(channel) || [],
      });
      const messages = channel.messages && typeof channel.messages === "object" ? channel.messages : {};
      for (const [name, message] of Object.entries(messages)) if (message && typeof message === "object") addMessage(name, message);
    }
    const components = doc.components && typeof doc.components === "object" ? doc.components : {};
    const messages = components.messages && typeof components.messages === "object" ? components.messages : {};
    for (const [name, message] of Object.entries(messages)) {
      if (message && typeof message === "object") addMessage(name, { $ref: `#/components/messages/${escapePointer(name)}` });
    }
    return entries;
  }

  /** Best first: an exact name, then a name that starts with the query, then any match. */
  function search(index, query) {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    const scored = [];
    for (const entry of index) {
      if (!entry.haystack.includes(needle)) continue;
      const score = entry.name === needle ? 0 : entry.name.startsWith(needle) ? 1 : entry.name.includes(needle) ? 2 : 3;
      scored.push([score, entry]);
    }
    scored.sort((a, b) => a[0] - b[0]);
    return scored.slice(0, MAX_RESULTS).map((pair) => pair[1]);
  }

  // -- deep links ----------------------------------------------------------------------------------
  const state = { root: null, index: [], hashTimer: null };

  function findTarget(ids) {
    for (const id of ids) {
      const found = document.getElementById(id);
      if (found && state.root && state.root.contains(found)) return found;
    }
    // the viewer prefixes ids when its config sets a schemaID: `<schemaID>-operation-...`
    for (const id of ids) {
      const found = state.root && state.root.querySelector(`[id$="-${CSS.escape(id)}"]`);
      if (found) return found;
    }
    return null;
  }

  function reveal(element) {
    for (const old of document.querySelectorAll(".aat-target")) old.classList.remove("aat-target");
    element.classList.add("aat-target");
    element.scrollIntoView({ block: "start" });
  }

  /** Open what the URL's #fragment names. The viewer renders in steps (a loading state, then the
   *  parsed document, then fonts and sections settle), so wait until the element is there and
   *  has stopped moving before scrolling to it. */
  function followHash() {
    window.clearInterval(state.hashTimer);
    let id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      id = window.location.hash.slice(1);
    }
    if (!id) return;
    let tries = 0;
    let last = null;
    let steady = 0;
    state.hashTimer = window.setInterval(() => {
      const element = findTarget([id]);
      const top = element ? element.getBoundingClientRect().top + window.scrollY : null;
      steady = element && last && last.element === element && last.top === top ? steady + 1 : 0;
      last = { element, top };
      if (steady >= 3) {
        window.clearInterval(state.hashTimer);
        reveal(element);
        document.body.dataset.deepLink = id;
      } else if (++tries > 200) {
        window.clearInterval(state.hashTimer);
      }
    }, 50);
  }

  function jump(entry) {
    const element = findTarget(entry.targets);
    if (!element) return;
    window.history.replaceState(null, "", `#${encodeURIComponent(element.id)}`);
    reveal(element);
    document.body.dataset.deepLink = element.id;
  }

  /** A `#` link beside each operation and message: the URL to share for that item. */
  function addPermalinks() {
    const ids = new Set();
    for (const entry of state.index) if (entry.kind === "operation" || entry.kind === "message") for (const id of entry.targets) ids.add(id);
    for (const id of ids) {
      const element = findTarget([id]);
      if (!element || element.querySelector(":scope > .aat-permalink")) continue;
      element.prepend(el("a", { className: "aat-permalink", href: `#${encodeURIComponent(element.id)}`, text: "#", "aria-label": "Link to this item" }));
    }
  }

  // -- the search box --------------------------------------------------------------------------------
  function createSearch(toolbar) {
    const input = el("input", {
      id: "aat-search",
      className: "aat-search",
      type: "search",
      placeholder: "Search (press /)",
      autocomplete: "off",
      spellcheck: false,
      "aria-label": "Search channels, operations, messages and payload fields",
      "aria-controls": "aat-results",
    });
    const results = el("ol", { id: "aat-results", className: "aat-results", hidden: true, "aria-label": "Search results" });
    const box = el("div", { className: "aat-search-box" }, [input, results]);
    toolbar.append(box);
    let shown = [];
    let active = -1;

    function setActive(index) {
      active = index;
      results.querySelectorAll("li").forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    }

    function close() {
      results.hidden = true;
      results.replaceChildren();
      shown = [];
      active = -1;
    }

    function choose(entry) {
      close();
      input.blur();
      jump(entry);
    }

    function update() {
      shown = search(state.index, input.value);
      results.replaceChildren();
      if (!input.value.trim()) return close();
      if (!shown.length) {
        results.append(el("li", { className: "aat-empty", text: "No match" }));
      }
      for (const entry of shown) {
        const item = el("li", { "data-kind": entry.kind, "aria-selected": "false" }, [
          el("span", { className: "aat-kind", text: entry.kind }),
          el("span", { className: "aat-label", text: entry.label }),
          entry.detail ? el("span", { className: "aat-detail", text: entry.detail }) : null,
        ]);
        item.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep focus until the click lands
          choose(entry);
        });
        results.append(item);
      }
      results.hidden = false;
      setActive(shown.length ? 0 : -1);
    }

    input.addEventListener("input", update);
    input.addEventListener("blur", () => window.setTimeout(close, 150));
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && shown.length) {
        event.preventDefault();
        setActive((active + 1) % shown.length);
      } else if (event.key === "ArrowUp" && shown.length) {
        event.preventDefault();
        setActive((active - 1 + shown.length) % shown.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(shown[active]);
      } else if (event.key === "Escape") {
        input.value = "";
        close();
        input.blur();
      }
    });
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    return { refresh: () => (input.value ? update() : close()) };
  }

  // -- dark mode --------------------------------------------------------------------------------------
  function storedTheme() {
    try {
      const value = window.localStorage.getItem(THEME_KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (error) {
      return null; // storage disabled: follow the system only
    }
  }

  const systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function currentTheme() {
    return storedTheme() || (systemDark && systemDark.matches ? "dark" : "light");
  }

  function applyTheme(button) {
    const theme = currentTheme();
    document.documentElement.dataset.theme = theme;
    if (button) {
      button.setAttribute("aria-pressed", String(theme === "dark"));
      button.textContent = theme === "dark" ? "Light mode" : "Dark mode";
    }
  }

  function createThemeToggle(toolbar) {
    const button = el("button", { id: "aat-theme", className: "aat-theme", type: "button", "aria-label": "Toggle dark mode" });
    button.addEventListener("click", () => {
      const next = currentTheme() === "dark" ? "light" : "dark";
      try {
        window.localStorage.setItem(THEME_KEY, next);
      } catch (error) {
        // storage disabled: the choice lasts until the page is left
      }
      document.documentElement.dataset.theme = next;
      button.setAttribute("aria-pressed", String(next === "dark"));
      button.textContent = next === "dark" ? "Light mode" : "Dark mode";
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", () => applyTheme(button));
    toolbar.append(button);
    applyTheme(button);
    return button;
  }

  // Before the viewer renders, so a dark page does not flash white.
  applyTheme(null);

  // -- wiring -------------------------------------------------------------------------------------------
  let controls = null;

  function attach(options) {
    state.root = options.root;
    state.index = buildIndex(options.spec);
    if (!controls && options.toolbar) {
      controls = { search: createSearch(options.toolbar), theme: createThemeToggle(options.toolbar) };
      window.addEventListener("hashchange", followHash);
    }
    if (controls) controls.search.refresh();
    // the viewer renders asynchronously: add the permalinks as its items appear
    let rounds = 0;
    const timer = window.setInterval(() => {
      addPermalinks();
      if (++rounds > 40) window.clearInterval(timer);
    }, 100);
    followHash();
    document.body.dataset.featuresReady = "true";
  }

  window.AsyncApiDocsFeatures = Object.freeze({ attach, buildIndex, search, el, resolvePointer, deref, escapePointer });
})();
