// The book's service worker (Workbox, vendored from npm; no CDN). The build fills
// in the manifest below (site/precache.py) and writes this file to the site root.
//
// The page runtime registers it after the first page with an exercise is ready
// (site/ext/static/iic-runtime.js), so its downloads never compete with the
// coach's first start. It then precaches every book page, what those pages load,
// and the page worker's Pyodide runtime, and answers those URLs cache-first: after
// one visit every coach and quiz works with the network cut.
//
// JupyterLite registers its own service worker for lite/, whose scope is longer
// and therefore wins for every lite/ page; this one answers only the URLs in its
// manifest and lets every other request (lite/'s API calls included) through.
/* global workbox */
importScripts("_static/vendor/workbox/workbox-sw.js");
workbox.setConfig({ debug: false, modulePathPrefix: "_static/vendor/workbox/" });

// Versioned names: every entry is stored under its content revision in the
// "iic-book" precache; activating a new build deletes revisions it no longer lists.
workbox.core.setCacheNameDetails({ prefix: "iic-book", suffix: "v1" });
workbox.core.skipWaiting();
workbox.core.clientsClaim();
workbox.precaching.cleanupOutdatedCaches();

// Revalidate instead of re-downloading: Workbox asks for a fresh copy of each
// changed file ("reload"), but the page has usually just loaded the very same
// bytes. A conditional request gets a 304 for those and costs no transfer.
workbox.precaching.addPlugins([
  {
    requestWillFetch: async ({ request }) =>
      new Request(request.url, { cache: "no-cache", credentials: "same-origin" }),
  },
]);

workbox.precaching.precacheAndRoute(self.__WB_MANIFEST, {
  // Sphinx adds ?v=<hash> and the theme ?digest=<hash> to the same files.
  ignoreURLParametersMatching: [/^v$/, /^digest$/, /^utm_/, /^fbclid$/],
  directoryIndex: "index.html",
  cleanURLs: false,
});
