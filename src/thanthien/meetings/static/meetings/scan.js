// Door scanner: reads a registration's QR code with the phone's camera where the browser has
// BarcodeDetector (Chromium on Android), fills the code field and submits the ordinary form.
// Without it (or without a camera) the typed-code form below keeps working.
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  var form = document.getElementById("checkin-form");
  if (!box || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var input = form.querySelector("input[name=code]");
  box.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play().then(function () {
          var busy = false;
          var timer = setInterval(function () {
            if (busy) return;
            busy = true;
            detector
              .detect(video)
              .then(function (codes) {
                if (codes.length) {
                  clearInterval(timer);
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  input.value = codes[0].rawValue;
                  form.submit();
                }
              })
              .finally(function () { busy = false; });
          }, 300);
        });
      })
      .catch(function () {
        box.querySelector(".scan-error").hidden = false;
      });
  });
})();
