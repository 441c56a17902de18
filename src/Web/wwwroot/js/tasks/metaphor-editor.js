// Keystroke-level trace of the metaphor writing editor, in the CoAuthor format (CHI 2022).
//
// Every change of the textarea becomes a `writing.text-insert` / `writing.text-delete` event with the Quill delta
// (retain / delete / insert) computed by diffing the text before and after the input, so typing, pasting,
// autocorrect and drag-and-drop all replay exactly. Cursor moves, suggestion interactions and the api inserts of
// picked suggestions are recorded too. Events go through the platform's trace logger (`record`), which writes them
// to localStorage before sending and removes them only once the server acknowledged them. Unlike the chat box, the
// text itself is recorded: the study is about the writing (the consent template says so).
//
// Every payload carries `stage` (ties the browser event to its task stage) and `eventNum` (the editor's running
// event number, persisted per stage). The editor's text and eventNum are also kept in localStorage after every event,
// so a reload restores keystrokes the server has not saved yet; the server keeps a draft (metaphor.draft) for the rest.
import { record } from "../trace-logger.js";

const DRAFT_IDLE_MS = 1000;

let ed = null; // one editor per page

const storageKey = (session, stage) => `il.metaphor.${session}.${stage}`;

function readLocal(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

function cursor() {
  return { index: ed.el.selectionStart, length: ed.el.selectionEnd - ed.el.selectionStart };
}

function save() {
  localStorage.setItem(ed.key, JSON.stringify({ text: ed.el.value, eventNum: ed.eventNum }));
}

/** Records one CoAuthor event (`writing.<name>`); `fields` are merged over the common ones. */
export function log(name, fields = {}) {
  if (!ed) return 0;
  ed.eventNum += 1;
  const payload = {
    stage: ed.stage,
    eventNum: ed.eventNum,
    eventSource: "user",
    eventTimestamp: Date.now(),
    currentCursor: cursor(),
    ...fields,
  };
  record("writing." + name, payload);
  save();
  return ed.eventNum;
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

// The delta that turns `before` into `after`: the common prefix is retained, the differing middle replaced. Lengths
// count UTF-16 code units (as Quill's do), but the cut never falls inside a surrogate pair: 😀 → 😃 share their first
// half, and a delta inserting only the second half would record half an emoji, which is no text at all.
function diff(before, after) {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  if (prefix > 0 && isHigh(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (suffix > 0 && isLow(before.charCodeAt(before.length - suffix))) suffix--;
  const deleted = before.length - prefix - suffix;
  const inserted = after.slice(prefix, after.length - suffix);
  const ops = [];
  if (prefix > 0) ops.push({ retain: prefix });
  if (deleted > 0) ops.push({ delete: deleted });
  if (inserted.length > 0) ops.push({ insert: inserted });
  return { ops, deleted, inserted };
}

function logChange(source, extra = {}) {
  const before = ed.text;
  const after = ed.el.value;
  if (before === after) return;
  const d = diff(before, after);
  ed.text = after;
  ed.selection = cursor();
  log(d.inserted.length > 0 ? "text-insert" : "text-delete", { eventSource: source, textDelta: { ops: d.ops }, ...extra });
  scheduleDraft();
}

function logCursor() {
  const now = cursor();
  const last = ed.selection;
  if (ed.el.value !== ed.text || (now.index === last.index && now.length === last.length)) return;
  ed.selection = now;
  const name = now.length > 0 ? "cursor-select" : now.index >= last.index + last.length ? "cursor-forward" : "cursor-backward";
  log(name, { cursorRange: last });
}

function scheduleDraft() {
  clearTimeout(ed.draftTimer);
  const current = ed;
  ed.draftTimer = setTimeout(() => {
    void current.dotnet.invokeMethodAsync("SaveDraft", current.el.value, current.eventNum).catch(() => {});
  }, DRAFT_IDLE_MS);
}

function onKeyDown(e) {
  if (e.isComposing) return;
  if (ed.listOpen && ["ArrowUp", "ArrowDown", "Enter", "Escape"].includes(e.key)) {
    e.preventDefault();
    void ed.dotnet.invokeMethodAsync("SuggestionKey", e.key);
    return;
  }
  // Tab asks for suggestions; Shift+Tab still leaves the editor, so keyboard users are never trapped.
  if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
    e.preventDefault();
    void ed.dotnet.invokeMethodAsync("RequestSuggestions");
  }
}

/**
 * Starts tracing `el`. `serverText`/`serverEventNum` are the draft the server saved; the local copy wins when it is
 * newer (keystrokes not yet acknowledged). A fresh editor records `system-initialize` with the empty prompt.
 */
export function attach(el, dotnet, session, stage, serverText, serverEventNum) {
  detach();
  const key = storageKey(session, stage);
  const local = readLocal(key);
  const useLocal = local && typeof local.eventNum === "number" && local.eventNum > serverEventNum;
  const text = useLocal ? String(local.text ?? "") : serverText;
  el.value = text;
  el.setSelectionRange(text.length, text.length);
  ed = {
    el, dotnet, key, stage, text, listOpen: false, draftTimer: 0,
    eventNum: useLocal ? local.eventNum : serverEventNum,
    selection: { index: text.length, length: 0 },
  };
  const handlers = {
    input: () => logChange("user"),
    keydown: onKeyDown,
    keyup: logCursor,
    mouseup: logCursor,
    select: logCursor,
  };
  for (const [name, handler] of Object.entries(handlers)) el.addEventListener(name, handler);
  ed.handlers = handlers;
  if (ed.eventNum === 0) log("system-initialize", { eventSource: "api", currentDoc: text, textDelta: "" });
  save();
  return { text, eventNum: ed.eventNum };
}

/** Stops tracing (the component is gone). */
export function detach() {
  if (!ed) return;
  clearTimeout(ed.draftTimer);
  for (const [name, handler] of Object.entries(ed.handlers ?? {})) ed.el.removeEventListener(name, handler);
  ed = null;
}

/** Whether ↑/↓/Enter/Esc go to the suggestion list. */
export function setListOpen(open) {
  if (ed) ed.listOpen = open;
}

/** The editor's text, the text before the cursor and the current event number. */
export function state() {
  if (!ed) return null;
  return { text: ed.el.value, beforeCursor: ed.el.value.slice(0, ed.el.selectionStart), eventNum: ed.eventNum };
}

/**
 * Puts a picked suggestion in at the cursor: `suggestion-select` (the participant's pick), then the api
 * `text-insert` (the model's text, with a separating space when the text before it has none).
 */
export function insertSuggestion(text, fields) {
  if (!ed) return 0;
  log("suggestion-select", fields);
  const start = ed.el.selectionStart;
  const before = ed.el.value.slice(0, start);
  const spaced = before.length > 0 && !/\s$/.test(before) && !/^\s/.test(text) ? " " + text : text;
  ed.el.setRangeText(spaced, start, ed.el.selectionEnd, "end");
  logChange("api", { currentSuggestions: fields?.currentSuggestions, currentSuggestionIndex: fields?.currentSuggestionIndex });
  ed.el.focus();
  return ed.eventNum;
}

/** Empties the editor after its sentence went to the list (an api delete, marked with the reason). */
export function clear(reason) {
  if (!ed) return 0;
  ed.el.value = "";
  logChange("api", { reason });
  ed.el.focus();
  return ed.eventNum;
}
