// Live preview of a berichtsjabloon in the admin: the texts as typed, rendered by
// the server on the soort's example data, shown as plain text.
(function () {
  "use strict";

  function setup() {
    var box = document.getElementById("sjabloon-voorbeeld");
    var form = box && box.closest("form");
    if (!form) return;
    var subject = document.getElementById("sjabloon-voorbeeld-onderwerp");
    var body = document.getElementById("sjabloon-voorbeeld-inhoud");
    var error = document.getElementById("sjabloon-voorbeeld-fout");
    var variables = document.getElementById("sjabloon-variabelen");
    var timer = null;

    function value(name) {
      var field = form.elements.namedItem(name);
      return field ? field.value : "";
    }

    function refresh() {
      var data = new FormData();
      data.append("code", value("code"));
      data.append("onderwerp", value("onderwerp"));
      data.append("inhoud", value("inhoud"));
      data.append("csrfmiddlewaretoken", value("csrfmiddlewaretoken"));
      fetch(box.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          if (result.variabelen && variables) variables.innerHTML = result.variabelen;
          if (result.fouten) {
            error.textContent = result.fouten.join(" ");
            error.hidden = false;
            return;
          }
          error.hidden = true;
          subject.textContent = result.onderwerp;
          body.textContent = result.inhoud;
        });
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 300);
    });
    form.addEventListener("change", refresh);
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
