// TeX fragments -> SVG with MathJax 3 (mathjax-full, installed by `make mathjax` into .cache/).
// Called by servicelab.handouts.maths once per page: reads a JSON list of {"tex": …, "display": bool}
// on stdin, writes a JSON list of {"svg": …} or {"error": message} on stdout (same order).
// Each SVG is self-contained (fontCache "local": its glyph paths inside it), so a page needs no
// script, no font and no shared definitions; text in \text{} that MathJax's fonts lack (Chinese)
// is drawn as SVG <text> (handout.css gives it the page's CJK font).
"use strict";
const path = require("path");
const root = process.env.SERVICELAB_MATHJAX || path.join(__dirname, "..", "..", "..", ".cache", "mathjax-full");
const req = (m) => require(require.resolve(m, { paths: [path.join(root, "node_modules")] }));

const { mathjax } = req("mathjax-full/js/mathjax.js");
const { TeX } = req("mathjax-full/js/input/tex.js");
const { SVG } = req("mathjax-full/js/output/svg.js");
const { liteAdaptor } = req("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = req("mathjax-full/js/handlers/html.js");
const { AllPackages } = req("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// no "noerrors"/"noundefined": a TeX error is thrown and reported, never drawn as a formula
const packages = AllPackages.filter((p) => p !== "noerrors" && p !== "noundefined");
const tex = new TeX({ packages, formatError: (jax, err) => { throw err; } });
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex: src, display }) => {
    try {
      const node = doc.convert(src, { display: !!display });
      return { svg: adaptor.innerHTML(node) };
    } catch (err) {
      return { error: String((err && err.message) || err) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
