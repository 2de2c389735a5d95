// servicelab class mode: the phone page.
// Polls GET /api/round once a second, shows the round (choice or survey), sends POST /api/answer.
// Every string shown is inserted with textContent (never as markup): question texts, option
// texts, the student's own text, server messages.
(function () {
  "use strict";
  var STRINGS = JSON.parse(document.getElementById("sl-strings").textContent);
  var CONFIG = JSON.parse(document.getElementById("sl-config").textContent);
  var CODE = CONFIG.code;
  var POLL_MS = 1000;
  var LANG_KEY = "servicelab-class-lang";
  var DEVICE_KEY = "servicelab-class-device";

  function store(key, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem(key); }
      window.localStorage.setItem(key, value);
    } catch (e) { /* private mode: this page load only */ }
    return value;
  }

  var lang = store(LANG_KEY) || CONFIG.lang;
  if (!STRINGS[lang]) { lang = CONFIG.lang; }

  function newDeviceId() {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    var bytes = new Uint8Array(22);
    window.crypto.getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) { out += alphabet.charAt(bytes[i] % 64); }
    return out;
  }
  var device = store(DEVICE_KEY);
  if (!device || !/^[A-Za-z0-9_-]{8,64}$/.test(device)) { device = store(DEVICE_KEY, newDeviceId()); }

  function s(key, params) {
    var text = (STRINGS[lang] && STRINGS[lang][key]) || (STRINGS.zh && STRINGS.zh[key]) || key;
    if (params) {
      Object.keys(params).forEach(function (k) { text = text.split("{" + k + "}").join(String(params[k])); });
    }
    return text;
  }

  var el = {
    title: document.getElementById("sl-title"),
    lang: document.getElementById("sl-lang"),
    status: document.getElementById("sl-status"),
    form: document.getElementById("sl-form"),
    error: document.getElementById("sl-error")
  };

  // state
  var round = null;          // the round shown (as the server sent it)
  var renderedKey = null;    // "id:open:lang" of what the form shows
  var sessionOpen = true;
  var sentPayload = null;    // JSON of the last acknowledged answer of this round
  var sending = false;
  var lastError = null;      // {zh, en} of the last refusal
  var statusKey = "connecting";
  var statusParams = null;

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }

  // The round's display text in the page's language, else the other language, else the key.
  function display(r) {
    var d = r.display || {};
    var mine = d[lang] || {}, other = d[lang === "zh" ? "en" : "zh"] || {};
    function pick(name) { return mine[name] !== undefined ? mine[name] : other[name]; }
    function table(name) {
      var out = {}, a = other[name] || {}, b = mine[name] || {};
      Object.keys(a).forEach(function (k) { out[k] = a[k]; });
      Object.keys(b).forEach(function (k) { out[k] = b[k]; });
      return out;
    }
    return {prompt: pick("prompt"), title: pick("title"), groups: mine.groups || other.groups || [],
            options: table("options"), items: table("items"), texts: table("texts")};
  }

  function setStatus(key, params, cls) {
    statusKey = key; statusParams = params || null;
    var boxes = [el.status].concat(Array.prototype.slice.call(el.form.querySelectorAll(".status")));
    boxes.forEach(function (b, i) {
      b.textContent = s(key, params);
      b.className = "status" + (i ? " foot" : "") + (cls ? " " + cls : "");
    });
  }

  function showError(err) {
    lastError = err;
    if (!err) { el.error.hidden = true; el.error.textContent = ""; return; }
    el.error.textContent = err[lang] || err.zh || err.en || "";
    el.error.hidden = false;
  }

  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = s("title");
    el.title.textContent = s("title");
    el.lang.textContent = s("switch");
    el.lang.setAttribute("aria-label", s("switch_label"));
    el.lang.setAttribute("lang", lang === "zh" ? "en" : "zh-CN");
    setStatus(statusKey, statusParams, el.status.className.replace("status", "").replace("foot", "").trim());
    if (lastError) { showError(lastError); }
  }

  // ---- building the form ----------------------------------------------------------------
  function choiceForm(r, f) {
    var d = display(r);
    var opts = d.options || {};
    f.appendChild(node("p", "hint", s(r.phase === 2 ? "phase_2" : "phase_1")));
    if (d.prompt) { f.appendChild(node("p", "prompt", d.prompt)); }
    var set = node("fieldset", "opts");
    set.appendChild(node("legend", "hint", s(r.multiple ? "choose_many" : "choose_one")));
    r.options.forEach(function (key) {
      var label = node("label", "opt");
      var input = document.createElement("input");
      input.type = r.multiple ? "checkbox" : "radio";
      input.name = "choice";
      input.value = key;
      label.appendChild(input);
      label.appendChild(node("span", "key", key));
      if (opts[key]) { label.appendChild(node("span", "text", opts[key])); }
      set.appendChild(label);
    });
    f.appendChild(set);
  }

  function scaleItem(item, title) {
    var set = node("fieldset", "item");
    set.appendChild(node("legend", null, title || item.key));
    var scale = node("div", "scale");
    for (var v = item.min; v <= item.max; v++) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "r:" + item.key;
      input.value = String(v);
      label.appendChild(input);
      label.appendChild(node("span", null, String(v)));
      scale.appendChild(label);
    }
    set.appendChild(scale);
    var anchors = item.min === 1 && item.max === 7 ? ["end_low", "end_high"]
      : item.min === 0 && item.max === 10 ? ["end_low_10", "end_high_10"] : null;  // the labels name their numbers
    if (anchors) {
      var ends = node("div", "ends");
      ends.appendChild(node("span", null, s(anchors[0])));
      ends.appendChild(node("span", null, s(anchors[1])));
      set.appendChild(ends);
    }
    return set;
  }

  function surveyForm(r, f) {
    var d = display(r);
    var names = d.items || {};
    f.appendChild(node("p", "prompt", d.title || s("survey")));
    f.appendChild(node("p", "hint", s("rate_all")));
    var byKey = {};
    r.items.forEach(function (it) { byKey[it.key] = it; });
    var placed = {};
    (d.groups || []).forEach(function (g) {
      var set = node("fieldset", "group");
      set.appendChild(node("legend", null, g.title));
      g.keys.forEach(function (k) {
        if (byKey[k] && !placed[k]) { set.appendChild(scaleItem(byKey[k], names[k])); placed[k] = true; }
      });
      f.appendChild(set);
    });
    var rest = r.items.filter(function (it) { return !placed[it.key]; });
    if (rest.length) {
      var set = node("fieldset", "group");
      if ((d.groups || []).length) { set.appendChild(node("legend", null, s("other_items"))); }
      rest.forEach(function (it) { set.appendChild(scaleItem(it, names[it.key])); });
      f.appendChild(set);
    }
    var texts = d.texts || {};
    (r.texts || []).forEach(function (field) {
      var label = node("label", "textfield");
      label.appendChild(node("span", null, texts[field.key] || field.key));
      var area = document.createElement("textarea");
      area.name = "t:" + field.key;
      area.maxLength = field.max_len;
      label.appendChild(area);
      f.appendChild(label);
    });
  }

  function render(r, mine) {
    var f = el.form;
    while (f.firstChild) { f.removeChild(f.firstChild); }
    if (r.kind === "choice") { choiceForm(r, f); } else { surveyForm(r, f); }
    var button = node("button", "send", s("send"));
    button.type = "submit";
    f.appendChild(button);
    var foot = node("p", "status foot");  // the same status next to the button (long survey forms)
    foot.setAttribute("aria-hidden", "true");
    f.appendChild(foot);
    if (mine) { fill(r, mine); }
    f.hidden = false;
  }

  function fill(r, payload) {
    var f = el.form;
    if (r.kind === "choice") {
      Array.prototype.forEach.call(f.querySelectorAll("input[name=choice]"), function (i) {
        i.checked = payload.choice.indexOf(i.value) >= 0;
      });
    } else {
      Object.keys(payload.ratings || {}).forEach(function (k) {
        Array.prototype.forEach.call(f.querySelectorAll("input[type=radio]"), function (i) {
          if (i.name === "r:" + k) { i.checked = i.value === String(payload.ratings[k]); }
        });
      });
      Object.keys(payload.texts || {}).forEach(function (k) {
        Array.prototype.forEach.call(f.querySelectorAll("textarea"), function (a) {
          if (a.name === "t:" + k) { a.value = payload.texts[k]; }
        });
      });
    }
  }

  function collect(r) {
    var f = el.form;
    if (r.kind === "choice") {
      var chosen = [];
      Array.prototype.forEach.call(f.querySelectorAll("input[name=choice]"), function (i) {
        if (i.checked) { chosen.push(i.value); }
      });
      return {choice: chosen};
    }
    var ratings = {}, texts = {};
    Array.prototype.forEach.call(f.querySelectorAll("input[type=radio]"), function (i) {
      if (i.checked && i.name.indexOf("r:") === 0) { ratings[i.name.slice(2)] = parseInt(i.value, 10); }
    });
    Array.prototype.forEach.call(f.querySelectorAll("textarea"), function (a) {
      if (a.value !== "") { texts[a.name.slice(2)] = a.value; }
    });
    return {ratings: ratings, texts: texts};
  }

  function setEnabled(on) {
    Array.prototype.forEach.call(el.form.querySelectorAll("input, textarea, button"), function (i) {
      i.disabled = !on;
    });
  }

  // ---- the round from the server --------------------------------------------------------
  function onRound(data) {
    sessionOpen = data.session_open;
    var r = data.round;
    if (!sessionOpen) {
      round = null; renderedKey = null; el.form.hidden = true;
      setStatus("session_ended", null, "closed");
      return;
    }
    if (!r) {
      round = null; renderedKey = null; el.form.hidden = true;
      setStatus("waiting", null, "closed");
      return;
    }
    var key = r.id + ":" + lang;
    if (renderedKey !== key) {
      var fresh = !round || round.id !== r.id;
      round = r;
      if (fresh) { sentPayload = data.mine ? JSON.stringify(data.mine) : null; showError(null); }
      render(r, fresh ? data.mine : (sentPayload ? JSON.parse(sentPayload) : null));
      renderedKey = key;
    }
    round = r;
    if (!r.open) {
      setEnabled(false);
      setStatus(sentPayload ? "closed_sent" : "closed", null, "closed");
    } else if (!sending) {
      setEnabled(true);
      updateDirty();
    }
  }

  function updateDirty() {
    if (!round || !round.open || sending) { return; }
    var now = JSON.stringify(collect(round));
    if (sentPayload && now === sentPayload) { setStatus("sent", null, "sent"); }
    else if (sentPayload) { setStatus("changed"); }
    else { setStatus(round.kind === "choice" ? "ready_choice" : "ready_survey"); }
  }

  function getJSON(url, done) {
    var x = new XMLHttpRequest();
    x.open("GET", url, true);
    x.timeout = 8000;
    x.onload = function () {
      var body = null;
      try { body = JSON.parse(x.responseText); } catch (e) { body = null; }
      done(x.status, body);
    };
    x.onerror = x.ontimeout = function () { done(0, null); };
    x.send();
  }

  function poll() {
    getJSON("/api/round?c=" + encodeURIComponent(CODE) + "&d=" + encodeURIComponent(device), function (status, body) {
      if (status === 200 && body && body.ok) {
        if (statusKey === "offline") { setStatus("connecting"); }
        onRound(body);
      } else if (body && body.error && status !== 429) {
        showError(body.error);
        if (status === 403) { el.form.hidden = true; setStatus("wrong_code", null, "closed"); return; }
      } else if (status === 0) {
        setStatus("offline", null, "closed");
      }
      window.setTimeout(poll, POLL_MS);
    });
  }

  function send(ev) {
    ev.preventDefault();
    if (!round || !round.open || sending) { return; }
    var payload = collect(round);
    if (round.kind === "choice" && payload.choice.length === 0) {
      showError({zh: STRINGS.zh.pick_first, en: STRINGS.en.pick_first});
      return;
    }
    if (round.kind === "survey") {
      var missing = round.items.filter(function (it) { return !(it.key in payload.ratings); }).length;
      if (missing) {
        showError({zh: STRINGS.zh.missing.split("{n}").join(missing), en: STRINGS.en.missing.split("{n}").join(missing)});
        return;
      }
    }
    sending = true;
    setEnabled(false);
    setStatus("sending");
    var sentRound = round.id;
    var text = JSON.stringify(payload);
    var x = new XMLHttpRequest();
    x.open("POST", "/api/answer?c=" + encodeURIComponent(CODE) + "&d=" + encodeURIComponent(device), true);
    x.setRequestHeader("Content-Type", "application/json");
    x.timeout = 10000;
    function finish(status) {
      var body = null;
      try { body = JSON.parse(x.responseText); } catch (e) { body = null; }
      sending = false;
      if (status === 200 && body && body.ok) {
        if (round && round.id === sentRound) {
          sentPayload = text;
          showError(null);
          setEnabled(round.open);
          setStatus(round.open ? "sent" : "closed_sent", null, round.open ? "sent" : "closed");
        }
        return;  // (acknowledged for a round the page has since left: nothing to show)
      }
      setEnabled(round ? round.open : false);
      if (body && body.error) { showError(body.error); setStatus("not_sent"); }
      else { showError({zh: STRINGS.zh.send_failed, en: STRINGS.en.send_failed}); setStatus("not_sent"); }
    }
    x.onload = function () { finish(x.status); };
    x.onerror = x.ontimeout = function () { finish(0); };
    x.send(JSON.stringify({round: sentRound, payload: payload}));
  }

  el.form.addEventListener("submit", send);
  el.form.addEventListener("change", updateDirty);
  el.form.addEventListener("input", updateDirty);
  el.lang.addEventListener("click", function () {
    var r = round, keep = round ? collect(round) : null, err = lastError, old = sentPayload;
    lang = lang === "zh" ? "en" : "zh";
    store(LANG_KEY, lang);
    applyLang();
    if (r) {  // rebuild the form in the new language, keeping what the student has chosen
      renderedKey = null;
      round = null;
      onRound({session_open: sessionOpen, round: r, mine: keep});
      sentPayload = old;
      if (!r.open) { setStatus(old ? "closed_sent" : "closed", null, "closed"); }
      else if (!sending) { setEnabled(true); updateDirty(); }
      if (err) { showError(err); }
    }
  });

  applyLang();
  setStatus("connecting");
  poll();
})();
