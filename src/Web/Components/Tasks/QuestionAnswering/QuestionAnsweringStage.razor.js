// Tells the question-answering component when the participant leaves the page and comes back (window blur and
// focus), so it can record qa.blur/qa.focus with the question on screen and, if the study asks, warn them.
let current = null;

export function watch(component) {
  unwatch();
  const blur = () => component.invokeMethodAsync("OnPageBlur");
  const focus = () => component.invokeMethodAsync("OnPageFocus");
  window.addEventListener("blur", blur);
  window.addEventListener("focus", focus);
  current = { blur, focus };
}

export function unwatch() {
  if (!current) return;
  window.removeEventListener("blur", current.blur);
  window.removeEventListener("focus", current.focus);
  current = null;
}
