{% load static %}// 备案助手 service worker (issue 20 #6; docs/decisions.md). It keeps only the static files and the offline page,
// never an order page, a form or anything personal: a page comes from the network, and when there is none the
// offline page says what to do. Static files come from the network too (they change with each release) and
// from the cache only when offline.
"use strict";
const CACHE = "beian-static-{{ version }}";
const OFFLINE = "{% url 'web:offline' %}";
const STATIC = "{% get_static_prefix %}";
const PRECACHE = [OFFLINE{% for url in precache %}, "{{ url }}"{% endfor %}];

self.addEventListener("install", (event) => {
  // Without credentials: what is cached is the page anybody gets, never one drawn for an account.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { credentials: "omit" }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith("beian-") && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  } else if (url.pathname.startsWith(STATIC)) {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || Response.error())));
  }
});
