// Kiosk receipt: print on request and go back to the start screen after a while,
// so the next customer finds the choices.
(function () {
  var bon = document.querySelector("[data-terug-url]");
  var print = document.querySelector("[data-print]");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
  if (bon) {
    window.setTimeout(function () {
      window.location.assign(bon.dataset.terugUrl);
    }, 30000);
  }
})();
