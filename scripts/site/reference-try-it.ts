/**
 * The reference's try-it console, loaded when the reader asks for it: a click on an operation's
 * "Test Request" loads Scalar's bundle (4.8 MB: 3 s and more of parsing and running on the main
 * thread, which is why the static page never waits for it) and the page's document, cuts the
 * document to that one operation and the components it reaches (listed on the button at build
 * time: Scalar clones, validates and indexes what it gets, 30 s on a 1 MB tag document), mounts
 * Scalar's reference of it out of sight and opens its console (a dialog over the page). Focus goes
 * back to the button when the console closes (headless-ui's dialog restores it).
 *
 * Browser code, kept in a string (ES2017, no build step): the page inlines it.
 */
import { HTTP_METHODS } from "../ir/operation.js";

export const TRY_IT_SCRIPT = `
(function () {
  var settings = JSON.parse(document.getElementById("reference-settings").textContent);
  var status = document.getElementById("try-it-status");
  var host = document.getElementById("try-it-host");
  var METHODS = ${JSON.stringify(HTTP_METHODS)};
  var scalarLoaded = null, documentLoaded = null, instance = null;

  function loadScalar() {
    if (!scalarLoaded) scalarLoaded = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = settings.scalar;
      script.onload = function () { startAriaFixes(); resolve(); };
      script.onerror = function () { scalarLoaded = null; reject(new Error("could not load " + settings.scalar)); };
      document.head.appendChild(script);
    });
    return scalarLoaded;
  }
  function loadDocument() {
    if (!documentLoaded) documentLoaded = fetch(settings.document).then(function (response) {
      if (!response.ok) throw new Error(settings.document + ": HTTP " + response.status);
      return response.json();
    }).catch(function (error) { documentLoaded = null; throw error; });
    return documentLoaded;
  }
  // The names are as reachableComponents writes them: pointer tokens, never percent-encoded.
  var unescapePointer = function (part) { return part.replace(/~1/g, "/").replace(/~0/g, "~"); };

  /** The document with one operation, the components it reaches and every security scheme. */
  function operationDocument(document, method, path, refs) {
    var item = document.paths[path], kept = {}, components = {}, copy = {};
    Object.keys(item).forEach(function (key) { if (METHODS.indexOf(key) < 0 || key === method) kept[key] = item[key]; });
    refs.split(" ").filter(Boolean).forEach(function (ref) {
      var slash = ref.indexOf("/"), section = ref.slice(0, slash), name = unescapePointer(ref.slice(slash + 1));
      var source = (document.components || {})[section];
      if (source && Object.prototype.hasOwnProperty.call(source, name)) (components[section] = components[section] || {})[name] = source[name];
    });
    if (document.components && document.components.securitySchemes) components.securitySchemes = document.components.securitySchemes;
    Object.keys(document).forEach(function (key) { if (["paths", "components", "webhooks", "x-webhooks", "tags"].indexOf(key) < 0) copy[key] = document[key]; });
    copy.info = { title: document.info.title, version: document.info.version };
    var tags = item[method].tags || [];
    copy.tags = (document.tags || []).filter(function (tag) { return tags.indexOf(tag.name) >= 0; });
    copy.paths = {};
    copy.paths[path] = kept;
    copy.components = components;
    return copy;
  }

  /** Resolves with what find() returns once it returns something (the DOM watched meanwhile). */
  function whenPresent(find, timeoutMs) {
    return new Promise(function (resolve, reject) {
      var found = find();
      if (found) return resolve(found);
      var observer = new MutationObserver(function () {
        var now = find();
        if (!now) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(now);
      });
      observer.observe(document.body, { childList: true, subtree: true });
      var timer = setTimeout(function () { observer.disconnect(); reject(new Error("the console did not open in time")); }, timeoutMs);
    });
  }
  var scalarTestButton = function () {
    return Array.prototype.find.call(host.querySelectorAll("button"), function (b) { return /Test Request/.test(b.textContent); });
  };
  var consoleDialog = function () { return document.querySelector("[role=dialog]"); };

  function openConsole(button) {
    if (button.getAttribute("aria-busy") === "true") return;
    button.setAttribute("aria-busy", "true");
    status.textContent = "Loading the request console…";
    Promise.all([loadScalar(), loadDocument()])
      .then(function (loaded) {
        var document = operationDocument(loaded[1], button.dataset.method, button.dataset.path, button.dataset.components);
        if (instance) instance.destroy();
        host.textContent = "";
        var mount = window.document.createElement("div");
        host.appendChild(mount);
        var dark = window.document.body.classList.contains("dark-mode");
        // Only the operation and its console: Scalar renders what is in view first, and it is out of sight.
        var only = { showSidebar: false, hideModels: true, hideSearch: true, defaultOpenAllTags: true, content: document, darkMode: dark };
        instance = Scalar.createApiReference(mount, Object.assign({}, settings.config, only));
        return whenPresent(scalarTestButton, 120000);
      })
      .then(function (scalarButton) {
        scalarButton.click();
        return whenPresent(consoleDialog, 30000);
      })
      .then(function () { status.textContent = "Request console open"; })
      .catch(function (error) { status.textContent = "The request console could not be opened: " + error.message; })
      .then(function () { button.removeAttribute("aria-busy"); });
  }
  window.document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button.try-it") : null;
    if (button) openConsole(button);
  });
  window.document.querySelector(".theme-toggle").addEventListener("click", function () {
    var dark = !window.document.body.classList.contains("dark-mode");
    window.document.body.classList.toggle("dark-mode", dark);
    window.document.body.classList.toggle("light-mode", !dark);
    localStorage.setItem("vitepress-theme-appearance", dark ? "dark" : "light");
  });
})();
`;
