// The photo page, enhanced: shrink big photos in the browser (less mobile data) and show them
// at once. Without this file the chosen files are sent as they are and shown after upload.
(function () {
  "use strict";

  var LONGEST_SIDE = 2048;
  var QUALITY = 0.85;

  function shrink(file) {
    if (!window.createImageBitmap || !window.DataTransfer) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(blob ? new File([blob], name, { type: "image/jpeg" }) : file);
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () {
      // A format this browser cannot draw (HEIC on most): the server converts it.
      return file;
    });
  }

  function preview(file, box) {
    var reader = new FileReader();
    reader.onload = function () {
      var img = document.createElement("img");
      img.src = reader.result;
      img.alt = box.getAttribute("data-alt") || "";
      box.appendChild(img);
    };
    reader.readAsDataURL(file);
  }

  function showAll(group) {
    var box = group.querySelector("[data-photo-previews]");
    box.textContent = "";
    group.querySelectorAll("[data-photo-input]").forEach(function (input) {
      Array.prototype.forEach.call(input.files, function (file) {
        if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
          preview(file, box);
        }
      });
    });
  }

  document.querySelectorAll("[data-photo-input]").forEach(function (input) {
    input.addEventListener("change", function () {
      var group = input.closest(".photo-inputs");
      var files = Array.prototype.slice.call(input.files);
      Promise.all(files.map(shrink)).then(function (shrunk) {
        if (window.DataTransfer) {
          var transfer = new DataTransfer();
          shrunk.forEach(function (file) { transfer.items.add(file); });
          input.files = transfer.files;
        }
        showAll(group);
      });
    });
  });
})();
