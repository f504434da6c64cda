// The contact registration form: "+ vraag", the terugbelverzoek fields, Ctrl+Enter;
// open contacts: what is typed is kept on the server (autosave), so switching to another
// open contact (Alt+PageUp/PageDown, Alt+Shift+N for a new one) or a reload loses nothing.
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
    // The template's long lists are empty (rendered once, for the first question).
    ["product", "cv_afdeling"].forEach(function (name) {
      var source = form.querySelector("select[name='vragen-0-" + name + "']");
      var target = vraag.querySelector("select[name$='-" + name + "']");
      if (source && target) {
        target.innerHTML = source.innerHTML;
        target.value = "";
      }
    });
    vraag.querySelector("[data-vraag-nummer]").textContent = String(index + 1);
    var first = vraag.querySelector("select, input, textarea");
    if (first) {
      first.focus();
    }
  }

  var AUTOSAVE_DELAY_MS = 600;

  function openContacts(form) {
    var dirty = false;
    var timer = null;
    var pending = null;

    function body() {
      var data = new FormData(form);
      data.set("actie", "concept");
      return data;
    }

    function markSaved() {
      // A reload now reopens this contact with what was typed.
      var url = new URL(window.location.href);
      var id = form.querySelector("input[name='formulier_id']").value;
      if (url.searchParams.get("concept") !== id) {
        url.searchParams.set("concept", id);
        window.history.replaceState(window.history.state, "", url.toString());
      }
    }

    function save() {
      window.clearTimeout(timer);
      if (!dirty) {
        return pending || Promise.resolve();
      }
      dirty = false;
      pending = fetch(form.action, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        keepalive: true,
      }).then(function (response) {
        if (response.ok) {
          markSaved();
        } else {
          dirty = true;
        }
      }, function () {
        dirty = true;
      });
      return pending;
    }

    function changed() {
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, AUTOSAVE_DELAY_MS);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      // The submit itself carries the data; a late autosave is ignored by the server.
      dirty = false;
      window.clearTimeout(timer);
    });
    window.addEventListener("pagehide", function () {
      if (dirty) {
        navigator.sendBeacon(form.action, body());
        dirty = false;
      }
    });
    return save;
  }

  function go(link, save) {
    save().then(function () {
      window.location.assign(link.href);
    });
  }

  function switcher(save) {
    var nav = document.querySelector("[data-open-contacten]");
    if (!nav) {
      return;
    }
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-open-contact]"));
    var contacts = links.filter(function (link) {
      return link.closest("li");
    });
    var items = Array.prototype.slice.call(nav.querySelectorAll(".kcc-open-contacten__link"));
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        go(link, save);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (!event.altKey) {
        return;
      }
      if (event.shiftKey && (event.key === "N" || event.key === "n")) {
        event.preventDefault();
        go(nav.querySelector(".kcc-open-contacten__nieuw"), save);
        return;
      }
      if (event.key !== "PageDown" && event.key !== "PageUp") {
        return;
      }
      event.preventDefault();
      var current = items.findIndex(function (item) {
        return item.getAttribute("aria-current") === "page";
      });
      var step = event.key === "PageDown" ? 1 : -1;
      var index = current === -1 ? 0 : (current + step + items.length) % items.length;
      var target = items[index];
      if (target && target.tagName === "A" && contacts.indexOf(target) !== -1) {
        go(target, save);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("registratie");
    switcher(form ? openContacts(form) : function () {
      return Promise.resolve();
    });
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
    var invalid = form.querySelector("[aria-invalid='true']");
    if (invalid) {
      invalid.focus();
    }
  });
})();
