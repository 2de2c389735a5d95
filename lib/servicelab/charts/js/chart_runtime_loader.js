// servicelab ChartRuntime loader: the ChartRuntime's `_esm`. The vega bundle (chart_runtime.js
// bundled by vl-convert, ~0.9 MB) travels gzip-compressed and base64-encoded (~0.4 MB) in the
// widget state; this module inflates it with the browser's DecompressionStream and imports it.
// `initialize` returns at once with the runtime's exports, `{ ready }`: a promise of what the
// bundle's own `initialize` returns ({vegaEmbed, vega}). (anywidget reports a model whose
// `initialize` takes more than 2 s as failed; evaluating vega can, on a busy machine.)
const PACKED = "__SERVICELAB_PACKED_BUNDLE__";

async function load(context) {
  const bytes = Uint8Array.from(atob(PACKED), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const source = await new Response(stream).text();
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    const bundle = await import(/* webpackIgnore: true */ url);
    return bundle.default.initialize(context);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export default {
  initialize(context) {
    const ready = load(context);
    ready.catch((error) => console.error(error));
    return { ready };
  },
};
