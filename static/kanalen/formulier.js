// Public forms: after a failed submit, move focus to the error summary at the top.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-foutmeldingen]");
    if (summary) {
      summary.focus();
    }
  });
})();
