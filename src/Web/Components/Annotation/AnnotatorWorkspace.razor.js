// Keys of the annotator's workspace. They reach .NET only when the annotator is not typing into a field (Escape
// always does), and the page does not also act on them (Enter would submit twice, arrows would scroll).
const handled = new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", "Enter", "s", "S", "g", "G", "?", "f", "F", "ArrowUp", "ArrowDown", "Escape"]);
let listener = null;

function typing(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "range"].includes(target.type);
}

export function attach(dotnet) {
  detach();
  listener = e => {
    if (e.ctrlKey || e.metaKey || e.altKey || !handled.has(e.key)) return;
    if (e.key !== "Escape" && typing(e.target)) return;
    e.preventDefault();
    dotnet.invokeMethodAsync("OnKey", e.key);
  };
  document.addEventListener("keydown", listener);
  // Lets a page (and a test) know the keys are live.
  document.body.dataset.annotatorKeys = "on";
}

export function detach() {
  if (listener) document.removeEventListener("keydown", listener);
  listener = null;
  delete document.body.dataset.annotatorKeys;
}

// The question number keys answer stays in sight: the form column scrolls to it when it moves on.
export function reveal() {
  document.querySelector(".rating-question.active")?.scrollIntoView({ block: "nearest" });
}
