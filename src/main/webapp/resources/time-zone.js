// Tells the server the viewer's time zone (a cookie), so times are shown in it with the zone named.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) < 0) {
      document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Lax";
    }
  } catch (e) { /* the server shows UTC */ }
})();
