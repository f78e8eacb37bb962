// Kiosk behaviour that needs a browser: never send a form twice, and start over when a customer walks
// away mid-signup so the next person never sees their details. Everything works without it; it only
// makes the counter tablet safer and calmer.
(function () {
  "use strict";

  // A form marked data-once disables its buttons once sent, so a double tap sends it once.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        if (b.dataset.busyLabel) { b.textContent = b.dataset.busyLabel; }
        b.setAttribute("aria-disabled", "true");
        setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });

  // Idle timer: after data-idle-seconds without a touch, ask; after 30 more seconds, start over.
  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds || "0", 10);
  var dialog = document.getElementById("idle-dialog");
  var cancelForm = document.getElementById("kiosk-cancel");
  if (!idleSeconds || !dialog || !cancelForm || typeof dialog.showModal !== "function") { return; }
  var graceSeconds = parseInt(body.dataset.idleGraceSeconds || "30", 10);
  var countdown = document.getElementById("idle-countdown");
  var idleTimer, graceTimer, remaining;

  function startOver() { cancelForm.submit(); }
  function tick() {
    remaining -= 1;
    if (countdown) { countdown.textContent = String(remaining); }
    if (remaining <= 0) { startOver(); return; }
    graceTimer = setTimeout(tick, 1000);
  }
  function ask() {
    remaining = graceSeconds;
    if (countdown) { countdown.textContent = String(remaining); }
    dialog.showModal();
    graceTimer = setTimeout(tick, 1000);
  }
  function reset() {
    if (dialog.open) { return; } // only the dialog's own button dismisses it
    clearTimeout(idleTimer);
    idleTimer = setTimeout(ask, idleSeconds * 1000);
  }
  document.getElementById("idle-continue").addEventListener("click", function () {
    clearTimeout(graceTimer);
    dialog.close();
    reset();
  });
  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, reset, { passive: true, capture: true });
  });
  reset();
})();
