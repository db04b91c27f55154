// Installable web app (issue 20 #6): registers the service worker served at /sw.js (scope "/"), which keeps only
// static files and the offline page. From a static file: the Content-Security-Policy refuses inline scripts.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      // Without a worker the site works as before (only the offline page is missing): nothing to tell the person.
    });
  });
})();
