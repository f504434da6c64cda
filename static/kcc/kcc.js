// Shared behaviour of the KCC shell. No inline scripts anywhere: this file
// and htmx are the only scripts, so the Content-Security-Policy stays strict.
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("kcc-live-error");
  if (target) {
    target.textContent = "Er ging iets mis bij het ophalen van gegevens. Probeer het opnieuw.";
  }
});
