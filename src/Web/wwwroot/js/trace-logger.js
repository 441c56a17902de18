// Browser trace logger for a participant session.
//
// Every page load is its own logger *instance*: a random id drawn when the page starts. Events are numbered from 1
// within the instance, so two tabs, a reload and a second device on the same link never reuse a number; the server
// identifies an event by (session, instance, number), stores each once and numbers the session's events itself.
// Every event is written to localStorage under its own key *before* anything is sent, so a closed tab, a reload or a
// dropped connection loses nothing: unacknowledged events are re-sent (by this page, or by the next page of the same
// session that finds them) and the server stores them idempotently. Only the events the server lists as stored are
// removed; one it did not store stays queued without holding up the others. Keystrokes in the chat box are recorded
// as lengths and positions, never as the typed text.
import "../lib/signalr/signalr.min.js"; // UMD bundle: defines globalThis.signalR

const HUB_URL = "/hubs/session";
const BATCH_INTERVAL_MS = 500;
const MAX_BATCH = 50;
// The hub refuses messages over 2 MB by closing the connection, which a re-send would repeat forever: batches stay
// well below it, and one event's payload never exceeds the server's limit for a payload stored as it came (1 MB).
const MAX_BATCH_CHARS = 512 * 1024;
const MAX_PAYLOAD_CHARS = 1024 * 1024;
// Events of another page of this session that are this old are sent by whichever page is open (that page is gone or
// stuck); a duplicate send is harmless, the server stores each event once.
const ORPHAN_AFTER_MS = 10000;
const TYPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

let state = null; // one logger per page; start() for the same session is a no-op

const prefix = (session) => `il.trace.${session}.e.`;

// A version-4 UUID from getRandomValues, which (unlike randomUUID) works on plain-HTTP origins too.
function newInstanceId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function keep(instance, event) {
  const key = `${state.prefix}${instance}.${event.sequence}`;
  try {
    localStorage.setItem(key, JSON.stringify(event));
  } catch (err) {
    // Storage full or blocked: the event still goes out from memory while this page lives.
    console.warn("Trace event kept in memory only.", err);
    state.unsaved.set(key, { instance, event });
  }
}

// Every queued event of this session, grouped by instance and ordered by number.
function queued() {
  const byInstance = new Map();
  const add = (key, instance, event) => {
    if (!byInstance.has(instance)) byInstance.set(instance, []);
    byInstance.get(instance).push({ key, event });
  };
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(state.prefix)) continue;
    const instance = key.slice(state.prefix.length, key.lastIndexOf("."));
    try {
      add(key, instance, JSON.parse(localStorage.getItem(key)));
    } catch {
      // Unreadable entry (another page removed it meanwhile, or it is damaged): skip it.
    }
  }
  for (const [key, { instance, event }] of state.unsaved) add(key, instance, event);
  for (const list of byInstance.values()) list.sort((a, b) => a.event.sequence - b.event.sequence);
  return byInstance;
}

function forget(keys) {
  for (const key of keys) {
    localStorage.removeItem(key);
    state.unsaved.delete(key);
  }
}

/** Records one event: numbered and persisted at once, sent with the next batch. */
export function record(type, payload = {}) {
  if (!state) return;
  // A malformed type is a programming error; refusing it here keeps it out of the queue the server would refuse.
  if (!TYPE.test(type)) throw new Error(`Trace event type '${type}' is not a lower-case dotted name.`);
  const text = JSON.stringify(payload ?? {});
  if (text.length > MAX_PAYLOAD_CHARS) payload = { truncatedByLogger: true, length: text.length, head: text.slice(0, 65536) };
  keep(state.instance, { sequence: state.next++, type, clientTimeMs: Date.now(), payload });
  if (++state.sinceSend >= MAX_BATCH) void pump();
}

// The next batch to send, from the page whose oldest queued event is oldest, so that events left by a page before a
// reload reach the server (which numbers them in arrival order) before the new page's. Another page's events are
// taken only once they are old (that page is gone or stuck) or when leaving (`all`); never from an instance in `skip`
// (one whose batch just made no progress).
function nextBatch(all, skip) {
  const groups = queued();
  const now = Date.now();
  const oldest = (i) => groups.get(i)[0].event.clientTimeMs;
  const pick = [...groups.keys()]
    .filter((i) => !skip.has(i) && (i === state.instance || all || now - oldest(i) > ORPHAN_AFTER_MS))
    .sort((a, b) => oldest(a) - oldest(b))[0];
  if (!pick) return null;
  const batch = [];
  let chars = 0;
  for (const q of groups.get(pick)) {
    const size = JSON.stringify(q.event).length;
    if (batch.length === MAX_BATCH || (batch.length > 0 && chars + size > MAX_BATCH_CHARS)) break;
    batch.push(q);
    chars += size;
  }
  return { instance: pick, batch };
}

// Sends batches until nothing is left; an instance whose batch made no progress waits for the next tick.
async function pump(all = false) {
  if (!state || state.sending || state.connection.state !== signalR.HubConnectionState.Connected) return;
  state.sending = true;
  state.sinceSend = 0;
  const skip = new Set();
  try {
    for (let next = nextBatch(all, skip); next; next = nextBatch(all, skip)) {
      const ack = await state.connection.invoke("AppendEvents", { instance: next.instance, events: next.batch.map((q) => q.event) });
      const stored = new Set(Array.isArray(ack?.sequences) ? ack.sequences : []);
      forget(next.batch.filter((q) => stored.has(q.event.sequence)).map((q) => q.key));
      if (stored.size === 0) {
        console.warn(`${next.batch.length} trace event(s) not stored; they stay queued.`);
        skip.add(next.instance);
      }
    }
  } catch (err) {
    console.warn("Trace batch not acknowledged; it stays queued and will be re-sent.", err);
  } finally {
    state.sending = false;
    notifyWaiters();
  }
}

function notifyWaiters() {
  if (pendingCount() > 0) return;
  for (const resolve of state.waiters.splice(0)) resolve(true);
}

/**
 * Resolves true once every recorded event of this session (this page's and any left by an earlier page) is
 * acknowledged, or false after timeoutMs.
 */
export function flush(timeoutMs = 10000) {
  if (!state || pendingCount() === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    state.waiters.push(resolve);
    setTimeout(() => resolve(pendingCount() === 0), timeoutMs);
    void pump(true);
  });
}

/** Number of recorded events of this session not yet acknowledged (the debrief tells the participant). */
export function pendingCount() {
  if (!state) return 0;
  let n = 0;
  for (const list of queued().values()) n += list.length;
  return n;
}

async function connect() {
  for (let attempt = 0; state; attempt++) {
    try {
      await state.connection.start();
      void pump(true);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 15000)));
    }
  }
}

// Events queued by a logger from before instances (one session-wide counter) move to an instance of their own.
function adoptOldQueue(session) {
  const key = `il.trace.${session}.pending`;
  const old = localStorage.getItem(key);
  localStorage.removeItem(key);
  localStorage.removeItem(`il.trace.${session}.seq`);
  let events = [];
  try {
    events = JSON.parse(old ?? "[]");
  } catch {
    return;
  }
  const instance = newInstanceId();
  for (const event of Array.isArray(events) ? events : []) keep(instance, event);
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
    prefix: prefix(sessionKey),
    instance: newInstanceId(),
    next: 1,
    sinceSend: 0,
    unsaved: new Map(),
    sending: false,
    waiters: [],
    connection: new signalR.HubConnectionBuilder()
      // A browser holds one participant cookie per study: the URL says which session this page speaks for.
      .withUrl(`${HUB_URL}?session=${encodeURIComponent(sessionKey)}`)
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 15000])
      .build(),
  };
  adoptOldQueue(sessionKey);
  state.connection.onreconnected(() => void pump(true));
  state.connection.onclose(() => void connect());
  trackTextEdits(document);
  trackPage(window, document);
  const navigation = performance.getEntriesByType?.("navigation")?.[0]?.type ?? "navigate";
  record("page.load", { navigation, instance: state.instance });
  setInterval(() => void pump(), BATCH_INTERVAL_MS);
  void connect();
}

/** This page's logger instance id (tests and diagnostics). */
export function instanceId() {
  return state?.instance ?? null;
}
