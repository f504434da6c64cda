// Enter in the sender search searches (htmx) instead of posting the whole form.
document.addEventListener("keydown", (event) => {
  const input = event.target.closest && event.target.closest("[data-post-zoek]");
  if (input && event.key === "Enter" && window.htmx) {
    event.preventDefault();
    window.htmx.trigger(input, "zoek");
  }
});
