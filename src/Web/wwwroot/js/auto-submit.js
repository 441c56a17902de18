// Submits a form as the browser would (a real top-level POST, leaving the page): MTurk's externalSubmit needs it.
export function submit(form) {
  if (form && typeof form.submit === "function") form.submit();
}
