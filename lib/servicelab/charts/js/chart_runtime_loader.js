// servicelab ChartRuntime loader: the ChartRuntime's `_esm`. The vega bundle (chart_runtime.js
// bundled by vl-convert, ~0.9 MB) travels gzip-compressed and base64-encoded (~0.35 MB) in the
// widget state; this module inflates it with the browser's DecompressionStream, imports it and
// returns what its `initialize` returns ({vegaEmbed, vega}) as the runtime's exports.
const PACKED = "__SERVICELAB_PACKED_BUNDLE__";

export default {
  async initialize(context) {
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
  },
};
