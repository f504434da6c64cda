// Live chat, customer and medewerker alike: lines arrive as server-sent events from
// data-chat-events (the browser resends Last-Event-ID on reconnect, so nothing is
// missed); a line typed here is posted and comes back through the same stream.
(function () {
  "use strict";

  function label(payload, kant) {
    if (payload.afzender === kant) {
      return "U";
    }
    if (payload.naam) {
      return payload.naam;
    }
    return payload.afzender === "klant" ? "Klant" : "Medewerker";
  }

  function line(payload, kant) {
    var item = document.createElement("li");
    var soort = payload.afzender === "systeem" ? "systeem" : payload.afzender === kant ? "eigen" : "ander";
    item.className = "kanalen-chat__bericht kanalen-chat__bericht--" + soort;
    item.dataset.bericht = payload.id;
    if (payload.afzender !== "systeem") {
      var who = document.createElement("span");
      who.className = "kanalen-chat__afzender";
      who.textContent = label(payload, kant);
      item.appendChild(who);
    }
    var time = document.createElement("span");
    time.className = "kanalen-chat__tijd";
    time.textContent = payload.tijd;
    item.appendChild(time);
    var text = document.createElement("p");
    text.className = "kanalen-chat__tekst";
    text.textContent = payload.tekst;
    item.appendChild(text);
    return item;
  }

  function refreshStatus(payload) {
    var status = document.querySelector("[data-chat-status-url]");
    if (!status) {
      return;
    }
    if (payload) {
      status.dataset.chatStatus = payload.gebeurtenis === "beeindigd" ? "beeindigd" : "actief";
    }
    fetch(status.dataset.chatStatusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null) {
          status.innerHTML = html;
        }
      });
  }

  function receive(payload) {
    var log = document.querySelector('[data-chat-log="' + payload.chat + '"]');
    if (!log) {
      // Another of the medewerker's chats: mark its tab.
      var tab = document.querySelector('[data-chat-tab="' + payload.chat + '"] [data-ongelezen]');
      if (tab) {
        tab.hidden = false;
      }
      return;
    }
    if (log.querySelector('[data-bericht="' + payload.id + '"]')) {
      return;
    }
    log.appendChild(line(payload, log.dataset.kant));
    log.parentNode.scrollTop = log.parentNode.scrollHeight;
    if (payload.gebeurtenis) {
      refreshStatus(payload);
    }
    if (payload.gebeurtenis === "beeindigd") {
      var invoer = document.querySelector("[data-chat-invoer]");
      if (invoer) {
        invoer.hidden = true;
      }
    }
  }

  function connect() {
    var root = document.querySelector("[data-chat-events]");
    if (!root || !window.EventSource) {
      return;
    }
    var url = root.dataset.chatEvents;
    // A stream server of its own origin needs the session cookie sent along.
    var source = new EventSource(url, { withCredentials: /^https?:/.test(url) });
    source.addEventListener("open", function () {
      // Lets tests (and curious users) see that lines arrive live from here on.
      document.documentElement.dataset.chat = "verbonden";
    });
    source.addEventListener("bericht", function (event) {
      try {
        receive(JSON.parse(event.data));
      } catch (error) {
        // A malformed line is skipped; the next one may be fine.
      }
    });
  }

  function send(form) {
    var textarea = form.querySelector("[data-chat-tekst]");
    var fout = form.querySelector("[data-chat-fout]");
    if (!textarea.value.trim()) {
      fout.textContent = "Typ een bericht.";
      fout.hidden = false;
      textarea.setAttribute("aria-invalid", "true");
      textarea.focus();
      return;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.ok) {
        textarea.value = "";
        // The textarea's aria-describedby names this element even when hidden.
        fout.textContent = "";
        fout.hidden = true;
        textarea.removeAttribute("aria-invalid");
        textarea.focus();
        return;
      }
      return response.text().then(function (text) {
        fout.textContent = text || "Het bericht is niet verstuurd. Probeer het opnieuw.";
        fout.hidden = false;
        textarea.setAttribute("aria-invalid", "true");
      });
    }, function () {
      fout.textContent = "Geen verbinding. Probeer het opnieuw.";
      fout.hidden = false;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-chat-form]");
    if (form) {
      event.preventDefault();
      send(form);
    }
  });

  document.addEventListener("keydown", function (event) {
    var textarea = event.target.closest && event.target.closest("[data-chat-tekst]");
    if (textarea && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(textarea.form);
    }
  });

  // A kennisbank text goes into the answer, to be checked before sending.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fragment]");
    var textarea = document.querySelector("[data-chat-tekst]");
    if (!button || !textarea) {
      return;
    }
    var before = textarea.value;
    textarea.value = before + (before && !/\n$/.test(before) ? "\n" : "") + button.dataset.fragment;
    textarea.focus();
  });

  // The console's lists refresh every few seconds: never pull them away from under
  // the keyboard focus (a medewerker tabbing to "Aannemen").
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target.id === "chat-lijsten" && event.detail.target.contains(document.activeElement)) {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    connect();
    var status = document.querySelector("[data-chat-status-url]");
    if (status) {
      // The queue position changes as others are helped: refresh while waiting.
      window.setInterval(function () {
        if (status.dataset.chatStatus === "wachtend") {
          refreshStatus(null);
        }
      }, 10000);
    }
  });
})();
