// servicelab ChartRuntime: vega, vega-lite and vega-embed, loaded once per kernel.
// Bundled offline with vl-convert's javascript_bundle, which provides `vegaEmbed` and `vega`
// (no import lines allowed here). The widget is never displayed: anywidget evaluates this module
// when the widget's model is created and hands what `initialize` returns to every LiveChart that
// refers to it (`host.getWidget(ref).exports`, see live_chart.js), so the bundle is sent and
// evaluated once per kernel instead of once per chart.
export default {
  initialize() {
    return { vegaEmbed, vega: vegaEmbed.vega };  // vega-embed carries vega (a bare `vega` is null here)
  },
};
