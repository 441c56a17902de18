// Copies a text to the clipboard. The Clipboard API needs a secure context (https or localhost); elsewhere the text
// is put in a hidden box, selected and copied the older way. Returns whether the copy happened.
export async function copy(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: fall through to the older way.
  }
  const box = document.createElement("textarea");
  box.value = text;
  box.setAttribute("readonly", "");
  box.style.position = "fixed";
  box.style.opacity = "0";
  document.body.appendChild(box);
  box.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } finally {
    box.remove();
  }
  return copied;
}
