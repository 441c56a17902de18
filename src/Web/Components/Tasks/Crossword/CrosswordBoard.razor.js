// Keys the grid handles itself must not also scroll the page (arrows, Space) or land in the text box (letters, which
// the server places) while the grid has the focus. Text from an on-screen keyboard (no usable key) does reach the
// box: Blazor reads it during the event, then the box is emptied for the next letter.
const gridKeys = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", " ", "Backspace", "Enter"]);

export function holdGridKeys(board, input) {
  input.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (gridKeys.has(e.key) || (e.key.length === 1 && /\p{L}/u.test(e.key))) e.preventDefault();
  });
  input.addEventListener("input", () => setTimeout(() => { input.value = ""; }, 0));
  // A tap or click on a square focuses the box in the same gesture, which is what lets a phone open its keyboard.
  board.addEventListener("click", e => {
    if (e.target.closest(".cell:not(.black)")) input.focus({ preventScroll: true });
  });
}
