// The contact registration form: "+ vraag", the terugbelverzoek fields, Ctrl+Enter.
(function () {
  "use strict";

  function toggleContactverzoek(vraag) {
    var afhandeling = vraag.querySelector("select[name$='-afhandeling']");
    var fields = vraag.querySelector("[data-contactverzoek]");
    if (afhandeling && fields) {
      fields.hidden = afhandeling.value !== "terugbelverzoek";
    }
  }

  function addVraag(form) {
    var total = form.querySelector("input[name='vragen-TOTAL_FORMS']");
    var template = document.getElementById("vraag-template");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = form.querySelector("[data-vragen]");
    holder.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var vraag = holder.lastElementChild;
    vraag.querySelector("[data-vraag-nummer]").textContent = String(index + 1);
    var first = vraag.querySelector("select, input, textarea");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("registratie");
    if (!form) {
      return;
    }
    form.addEventListener("change", function (event) {
      if (event.target.name && /-afhandeling$/.test(event.target.name)) {
        toggleContactverzoek(event.target.closest("[data-vraag]"));
      }
    });
    var add = form.querySelector("[data-vraag-toevoegen]");
    add.addEventListener("click", function () {
      addVraag(form);
    });
    // Ctrl+Enter (or Cmd+Enter) saves from anywhere in the form.
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    // After a failed save, put the cursor on the first field with an error.
    var invalid = form.querySelector("[aria-describedby$='-error']");
    if (invalid) {
      invalid.focus();
    }
  });
})();
