// Behaviour shared by every page. Kept out of the HTML: the content security
// policy allows no inline script or event handler.
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.submit();
  }
});
