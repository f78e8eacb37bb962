// Documents in the browser: the in-page camera (rear camera, a card-shaped guide, capture, preview,
// retake) and scaling photos down before they cross the store's Wi-Fi. The page works without any of
// it: the file fields and the Add button post the same form. The server checks and normalises whatever
// arrives either way.
(function () {
  "use strict";

  var form = document.querySelector("form[data-upload]");
  if (!form) { return; }
  var maxEdge = parseInt(form.dataset.maxEdge || "2000", 10);
  var quality = 0.9;
  var submitButton = form.querySelector("button[type=submit]");

  function busy(label) {
    if (submitButton) { submitButton.textContent = label; submitButton.disabled = true; }
  }

  // scaled draws a picture no larger than maxEdge on a canvas and answers it as a JPEG blob. A canvas
  // keeps no metadata, so no EXIF leaves the tablet either.
  function scaled(source, width, height) {
    var k = Math.min(1, maxEdge / Math.max(width, height));
    var canvas = document.createElement("canvas");
    canvas.width = Math.round(width * k);
    canvas.height = Math.round(height * k);
    var ctx = canvas.getContext("2d");
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", quality); });
  }

  // setFiles replaces what a file field holds, so the form posts exactly that.
  function setFiles(input, files) {
    var dt = new DataTransfer();
    files.forEach(function (f) { dt.items.add(f); });
    input.files = dt.files;
  }

  // Photos chosen or taken with the device camera are scaled down, then sent at once. Files the browser
  // cannot draw (PDF, HEIC on most browsers) go as they are.
  form.querySelectorAll("input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files);
      if (!files.length) { return; }
      busy("Preparing…");
      Promise.all(files.map(function (file) {
        if (!/^image\/(jpeg|png|webp|gif|bmp)$/.test(file.type) || typeof createImageBitmap !== "function") {
          return Promise.resolve(file);
        }
        return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
          if (Math.max(bitmap.width, bitmap.height) <= maxEdge && file.size < 1500000) { return file; }
          return scaled(bitmap, bitmap.width, bitmap.height).then(function (blob) {
            return blob ? new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" }) : file;
          });
        }).catch(function () { return file; });
      })).then(function (ready) {
        setFiles(input, ready);
        form.submit();
      });
    });
  });

  // The in-page camera, where the browser offers one.
  var camera = form.querySelector("[data-camera]");
  if (!camera || !navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== "function") { return; }
  var video = camera.querySelector("video");
  var shot = camera.querySelector(".shot");
  var viewfinder = camera.querySelector(".viewfinder");
  var captureButton = camera.querySelector("[data-capture]");
  var retakeButton = camera.querySelector("[data-retake]");
  var useButton = camera.querySelector("[data-use]");
  var cameraInput = form.querySelector("input[type=file][capture]");
  var stream = null;
  var taken = null;

  function show(el, on) { el.hidden = !on; }

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
  }

  navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: "environment" }, width: { ideal: 1920 }, height: { ideal: 1080 } }
  }).then(function (s) {
    stream = s;
    video.srcObject = s;
    return video.play();
  }).then(function () {
    show(camera, true);
    form.classList.add("has-camera");
    camera.dataset.ready = "1";
  }).catch(function () {
    stop(); // no camera, or permission refused: the file fields remain
  });

  captureButton.addEventListener("click", function () {
    if (!video.videoWidth) { return; }
    scaled(video, video.videoWidth, video.videoHeight).then(function (blob) {
      if (!blob) { return; }
      taken = blob;
      shot.src = URL.createObjectURL(blob);
      show(shot, true);
      show(viewfinder, false);
      show(captureButton, false);
      show(retakeButton, true);
      show(useButton, true);
      useButton.focus();
    });
  });

  retakeButton.addEventListener("click", function () {
    if (shot.src) { URL.revokeObjectURL(shot.src); }
    taken = null;
    show(shot, false);
    show(viewfinder, true);
    show(captureButton, true);
    show(retakeButton, false);
    show(useButton, false);
    captureButton.focus();
  });

  useButton.addEventListener("click", function () {
    if (!taken || !cameraInput) { return; }
    busy("Adding…");
    useButton.disabled = true;
    setFiles(cameraInput, [new File([taken], "camera.jpg", { type: "image/jpeg" })]);
    stop();
    form.submit();
  });

  // The camera goes off when the page does: nothing keeps filming the counter.
  window.addEventListener("pagehide", stop);
})();
