/* 整改公开: what iframe-worker's shim writes into the offline search's frame as an inline script, as a
   file, so that the pages' Content-Security-Policy (script-src 'self' and hashes) lets it run. */
"use strict";
(() => {
  const worker = document.currentScript.dataset.worker;
  self.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  self.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((loaded) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = loaded;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) =>
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error })),
  );
})();
