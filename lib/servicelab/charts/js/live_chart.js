// servicelab LiveChart: a Vega-Lite view whose named datasets can be replaced in place.
// vegaEmbed comes from the kernel's ChartRuntime widget (`runtime`, see chart_runtime.js), which
// loads vega once per kernel; this module is plain JavaScript, sent with every chart.
// A change of `datasets` updates the running view with
// view.data() — no re-parse, no re-embed — so an input change redraws in a few milliseconds.
// Text alternative: the chart is a figure named by `alt_text`; a button under it shows the
// chart's data as a table (`table_html`, built and escaped in Python), with translated labels.
let counter = 0;

// {vegaEmbed, vega} once the runtime has evaluated the bundle. anywidget's host.getWidget waits
// up to 10 s for the runtime's model; a busy page (several kernels loading) may need longer.
async function chartRuntime(model, host) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await host.getWidget(model.get("runtime"))).exports.ready;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function render({ model, el, host }) {
  let result = null;
  const options = () => Object.assign({ renderer: "svg", actions: false }, model.get("embed_options") || {});

  const figure = document.createElement("div");
  figure.className = "sl-chart-figure";
  figure.setAttribute("role", "figure");
  const view = document.createElement("div");
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "sl-chart-table-toggle";
  toggle.style.cssText = "margin:4px 0;padding:2px 10px;font-size:12px;color:#222;background:#fff;" +
    "border:1px solid #767676;border-radius:2px;cursor:pointer";
  const table = document.createElement("div");
  table.className = "sl-chart-table";
  table.id = `sl-chart-table-${Date.now().toString(36)}-${counter++}`;
  table.hidden = true;
  table.style.cssText = "font-size:12px;max-height:320px;overflow:auto";
  toggle.setAttribute("aria-controls", table.id);
  toggle.setAttribute("aria-expanded", "false");
  figure.append(view, toggle, table);
  el.append(figure);

  const text = () => {
    figure.setAttribute("aria-label", model.get("alt_text") || "");
    const labels = model.get("table_labels") || {};
    toggle.textContent = (table.hidden ? labels.show : labels.hide) || "";
    toggle.style.display = model.get("table_html") ? "block" : "none";
    if (!table.hidden) table.innerHTML = model.get("table_html") || "";
  };
  toggle.addEventListener("click", () => {
    table.hidden = !table.hidden;
    toggle.setAttribute("aria-expanded", String(!table.hidden));
    text();
  });

  const embed = async () => {
    if (result) { result.finalize(); result = null; }
    const spec = structuredClone(model.get("spec") || {});
    spec.datasets = structuredClone(model.get("datasets") || {});
    try {
      result = await vegaEmbed(view, spec, options());
    } catch (error) {
      view.textContent = "Chart error: " + error.message;
      console.error(error);
    }
  };

  const update = async () => {
    if (!result) { await embed(); return; }
    const v = result.view;
    const datasets = model.get("datasets") || {};
    for (const [name, values] of Object.entries(datasets)) {
      v.data(name, structuredClone(values));
    }
    await v.runAsync();
  };

  text();
  let vegaEmbed;
  try {
    ({ vegaEmbed } = await chartRuntime(model, host));
  } catch (error) {
    view.textContent = "Chart error: " + error.message;
    console.error(error);
    return;
  }
  text();  // again: the text may have changed while vega loaded
  await embed();
  model.on("change:spec", embed);
  model.on("change:datasets", update);
  model.on("change:alt_text", text);
  model.on("change:table_html", text);
  model.on("change:table_labels", text);
  return () => { if (result) result.finalize(); };
}

export default { render };
