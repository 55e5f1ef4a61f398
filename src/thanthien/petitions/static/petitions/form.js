// Petition form: when "share the location" is ticked, ask the phone for its position and fill the
// hidden latitude/longitude fields. Without JavaScript the form still works, without a point.
(function () {
  var box = document.getElementById("id_share_location");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var status = document.getElementById("location-status");
  if (!box || !lat || !lon || !navigator.geolocation) return;
  box.addEventListener("change", function () {
    if (!box.checked) { lat.value = ""; lon.value = ""; status.textContent = ""; return; }
    status.textContent = "…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(6);
      lon.value = pos.coords.longitude.toFixed(6);
      status.textContent = lat.value + ", " + lon.value;
    }, function () {
      status.textContent = box.dataset.failed || "";
      box.checked = false;
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
