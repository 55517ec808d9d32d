/* The room on a participant's page: the facilitator's time box, the question to the room, and
   "I'm done" / "I need help". Shown only while a facilitator has the room open; otherwise this
   script only says hello every few seconds (the "connected now" count) and draws nothing.
   It talks to <base>kit-room/api on the participant's own server and nowhere else. Everything
   the room sends is put on the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var me = document.currentScript;
  var api = (me && me.dataset.base ? me.dataset.base : "/") + "kit-room/api";
  var query = new URLSearchParams(window.location.search);
  var lang = /^de/i.test(query.get("lang") || "") ? "de" : "en";
  /* The app's own language switch: its header says the language it is drawn in. */
  var appLang = function () {
    var el = document.querySelector("[data-kit-lang]");
    return el && el.dataset.kitLang ? el.dataset.kitLang : lang;
  };
  var page;
  try {
    page = window.sessionStorage.getItem("kit-room-page");
  } catch (e) { page = null; }
  if (!page) {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    page = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    try { window.sessionStorage.setItem("kit-room-page", page); } catch (e) { /* private mode */ }
  }
  var texts = null, quiz = {}, agenda = {}, state = {active: false}, clockEnd = null;
  var bar = null, parts = {};
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  };
  var xsrf = function () {
    var match = /(?:^|;\s*)_xsrf=([^;]*)/.exec(document.cookie);
    return match ? decodeURIComponent(match[1]) : "";
  };
  var post = function (action) {
    action.page = page;
    return fetch(api, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-XSRFToken": xsrf()},
      body: JSON.stringify(action)
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    });
  };
  var make = function (tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  };
  var build = function () {
    bar = make("div", "kit-room");
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", texts.region);
    parts.clock = make("p", "kit-room-clock");
    parts.clock.setAttribute("aria-live", "polite");
    parts.poll = make("div", "kit-room-poll");
    parts.error = make("p", "kit-room-error");
    parts.error.setAttribute("role", "alert");
    var signals = make("div", "kit-room-signals");
    parts.done = make("button", "kit-room-done", texts.done);
    parts.help = make("button", "kit-room-help", texts.help);
    parts.undo = make("button", "kit-room-undo", texts.undo);
    [parts.done, parts.help, parts.undo].forEach(function (b) { b.type = "button"; });
    parts.seatLabel = make("label", "kit-room-seat-label", texts.seat);
    parts.seat = make("input", "kit-room-seat");
    parts.seat.type = "text";
    parts.seat.maxLength = 24;
    parts.seat.id = "kit-room-seat";
    parts.seat.setAttribute("autocomplete", "off");
    parts.seat.setAttribute("aria-describedby", "kit-room-seat-note");
    parts.seatLabel.htmlFor = "kit-room-seat";
    parts.seatNote = make("span", "kit-room-note", texts["seat.note"]);
    parts.seatNote.id = "kit-room-seat-note";
    parts.sent = make("p", "kit-room-sent");
    parts.sent.setAttribute("role", "status");
    var seatBox = parts.seatBox = make("div", "kit-room-seat-box");
    seatBox.appendChild(parts.seatLabel);
    seatBox.appendChild(parts.seat);
    seatBox.appendChild(parts.seatNote);
    signals.appendChild(parts.done);
    signals.appendChild(parts.help);
    signals.appendChild(parts.undo);
    signals.appendChild(seatBox);
    signals.appendChild(parts.sent);
    [parts.poll, parts.error, signals].forEach(function (el) { bar.appendChild(el); });
    parts.done.addEventListener("click", function () { signal("done"); });
    parts.help.addEventListener("click", function () { signal("help"); });
    parts.undo.addEventListener("click", function () { parts.seat.value = ""; signal(""); });
    parts.seat.addEventListener("change", function () { if (state.signal) { signal(state.signal); } });
    /* At the top of the page's own scroll box: the clock stays in view (sticky) while the
       participant scrolls; the question and the buttons scroll away with the page. */
    var host = document.getElementById("rendered_cells") || document.body;
    host.insertBefore(bar, host.firstChild);
    host.insertBefore(parts.clock, bar);
  };
  var act = function (action) {
    return post(action).then(function (result) {
      if (!result.ok) {
        /* A vote for a question the facilitator just replaced: say so and show the new one. */
        parts.error.textContent = action.op === "vote" ? texts.closed : fill(texts.error, {reason: result.data.error || ""});
        hello();
        return;
      }
      parts.error.textContent = "";
      state = result.data;
      render();
    }).catch(function () { /* the next hello tries again */ });
  };
  var signal = function (which) { act({op: "signal", signal: which, seat: parts.seat.value}); };
  var vote = function (poll, option) { act({op: "vote", poll: poll.number, option: option}); };
  var timerLabel = function (label) {
    if (label.indexOf("agenda:") === 0) { return agenda[label.slice(7)] || ""; }
    return label;
  };
  var mmss = function (sec) { var m = Math.floor(sec / 60), r = sec % 60; return m + ":" + (r < 10 ? "0" : "") + r; };
  var tick = function () {
    if (appLang() !== lang) {  /* switched in the app: the room speaks the new language too */
      lang = appLang();
      if (bar) { bar.remove(); parts.clock.remove(); bar = null; pollKey = ""; }
      texts = null;
      if (state.active) { loadTexts(); }
      return;
    }
    if (!bar) { return; }
    if (clockEnd === null) { parts.clock.textContent = ""; parts.clock.hidden = true; return; }
    parts.clock.hidden = false;
    var left = Math.max(0, Math.round((clockEnd - Date.now()) / 1000));
    var label = timerLabel(state.timer.label);
    var key = left > 0 ? (label ? "timer" : "timer.nolabel") : (label ? "timer.up" : "timer.up.nolabel");
    parts.clock.textContent = fill(texts[key], {label: label, time: mmss(left)});
  };
  var pollKey = "", changing = false;
  var renderPoll = function (poll) {
    var key = poll ? [poll.number, poll.open, poll.revealed, poll.mine].join("/") : "";
    if (key === pollKey) { return; }
    pollKey = key;
    parts.poll.textContent = "";
    /* A closed question leaves the phones; the projector keeps its result. */
    parts.poll.hidden = !poll || !poll.open;
    if (!poll || !poll.open) { return; }
    var item = poll.quiz ? quiz[poll.quiz] : null;
    parts.poll.appendChild(make("p", "kit-room-poll-title", texts.poll));
    parts.poll.appendChild(make("p", "kit-room-question", item ? item.question : poll.question));
    var options = item ? item.options : poll.options;
    var voted = poll.mine !== null && poll.mine !== undefined;
    if (voted && poll.open && !poll.revealed && !changing) {
      /* Answered: one line, so a phone keeps its screen for the work. */
      parts.poll.appendChild(make("p", "kit-room-note", fill(texts.mine, {answer: options[poll.mine]}) + " " + texts.voted));
      var change = make("button", "kit-room-change", texts.change);
      change.type = "button";
      change.addEventListener("click", function () { changing = true; pollKey = ""; renderPoll(poll); });
      parts.poll.appendChild(change);
      return;
    }
    changing = false;
    var list = make("div", "kit-room-options");
    options.forEach(function (text, i) {
      var button = make("button", "kit-room-option", text);
      button.type = "button";
      button.setAttribute("aria-pressed", poll.mine === i ? "true" : "false");
      button.disabled = !poll.open;
      button.addEventListener("click", function () { vote(poll, i); });
      list.appendChild(button);
    });
    parts.poll.appendChild(list);
    var note = poll.open ? (voted ? texts.voted : texts["poll.note"]) : texts.closed;
    parts.poll.appendChild(make("p", "kit-room-note", note));
    if (item && poll.revealed) {
      parts.poll.appendChild(make("p", "kit-room-correct", fill(texts.correct, {answer: item.options[item.correct]})));
      parts.poll.appendChild(make("p", "kit-room-explain", item.explain));
    }
  };
  var render = function () {
    if (!state.active) {
      if (bar) { bar.remove(); parts.clock.remove(); bar = null; pollKey = ""; }
      clockEnd = null;
      return;
    }
    if (!bar) { build(); }
    clockEnd = state.timer ? Date.now() + 1000 * state.timer.remaining : null;
    tick();
    renderPoll(state.poll);
    parts.undo.hidden = !state.signal;
    parts.seatBox.hidden = !state.signal;
    parts.done.setAttribute("aria-pressed", state.signal === "done" ? "true" : "false");
    parts.help.setAttribute("aria-pressed", state.signal === "help" ? "true" : "false");
    parts.sent.textContent = state.signal === "help" ? texts["help.sent"] : state.signal === "done" ? texts["done.sent"] : "";
    if (document.activeElement !== parts.seat && state.seat !== undefined && !parts.seat.value) { parts.seat.value = state.seat; }
  };
  var loading = false;
  var hello = function () {
    fetch(api + "?page=" + page, {credentials: "same-origin", headers: {"X-XSRFToken": xsrf()}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        state = data;
        if (state.active && !texts) { loadTexts(); return; }
        render();
      }).catch(function () { /* server gone: the connection banner says so */ });
  };
  /* The room's texts, once a facilitator opened the room (a page without a room loads none). */
  var loadTexts = function () {
    if (loading) { return; }
    loading = true;
    fetch(api + "?texts=1&lang=" + lang, {credentials: "same-origin", headers: {"X-XSRFToken": xsrf()}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        loading = false;
        if (!data) { return; }
        texts = data.strings;
        quiz = data.quiz;
        agenda = data.agenda;
        render();
      }).catch(function () { loading = false; });
  };
  /* Plans downloaded: a download is a click in the page, counted once per page. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".kit-plan-view .kit-download-list a[data-make]");
    if (!link || !state.active) { return; }
    try {
      if (window.sessionStorage.getItem("kit-room-plan")) { return; }
      window.sessionStorage.setItem("kit-room-plan", "1");
    } catch (e) { /* count it anyway */ }
    post({op: "event", event: "plan"}).catch(function () {});
  });
  /* "Connected now": a hello every few seconds (with the XSRF header: JupyterHub's servers
     ask for it on every request a script makes). */
  hello();
  setInterval(hello, 5000);
  setInterval(tick, 1000);
})();
