// The functions' help page (help.html, served with the add-in): written from functions.json, the
// metadata Excel itself shows in the formula bar, so the page can never describe other functions or
// arguments than the ones that ship. Each function's section id is the fragment of its helpUrl, so
// Excel's "Help on this function" link lands on it.

const INDEX_MARK = "<!-- groundup:index -->";
const FUNCTIONS_MARK = "<!-- groundup:functions -->";

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The section id a function's help link points at: its helpUrl's fragment, else "bu<name>". */
function helpAnchor(fn) {
  const hash = typeof fn.helpUrl === "string" ? fn.helpUrl.indexOf("#") : -1;
  if (hash >= 0 && hash < fn.helpUrl.length - 1) return fn.helpUrl.slice(hash + 1);
  return `bu${String(fn.id ?? fn.name).toLowerCase()}`;
}

function parameterKind(parameter) {
  const shape = parameter.dimensionality === "matrix" ? "range" : "value";
  const type = parameter.type && parameter.type !== "any" ? `${parameter.type} ` : "";
  return `${type}${shape}${parameter.optional ? ", optional" : ""}${parameter.repeating ? ", repeating" : ""}`;
}

function functionSection(fn, namespace) {
  const parameters = fn.parameters ?? [];
  const signature = `${namespace}.${fn.name}(${parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
  const rows = parameters
    .map(
      (p) =>
        `<dt><code>${escapeHtml(p.name)}</code> (${escapeHtml(parameterKind(p))})</dt><dd>${escapeHtml(p.description ?? "")}</dd>`,
    )
    .join("\n");
  const result = fn.result?.dimensionality === "matrix" ? "A spilled range." : "One value.";
  return [
    `<section id="${escapeHtml(helpAnchor(fn))}">`,
    `<h2><code>${escapeHtml(`${namespace}.${fn.name}`)}</code></h2>`,
    `<p><code>=${escapeHtml(signature)}</code></p>`,
    `<p>${escapeHtml(fn.description ?? "")}</p>`,
    parameters.length > 0 ? `<dl>\n${rows}\n</dl>` : "",
    `<p>Returns: ${result}</p>`,
    `</section>`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** help.html from the page template and the functions.json text. */
function renderHelpPage(template, functionsJson, namespace = "BU") {
  if (!template.includes(INDEX_MARK) || !template.includes(FUNCTIONS_MARK)) {
    throw new Error(`src/help/help.html must contain ${INDEX_MARK} and ${FUNCTIONS_MARK}`);
  }
  const functions = JSON.parse(functionsJson).functions ?? [];
  const index = `<ul>\n${functions
    .map(
      (fn) =>
        `<li><a href="#${escapeHtml(helpAnchor(fn))}"><code>${escapeHtml(`${namespace}.${fn.name}`)}</code></a></li>`,
    )
    .join("\n")}\n</ul>`;
  const sections = functions.map((fn) => functionSection(fn, namespace)).join("\n");
  return template.replace(INDEX_MARK, index).replace(FUNCTIONS_MARK, sections);
}

module.exports = { renderHelpPage, helpAnchor };
