// The License page follows a running license sync: every 2 seconds, while the status block says a
// run is in progress, it asks for the status and the run history again (a Faces Ajax request of
// the hidden "Refresh" button). A separate file, as the Content-Security-Policy allows no inline script.
(function () {
  window.setInterval(function () {
    var status = document.getElementById("syncStatus");
    var tick = document.getElementById("poll:tick");
    if (status === null || tick === null || typeof faces === "undefined") { return; }
    if (status.getAttribute("data-running") === "true") {
      faces.ajax.request(tick, null, { execute: "poll:tick", render: "syncStatus runsBlock" });
    }
  }, 2000);
})();
