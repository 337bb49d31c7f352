// The room link's phone page. Plain JavaScript, no libraries. Everything a person typed is
// put on the page with textContent, never as HTML. Every edit is numbered (seq) and resent
// until the laptop says its store committed it, so a phone that sleeps or loses the Wi-Fi
// loses nothing and never applies an edit twice. Changes of the round (progress, the room
// or the round closing, a name released) arrive by push on a WebSocket; while it is down
// the page polls every 5 s and keeps trying to reconnect.
"use strict";
(function () {
  const base = location.pathname.replace(/[^/]*$/, "");       // /r/<secret>/
  const storeKey = "tension-room:" + base;
  const $ = (id) => document.getElementById(id);
  let saved = {};
  try { saved = JSON.parse(localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { saved = {}; }
  let state = null;
  let selected = null;          // initiative id chosen on the map
  const queue = [];             // edits waiting for the laptop's answer
  let sending = false;

  function remember() { try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { /* private mode */ } }
  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function show(view) {
    for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== "view-" + view;
    $("bottom").hidden = !["map", "board", "premortem_vote", "pulse", "opening", "premortem_cards"].includes(view);
  }
  function status(text, cls) { const s = $("status"); s.textContent = text; s.className = "status " + (cls || ""); }

  async function api(path, body, headers) {
    const opts = { method: body === undefined ? "GET" : "POST", headers: Object.assign({}, headers || {}),
                   cache: "no-store", credentials: "omit" };
    if (saved.token) opts.headers["X-Room-Token"] = saved.token;
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    const res = await fetch(base + path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { data = {}; }
    return { status: res.status, data: data };
  }

  // -- joining --------------------------------------------------------------------------
  async function loadRoster() {
    const r = await api("api/roster");
    if (r.status !== 200) { refused(r.data.error); return; }
    const list = $("names");
    list.replaceChildren();
    for (const p of r.data.people) {
      const li = el("li");
      const b = el("button", "name");
      b.type = "button";
      b.dataset.pid = p.id;
      const dot = el("span", "dot"); dot.style.background = p.colour;
      b.append(dot, el("span", "", p.name));
      if (p.taken) { b.disabled = true; b.append(el("span", "taken", "on another phone")); }
      b.addEventListener("click", () => join(p.id));
      li.append(b);
      list.append(li);
    }
    show("join");
    status("", "");
  }

  async function join(pid) {
    const r = await api("api/join", { participant: pid }, { "X-Room-Join": "1" });
    if (r.status === 200) {
      saved = { token: r.data.token, pid: pid, seq: 0 };
      remember();
      await loadState();
    } else if (r.status === 409) {
      status(r.data.error || "Taken", "offline");
      await loadRoster();
    } else {
      refused(r.data.error);
    }
  }

  function refused(why) {
    $("refused-text").textContent = (why ? why + ". " : "") + "Scan the code on the shared screen again.";
    show("refused");
  }

  // -- state ------------------------------------------------------------------------------
  async function loadState() {
    if (!saved.token) { await loadRoster(); return; }
    let r;
    try { r = await api("api/state"); } catch (e) { status("Offline: retrying", "offline"); setTimeout(loadState, 2000); return; }
    if (r.status === 401) { saved = {}; remember(); await loadRoster(); return; }
    if (r.status !== 200) { refused(r.data.error); return; }
    state = r.data;
    if (!state.open) { closed(saved.closed || "The round has ended: look at the shared screen."); return; }
    live();
    if (typeof state.seq === "number" && state.seq > (saved.seq || 0)) { saved.seq = state.seq; remember(); }
    render();
  }

  // the room or the round ended: say so plainly (never "Offline"), and remember it
  function closed(message) {
    saved = { closed: message }; remember();
    queue.length = 0;
    if (socket) { const s = socket; socket = null; s.onclose = null; try { s.close(); } catch (e) { /* gone */ } }
    $("ended-text").textContent = message;
    $("who").textContent = "";
    status("", "");
    show("ended");
  }

  function render() {
    const who = $("who");
    who.replaceChildren();
    const sw = el("span", "swatch"); sw.style.background = state.colour;
    who.append(sw, el("span", "", state.name));
    document.documentElement.style.setProperty("--me", state.colour);
    document.documentElement.style.setProperty("--ink", state.ink);
    $("progress").textContent = state.progress.done + " of " + state.progress.of + " done";
    const done = $("done");
    done.setAttribute("aria-pressed", state.done ? "true" : "false");
    done.textContent = state.done ? "Done ✓ (tap to keep going)" : "I am done";
    const views = { tension_map: ["map", renderMap], board: ["board", renderBoard],
                    premortem_vote: ["premortem_vote", renderDots], pulse: ["pulse", renderPulse],
                    opening: ["opening", renderOpening], premortem_cards: ["premortem_cards", renderCards] };
    const [view, draw] = views[state.exercise];
    show(view);
    draw();
  }

  // -- the tension map --------------------------------------------------------------------
  function renderMap() {
    $("x-label").textContent = state.axes.x + " →";
    $("y-label").textContent = state.axes.y + " →";
    for (const k of Object.keys(state.quadrants)) { const q = $("q-" + k); if (q) q.textContent = state.quadrants[k]; }
    const map = $("map");
    for (const m of map.querySelectorAll(".marker")) m.remove();
    const list = $("initiatives");
    list.replaceChildren();
    state.initiatives.forEach((it, n) => {
      const pos = state.mine[String(it.id)];
      if (pos) {
        const m = el("div", "marker" + (selected === it.id ? " selected" : ""), n + 1);
        m.dataset.id = it.id;
        m.style.left = (pos[0] * 100) + "%";
        m.style.top = ((1 - pos[1]) * 100) + "%";
        map.append(m);
      }
      const li = el("li", "item" + (pos ? " placed" : "") + (selected === it.id ? " selected" : ""));
      li.dataset.id = it.id;
      const head = el("button", "item-head");
      head.type = "button";
      head.append(el("span", "num", n + 1), el("span", "item-title", it.title),
                  el("span", "item-state", pos ? "placed" : (selected === it.id ? "tap the map" : "not placed")));
      head.addEventListener("click", () => { selected = selected === it.id ? null : it.id; renderMap(); });
      li.append(head);
      if (selected === it.id) li.append(sliders(it, pos));
      list.append(li);
    });
  }

  function sliders(it, pos) {
    const box = el("div", "sliders");
    const p = pos || [0.5, 0.5];
    for (const [axis, i] of [["x", 0], ["y", 1]]) {
      const lab = el("label", "", state.axes[axis]);
      const input = document.createElement("input");
      input.type = "range"; input.min = "0"; input.max = "100"; input.step = "1";
      input.value = String(Math.round(p[i] * 100));
      input.setAttribute("aria-label", it.title + ": " + state.axes[axis]);
      input.dataset.axis = axis;
      input.addEventListener("change", () => {
        const cur = state.mine[String(it.id)] || [0.5, 0.5];
        const next = cur.slice();
        next[i] = Number(input.value) / 100;
        place(it.id, next[0], next[1]);
      });
      lab.append(input);
      box.append(lab);
    }
    if (pos) {
      const row = el("div", "row");
      const off = el("button", "secondary", "Take it off the map");
      off.type = "button";
      off.addEventListener("click", () => {
        delete state.mine[String(it.id)];
        send({ op: "unplace", initiative: it.id });
        renderMap();
      });
      row.append(off);
      box.append(row);
    }
    return box;
  }

  function place(id, x, y) {
    x = Math.min(1, Math.max(0, Math.round(x * 1000) / 1000));
    y = Math.min(1, Math.max(0, Math.round(y * 1000) / 1000));
    state.mine[String(id)] = [x, y];
    send({ op: "place", initiative: id, x: x, y: y });
    renderMap();
  }

  function mapPoint(ev) {
    const r = $("map").getBoundingClientRect();
    return [(ev.clientX - r.left) / r.width, 1 - (ev.clientY - r.top) / r.height];
  }

  function wireMap() {
    const map = $("map");
    let drag = null;
    map.addEventListener("pointerdown", (ev) => {
      const hit = ev.target.closest(".marker");
      if (hit) selected = Number(hit.dataset.id);
      if (selected === null) { status("Tap an initiative below first", "offline"); return; }
      map.setPointerCapture(ev.pointerId);
      drag = { id: selected };
      if (!hit) renderMap();
      move(ev);
      ev.preventDefault();
    });
    function move(ev) {
      if (!drag) return;
      const [x, y] = mapPoint(ev);
      let m = map.querySelector('.marker[data-id="' + drag.id + '"]');
      if (!m) {
        m = el("div", "marker selected", state.initiatives.findIndex((i) => i.id === drag.id) + 1);
        m.dataset.id = drag.id;
        map.append(m);
      }
      m.style.left = (Math.min(1, Math.max(0, x)) * 100) + "%";
      m.style.top = ((1 - Math.min(1, Math.max(0, y))) * 100) + "%";
    }
    map.addEventListener("pointermove", move);
    const end = (ev) => {
      if (!drag) return;
      const [x, y] = mapPoint(ev);
      const id = drag.id;
      drag = null;
      place(id, x, y);   // one edit per drop, never per move
    };
    map.addEventListener("pointerup", end);
    map.addEventListener("pointercancel", () => { drag = null; renderMap(); });
  }

  // -- the board --------------------------------------------------------------------------
  let boardDrafts = {};
  // text typed but not sent yet survives a re-render (a push can arrive at any moment)
  function typedDrafts(host, attr) {
    const out = {};
    for (const t of host.querySelectorAll("textarea[" + attr + "]")) if (t.dataset.typed === "1") out[t.getAttribute(attr)] = t.value;
    return out;
  }
  function keepTyped(area, drafts, key) {
    if (Object.prototype.hasOwnProperty.call(drafts, key)) { area.value = drafts[key]; area.dataset.typed = "1"; }
    area.addEventListener("input", () => { area.dataset.typed = "1"; });
  }

  function renderBoard() {
    const host = $("board");
    const active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.el : null;
    boardDrafts = typedDrafts(host, "data-el");
    host.replaceChildren();
    const groups = [{ key: null, title: "To sort" }].concat(state.columns);
    for (const g of groups) {
      const items = state.elements.filter((e) => {
        const c = state.mine[String(e.id)];
        return g.key === null ? !c : (c && c.column === g.key);
      });
      if (g.key !== null) items.sort((a, b) => state.mine[String(a.id)].position - state.mine[String(b.id)].position);
      host.append(el("h2", "col-title", g.title + " (" + items.length + ")"));
      for (const e of items) host.append(card(e));
    }
    if (active) { const t = host.querySelector('textarea[data-el="' + active + '"]'); if (t) t.focus(); }
  }

  function card(e) {
    const mine = state.mine[String(e.id)];
    const box = el("div", "card");
    box.dataset.el = e.id;
    box.append(el("div", "card-text", e.text));
    const cols = el("div", "cols");
    for (const c of state.columns) {
      const b = el("button", "", c.title);
      b.type = "button";
      b.dataset.column = c.key;
      b.setAttribute("aria-pressed", mine && mine.column === c.key ? "true" : "false");
      b.addEventListener("click", () => {
        const area = box.querySelector("textarea");
        const why = area.value;
        if (mine && mine.column === c.key) return;
        delete area.dataset.typed;       // sent with the column: the state holds it now
        const count = state.elements.filter((x) => state.mine[String(x.id)] && state.mine[String(x.id)].column === c.key).length;
        state.mine[String(e.id)] = { column: c.key, position: count, why: why };
        send({ op: "sort", element: e.id, column: c.key, why: why });
        renderBoard();
      });
      cols.append(b);
    }
    box.append(cols);
    const why = document.createElement("textarea");
    why.maxLength = 500;
    why.rows = 2;
    why.placeholder = state.why_required ? "Why? (the coach asks for a why)" : "Why? (optional)";
    why.value = mine ? mine.why : "";
    why.dataset.el = e.id;
    keepTyped(why, boardDrafts, String(e.id));
    why.setAttribute("aria-label", "Why: " + e.text);
    why.addEventListener("change", () => {
      const cur = state.mine[String(e.id)];
      if (!cur) return;   // the why travels with the column choice
      delete why.dataset.typed;
      cur.why = why.value;
      send({ op: "sort", element: e.id, column: cur.column, why: why.value });
    });
    box.append(why);
    return box;
  }

  // -- the pre-mortem dot vote --------------------------------------------------------------
  function renderDots() {
    const used = Object.values(state.mine).reduce((a, b) => a + b, 0);
    const left = state.allowance - used;
    $("dots-left").textContent = left + " of " + state.allowance + " dots left.";
    const list = $("risks");
    list.replaceChildren();
    for (const r of state.risks) {
      const n = state.mine[String(r.id)] || 0;
      const li = el("li", "item risk");
      const title = el("span", "item-title", r.text);
      title.prepend(el("span", "cat", r.category));
      const step = el("span", "stepper");
      const minus = el("button", "", "−"); minus.type = "button"; minus.disabled = n === 0;
      minus.setAttribute("aria-label", "Take a dot back: " + r.text);
      const plus = el("button", "", "+"); plus.type = "button"; plus.disabled = left <= 0;
      plus.setAttribute("aria-label", "Add a dot: " + r.text);
      const count = el("span", "count", n);
      const put = (v) => {
        if (v > 0) state.mine[String(r.id)] = v; else delete state.mine[String(r.id)];
        send({ op: "dots", risk: r.id, dots: v });
        renderDots();
      };
      minus.addEventListener("click", () => put(n - 1));
      plus.addEventListener("click", () => put(n + 1));
      step.append(minus, count, plus);
      li.append(title, step);
      list.append(li);
    }
  }

  // -- the pulse --------------------------------------------------------------------------------
  const pulseDraft = {};
  function renderPulse() {
    const host = $("pulse");
    host.replaceChildren();
    for (const q of state.questions) {
      const box = el("div", "question");
      box.append(el("p", "", q.text));
      const scale = el("div", "scale");
      const chosen = pulseDraft[q.key] || state.mine[q.key] || 0;
      for (let v = 1; v <= 5; v++) {
        const b = el("button", "", v);
        b.type = "button";
        b.setAttribute("aria-pressed", chosen === v ? "true" : "false");
        b.setAttribute("aria-label", q.text + ": " + v);
        b.addEventListener("click", () => {
          pulseDraft[q.key] = v;
          const all = {};
          for (const k of state.questions) all[k.key] = pulseDraft[k.key] || state.mine[k.key] || 0;
          if (state.questions.every((k) => all[k.key] > 0)) {
            state.mine = Object.assign({}, all);
            send(Object.assign({ op: "rate" }, all));
          }
          renderPulse();
        });
        scale.append(b);
      }
      box.append(scale);
      host.append(box);
    }
  }

  // -- the opening round: two answers, each saved when the person leaves the field -----------
  function renderOpening() {
    const host = $("opening");
    const drafts = typedDrafts(host, "data-field");
    host.replaceChildren();
    for (const q of state.questions) {
      const box = el("div", "question");
      const id = "answer-" + q.key;
      const lab = el("label", "answer-label", q.text);
      lab.htmlFor = id;
      const area = document.createElement("textarea");
      area.id = id;
      area.rows = 4;
      area.maxLength = q.max;
      area.dataset.field = q.key;
      area.value = state.mine[q.key] || "";
      keepTyped(area, drafts, q.key);
      const count = el("p", "hint count", area.value.length + " / " + q.max);
      area.addEventListener("input", () => { count.textContent = area.value.length + " / " + q.max; status("Not saved yet", ""); });
      area.addEventListener("change", () => {
        delete area.dataset.typed;       // handed to the queue: the state holds it now
        if ((state.mine[q.key] || "") === area.value.trim()) return;
        state.mine[q.key] = area.value.trim();
        send({ op: "answer", field: q.key, text: area.value });
      });
      box.append(lab, area, count);
      host.append(box);
    }
    const row = el("div", "row");
    const save = el("button", "primary", "Save");
    save.type = "button";
    save.id = "opening-save";
    // the fields save themselves when left; the button leaves the field (and says so)
    save.addEventListener("click", () => { for (const a of host.querySelectorAll("textarea")) a.dispatchEvent(new Event("change")); });
    row.append(save);
    host.append(row);
  }

  // -- pre-mortem cards: write one, choose its lane, Add; take one of yours back ---------------
  function renderCards() {
    if (state.initiative) $("cards-hint").textContent = "Imagine " + state.initiative + " failed. Write each reason on its own card. Only you see your cards until the coach reveals them.";
    $("card-text").maxLength = state.max;
    const lane = $("card-lane");
    const chosen = lane.value;
    lane.replaceChildren();
    for (const l of state.lanes) { const o = el("option", "", l.title); o.value = l.key; lane.append(o); }
    if (chosen && state.lanes.some((l) => l.key === chosen)) lane.value = chosen;
    const titles = {};
    for (const l of state.lanes) titles[l.key] = l.title;
    const list = $("cards");
    list.replaceChildren();
    state.mine.forEach((c) => {
      const li = el("li");
      li.append(el("span", "cat", titles[c.category] || c.category), el("div", "card-text", c.text));
      const back = el("button", "secondary", "Take back");
      back.type = "button";
      back.setAttribute("aria-label", "Take back: " + c.text);
      if (c.id === undefined) back.disabled = true;   // not saved yet
      back.addEventListener("click", () => {
        state.mine = state.mine.filter((x) => x !== c);
        send({ op: "uncard", card: c.id });
        renderCards();
      });
      li.append(back);
      list.append(li);
    });
  }

  function wireCards() {
    $("card-add").addEventListener("click", () => {
      const area = $("card-text");
      const text = area.value.trim();
      if (!text) { status("Write the failure mode first", "offline"); return; }
      state.mine.push({ text: text, category: $("card-lane").value });
      send({ op: "card", category: $("card-lane").value, text: text });
      area.value = "";
      renderCards();
    });
  }

  // -- sending edits ----------------------------------------------------------------------
  function send(edit) {
    saved.seq = (saved.seq || 0) + 1;
    remember();
    queue.push(Object.assign({ seq: saved.seq }, edit));
    pump();
  }

  async function pump() {
    if (sending) return;
    sending = true;
    while (queue.length) {
      status("Saving…", "saving");
      let r;
      try { r = await api("api/edit", queue[0]); } catch (e) { r = null; }
      if (r === null || r.status === 503 || r.status === 429 || r.status >= 500) {
        status("Offline: will resend", "offline");
        await new Promise((ok) => setTimeout(ok, 1500));
        continue;
      }
      const edit = queue.shift();
      if (r.status === 401) { queue.length = 0; saved = {}; remember(); sending = false; await loadRoster(); return; }
      if (r.status === 409 && /ended|closed/.test(r.data.error || "")) { queue.length = 0; sending = false; await loadState(); return; }
      if (r.status !== 200) { status(r.data.error || "Not saved", "offline"); queue.length = 0; await loadState(); continue; }
      if (edit.op === "undo" || edit.op === "done" || edit.op === "card") await loadState();
    }
    status("Saved ✓", "saved");
    sending = false;
    if (stale && !typing()) setTimeout(() => { if (stale) refresh(); }, 1000);
  }

  $("undo").addEventListener("click", () => send({ op: "undo" }));
  $("done").addEventListener("click", () => send({ op: "done", done: !(state && state.done) }));

  // -- push: progress, the round closing, a name released -----------------------------------
  let socket = null;            // the live connection, while it is open (or opening)
  let pushed = false;           // the socket said hello: no polling needed
  let retry = 1000;             // the next reconnect waits this long (doubling up to 30 s)
  let stale = false;            // a change arrived while the person was typing: refresh on blur
  let everLive = false;         // the socket said hello before (a later hello is a reconnect)
  function typing() { const a = document.activeElement; return !!a && (a.tagName === "TEXTAREA" || a.tagName === "INPUT" && a.type === "text"); }
  // a change arrived: fetch the state again, but never under a finger (typing, an edit on its
  // way): then once things are quiet, a moment after the person leaves the field
  function refresh() { if (typing() || sending || queue.length) { stale = true; return; } stale = false; loadState(); }
  document.addEventListener("focusout", () => { if (stale) setTimeout(() => { if (stale) refresh(); }, 1000); });

  function live() {
    if (socket || !saved.token || !("WebSocket" in window)) return;
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + base + "api/live";
    let ws;
    try { ws = new WebSocket(url); } catch (e) { return; }
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ token: saved.token }));
    ws.onmessage = (ev) => {
      let m = {};
      try { m = JSON.parse(ev.data); } catch (e) { return; }
      if (m.type === "hello") {
        if (everLive) refresh();        // back after a drop: what changed meanwhile
        everLive = true; pushed = true; retry = 1000; document.body.dataset.live = "push";
      }
      else if (m.type === "changed") refresh();
      else if (m.type === "closed") closed(String(m.message || "The coach closed the room."));
      else if (m.type === "released") {
        saved = {}; remember();
        loadRoster().then(() => status("The coach released your name: tap it again", "offline"));
      }
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null; pushed = false; document.body.dataset.live = "poll";
      if (ev.code === 4000 || ev.code === 4409) return;              // closed, or replaced by a newer tab
      if (ev.code === 4401) { loadState(); return; }                 // the token is gone: the page finds out
      setTimeout(live, retry); retry = Math.min(30000, retry * 2);  // the laptop went away: poll, retry
    };
  }

  // the fallback: while no socket is up, poll every 5 s
  setInterval(() => { if (saved.token && !pushed && document.visibilityState === "visible") {
    if (!typing() && !sending && !queue.length) loadState();
  } }, 5000);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible" && saved.token) { loadState(); } });

  wireMap();
  wireCards();
  if (saved.closed && !saved.token) closed(saved.closed);
  else loadState().catch(() => { status("Offline: retrying", "offline"); setTimeout(loadState, 2000); });
})();
