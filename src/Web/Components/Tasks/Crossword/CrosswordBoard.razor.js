// Keys the grid handles itself must not also scroll the page (arrows, Space) while the grid has the focus.
const gridKeys = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", " ", "Backspace"]);

export function holdGridKeys(element) {
  element.addEventListener("keydown", e => {
    if (gridKeys.has(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
  });
}
