// The answer form: insert a kennisbank text at the cursor; focus the error summary.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fragment]");
    if (!button) {
      return;
    }
    var textarea = document.getElementById("id_tekst");
    var text = button.getAttribute("data-fragment");
    var start = textarea.selectionStart || textarea.value.length;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(textarea.selectionEnd || start);
    var glue = before && !/\n$/.test(before) ? "\n\n" : "";
    textarea.value = before + glue + text + after;
    textarea.focus();
    var caret = (before + glue + text).length;
    textarea.setSelectionRange(caret, caret);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-foutmeldingen]");
    if (summary) {
      summary.focus();
    }
  });
})();
