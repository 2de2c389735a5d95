// servicelab LiveChart: a Vega-Lite view whose named datasets can be replaced in place.
// Bundled offline with vl-convert's javascript_bundle, which provides `vegaEmbed` and `vega`
// (no import lines allowed here). A change of `datasets` updates the running view with
// view.data() — no re-parse, no re-embed — so an input change redraws in a few milliseconds.
async function render({ model, el }) {
  let result = null;
  const options = () => Object.assign({ renderer: "svg", actions: false }, model.get("embed_options") || {});

  const embed = async () => {
    if (result) { result.finalize(); result = null; }
    const spec = structuredClone(model.get("spec") || {});
    spec.datasets = structuredClone(model.get("datasets") || {});
    try {
      result = await vegaEmbed(el, spec, options());
    } catch (error) {
      el.textContent = "Chart error: " + error.message;
      console.error(error);
    }
  };

  const update = async () => {
    if (!result) { await embed(); return; }
    const view = result.view;
    const datasets = model.get("datasets") || {};
    for (const [name, values] of Object.entries(datasets)) {
      view.data(name, structuredClone(values));
    }
    await view.runAsync();
  };

  await embed();
  model.on("change:spec", embed);
  model.on("change:datasets", update);
  return () => { if (result) result.finalize(); };
}

export default { render };
