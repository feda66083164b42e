/*
 * The page of `asyncapi-tools html` and `asyncapi-tools serve`: render the spec with the official
 * viewer, show the build's diagnostics, add search, dark mode and deep links (features.js), and in
 * the preview reload when the spec changes on disk.
 *
 * Everything comes from the two JSON data blocks (#aat-spec, #aat-config), which the builder
 * escapes; spec text reaches the DOM through the viewer (which sanitises Markdown) or textContent.
 */
(function () {
  "use strict";

  const byId = (id) => document.getElementById(id);
  const config = JSON.parse(byId("aat-config").textContent);
  const spec = JSON.parse(byId("aat-spec").textContent);

  function showDiagnostics(diagnostics) {
    const panel = byId("aat-diagnostics");
    panel.replaceChildren();
    const errors = diagnostics.filter((d) => d.severity === "error");
    const others = diagnostics.filter((d) => d.severity !== "error");
    for (const [list, title, open] of [
      [errors, `${errors.length} error${errors.length === 1 ? "" : "s"} in this spec`, true],
      [others, `${others.length} warning${others.length === 1 ? "" : "s"}`, false],
    ]) {
      if (!list.length) continue;
      const details = document.createElement("details");
      details.className = "aat-problem";
      details.open = open;
      const summary = document.createElement("summary");
      summary.textContent = title;
      details.append(summary);
      for (const diagnostic of list) {
        const pre = document.createElement("pre");
        pre.textContent = diagnostic.text;
        details.append(pre);
      }
      panel.append(details);
    }
    panel.hidden = !panel.childElementCount;
  }

  function render() {
    const info = spec && typeof spec.info === "object" && spec.info ? spec.info : {};
    if (typeof info.title === "string" && info.title) {
      document.title = info.title;
      byId("aat-title").textContent = info.title;
    }
    showDiagnostics(Array.isArray(config.diagnostics) ? config.diagnostics : []);
    const viewer = byId("aat-viewer");
    if (!spec) {
      viewer.replaceChildren();
      document.body.dataset.specState = "failed";
      return;
    }
    const mount = document.createElement("div");
    viewer.replaceChildren(mount);
    window.AsyncApiStandalone.render({ schema: spec, config: config.viewer || {} }, mount);
    window.AsyncApiDocsFeatures.attach({ root: viewer, spec, toolbar: byId("aat-tools") });
    document.body.dataset.specState = "loaded";
  }

  /** The preview asks the server for the spec's version and reloads when it changed. */
  function watch(live) {
    const note = byId("aat-live");
    async function poll() {
      try {
        const response = await fetch(live.url, { cache: "no-store" });
        const state = await response.json();
        note.textContent = "live preview";
        note.dataset.state = "connected";
        if (state.version !== live.version) {
          window.location.reload();
          return;
        }
      } catch (error) {
        note.textContent = "preview server stopped";
        note.dataset.state = "stopped";
      }
      window.setTimeout(poll, live.interval || 1000);
    }
    note.textContent = "live preview";
    note.hidden = false;
    window.setTimeout(poll, live.interval || 1000);
  }

  render();
  if (config.live) watch(config.live);
})();
