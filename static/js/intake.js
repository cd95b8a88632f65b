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
      var inputs = form.querySelectorAll('input[name="' + name + '"]');
      var show = Array.prototype.some.call(inputs, function (input) {
        return input.checked && wanted.indexOf(input.value) !== -1;
      });
      block.hidden = !show;
      // The marker tells the server these questions were on screen.
      block.querySelector('input[name="shown"]').disabled = !show;
    });
  }
  // "None of these" and the other choices untick each other (the server refuses both).
  function untickOthers(event) {
    var input = event.target;
    var group = input.closest("[data-exclusive]");
    if (!group || input.type !== "checkbox" || !input.checked) {
      return;
    }
    var none = group.getAttribute("data-exclusive");
    group.querySelectorAll('input[type="checkbox"]').forEach(function (other) {
      if (other !== input && (input.value === none || other.value === none)) {
        other.checked = false;
      }
    });
  }
  if (form) {
    form.addEventListener("change", untickOthers);
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
