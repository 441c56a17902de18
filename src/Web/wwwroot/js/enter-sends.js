// Enter sends, Shift+Enter makes a new line, in any textarea marked data-enter-sends. Blazor cannot decide per
// key whether to prevent the default, so this small document-level handler does it for every such box.
document.addEventListener("keydown", (e) => {
  const box = e.target;
  if (e.key !== "Enter" || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
  if (!(box instanceof HTMLTextAreaElement) || !box.hasAttribute("data-enter-sends")) return;
  e.preventDefault();
  // The server checks that the message is not empty and that no reply is streaming; this only avoids a no-op.
  if (box.value.trim() !== "") box.form?.requestSubmit();
}, true);
