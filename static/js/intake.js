// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary (or notice) so screen readers announce it first.
  var first = document.querySelector("[data-autofocus]");
  if (first) {
    first.focus();
  }

  // Show follow-up questions in place as soon as the answer they depend on is chosen.
  var form = document.getElementById("step-form");
  var blocks = document.querySelectorAll("[data-when-field]");
  function update() {
    blocks.forEach(function (block) {
      var name = block.getAttribute("data-when-field");
      var wanted = block.getAttribute("data-when-values").split(" ");
      var least = Number(block.getAttribute("data-when-least") || 1);
      var inputs = form.querySelectorAll('input[name="' + name + '"]');
      var chosen = Array.prototype.filter.call(inputs, function (input) {
        // An answer inside a closed follow-up (blocks come in page order) no longer counts.
        return input.checked && !input.closest("[hidden]") && wanted.indexOf(input.value) !== -1;
      });
      var show = chosen.length >= least;
      block.hidden = !show;
      // The marker tells the server these questions were on screen.
      block.querySelector('input[name="shown"]').disabled = !show;
    });
  }
  if (form && blocks.length) {
    form.addEventListener("change", update);
  }

  // Copy the resume link with one tap.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
