// Browser trace logger for a participant session.
//
// Every event gets the next per-session sequence number and is written to localStorage *before* anything is
// sent, so a closed tab, a reload or a dropped connection loses nothing: unacknowledged events are re-sent on
// the next connection and the server stores them idempotently by sequence number. Only the events the server
// acknowledges are removed. Keystrokes are recorded as lengths and positions, never as the typed text.
import "../lib/signalr/signalr.min.js"; // UMD bundle: defines globalThis.signalR

const HUB_URL = "/hubs/session";
const BATCH_INTERVAL_MS = 500;
const MAX_BATCH = 50;

let state = null; // one logger per page; start() for the same session is a no-op

const keys = (session) => ({ seq: `il.trace.${session}.seq`, pending: `il.trace.${session}.pending` });

function readPending() {
  try {
    return JSON.parse(localStorage.getItem(state.keys.pending) ?? "[]");
  } catch {
    return [];
  }
}

function writePending(events) {
  localStorage.setItem(state.keys.pending, JSON.stringify(events));
}

/** Records one event: numbered and persisted at once, sent with the next batch. */
export function record(type, payload = {}) {
  if (!state) return;
  const sequence = Number(localStorage.getItem(state.keys.seq) ?? "0") + 1;
  const events = readPending();
  events.push({ sequence, type, clientTimeMs: Date.now(), payload });
  // Both writes happen in the same task, so a reload can never see the counter without its event.
  localStorage.setItem(state.keys.seq, String(sequence));
  writePending(events);
  if (events.length >= MAX_BATCH) void pump();
}

// Sends the oldest unacknowledged events, one batch at a time, until none are left or the connection drops.
async function pump() {
  if (!state || state.sending || state.connection.state !== signalR.HubConnectionState.Connected) return;
  state.sending = true;
  try {
    for (let batch = readPending().slice(0, MAX_BATCH); batch.length > 0; batch = readPending().slice(0, MAX_BATCH)) {
      const ack = await state.connection.invoke("AppendEvents", { events: batch });
      const acked = new Set(acknowledgedSequences(ack, batch));
      if (acked.size === 0) break; // nothing accepted: keep everything and try again on the next tick
      writePending(readPending().filter((e) => !acked.has(e.sequence)));
    }
  } catch (err) {
    console.warn("Trace batch not acknowledged; it stays queued and will be re-sent.", err);
  } finally {
    state.sending = false;
    notifyWaiters();
  }
}

// TraceAck { sequences, highestContiguousSequence, inserted }: the hub lists every sequence of the batch it
// has stored (new or already there); exactly those, and only those we sent, leave the queue.
function acknowledgedSequences(ack, batch) {
  const sent = new Set(batch.map((e) => e.sequence));
  return (Array.isArray(ack?.sequences) ? ack.sequences : []).filter((s) => sent.has(s));
}

function notifyWaiters() {
  if (readPending().length > 0) return;
  for (const resolve of state.waiters.splice(0)) resolve(true);
}

/** Resolves true once every recorded event is acknowledged, or false after timeoutMs. */
export function flush(timeoutMs = 10000) {
  if (!state) return Promise.resolve(true);
  if (readPending().length === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    state.waiters.push(resolve);
    setTimeout(() => resolve(readPending().length === 0), timeoutMs);
    void pump();
  });
}

/** Number of recorded events not yet acknowledged (used by tests and the debrief page). */
export function pendingCount() {
  return state ? readPending().length : 0;
}

async function connect() {
  for (let attempt = 0; state; attempt++) {
    try {
      await state.connection.start();
      void pump();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 15000)));
    }
  }
}

function trackTextEdits(doc) {
  const before = new WeakMap();
  doc.addEventListener("beforeinput", (e) => {
    const el = e.target;
    if (!el?.matches?.("[data-trace='chat-input']")) return;
    before.set(el, { length: el.value.length, start: el.selectionStart, end: el.selectionEnd });
  }, true);
  doc.addEventListener("input", (e) => {
    const el = e.target;
    const b = before.get(el);
    if (!b) return;
    before.delete(el);
    // Deleted = the replaced selection, or what a delete key removed; inserted = whatever makes up the new length.
    let deleted = b.end - b.start;
    if (deleted === 0 && e.inputType?.startsWith("delete")) deleted = b.length - el.value.length;
    const inserted = el.value.length - (b.length - deleted);
    const position = e.inputType?.startsWith("deleteContentBackward") && b.end === b.start ? b.start - deleted : b.start;
    if (deleted > 0) record("text.delete", { length: deleted, position, inputType: e.inputType });
    if (inserted > 0) record("text.insert", { length: inserted, position, inputType: e.inputType });
  }, true);
}

function trackPage(win, doc) {
  doc.addEventListener("click", (e) => {
    const target = e.target?.closest?.("[data-trace-click]");
    if (target && !target.disabled) record(target.getAttribute("data-trace-click"));
  }, true);
  doc.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.target?.matches?.("[data-trace='chat-input']")
      && e.target.value.trim() !== "") record("send.enter");
  }, true);
  win.addEventListener("blur", () => record("window.blur"));
  win.addEventListener("focus", () => record("window.focus"));
  doc.addEventListener("visibilitychange", () => {
    record("visibility.change", { state: doc.visibilityState });
    if (doc.visibilityState === "hidden") void pump();
  });
  // Written to localStorage synchronously; it is sent on the next visit if the page is gone before that.
  win.addEventListener("pagehide", () => {
    record("page.unload");
    void pump();
  });
}

/** Starts logging for a session; safe to call again (a re-rendered page keeps the same logger). */
export function start(sessionKey) {
  if (state?.session === sessionKey) return;
  state = {
    session: sessionKey,
    keys: keys(sessionKey),
    sending: false,
    waiters: [],
    connection: new signalR.HubConnectionBuilder()
      // A browser holds one participant cookie per study: the URL says which session this page speaks for.
      .withUrl(`${HUB_URL}?session=${encodeURIComponent(sessionKey)}`)
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 15000])
      .build(),
  };
  state.connection.onreconnected(() => void pump());
  state.connection.onclose(() => void connect());
  trackTextEdits(document);
  trackPage(window, document);
  const navigation = performance.getEntriesByType?.("navigation")?.[0]?.type ?? "navigate";
  record("page.load", { navigation });
  setInterval(() => void pump(), BATCH_INTERVAL_MS);
  void connect();
}
