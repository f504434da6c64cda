// Screen-pop: listens to /kanalen/telefonie/events (server-sent events) and shows
// "Inkomend gesprek" with a link to the caller's klantbeeld (or a prefilled search).
// The server ends each stream after about a minute; EventSource reconnects itself.
(function () {
  var script = document.currentScript;
  var url = script && script.dataset.eventsUrl;
  if (!url || !window.EventSource) {
    return;
  }

  function region() {
    var existing = document.getElementById("kcc-screenpop");
    if (existing) {
      return existing;
    }
    var container = document.createElement("div");
    container.id = "kcc-screenpop";
    container.className = "kcc-screenpop";
    container.setAttribute("aria-live", "assertive");
    var main = document.getElementById("main") || document.body;
    main.insertBefore(container, main.firstChild);
    return container;
  }

  function show(data) {
    var container = region();
    var old = container.querySelector('[data-gesprek="' + data.gesprek + '"]');
    if (old) {
      old.remove();
    }
    var alert = document.createElement("div");
    alert.className = "utrecht-alert utrecht-alert--info kcc-screenpop__alert";
    alert.setAttribute("role", "alert");
    alert.dataset.gesprek = data.gesprek;

    var text = document.createElement("p");
    text.className = "utrecht-paragraph utrecht-alert__message";
    var who = data.naam ? data.naam + " (" + (data.beller || "anoniem") + ")" : data.beller || "anonieme beller";
    var prefix = data.event === "answered" ? "Gesprek met " : "Inkomend gesprek van ";
    text.appendChild(document.createTextNode(prefix));
    var strong = document.createElement("strong");
    strong.textContent = who;
    text.appendChild(strong);
    if (data.wachtrij) {
      text.appendChild(document.createTextNode(" · wachtrij " + data.wachtrij));
    }
    text.appendChild(document.createTextNode(" "));

    var link = document.createElement("a");
    link.className = "utrecht-link kcc-screenpop__link";
    link.href = data.url;
    link.textContent = data.naam ? "Open klantbeeld" : "Zoek de beller";
    text.appendChild(link);

    var close = document.createElement("button");
    close.type = "button";
    close.className = "utrecht-button utrecht-button--subtle kcc-screenpop__close";
    close.textContent = "Sluiten";
    close.addEventListener("click", function () {
      alert.remove();
    });

    alert.appendChild(text);
    alert.appendChild(close);
    container.appendChild(alert);
  }

  var source = new EventSource(url);
  source.addEventListener("open", function () {
    // Lets tests (and curious users) see that pops can arrive now.
    document.documentElement.dataset.screenpop = "verbonden";
  });
  source.addEventListener("screenpop", function (event) {
    try {
      show(JSON.parse(event.data));
    } catch (error) {
      // A malformed message is ignored; the next one may be fine.
    }
  });
})();
