// 整改公开 — 适老化 reading tools: text size, high contrast, read aloud.
// Settings are kept in localStorage so that they follow the reader from page to page.
(function () {
  "use strict";
  var SIZES = [100, 125, 150, 175, 200];
  var KEY = "rectify.reading";
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (error) { return {}; }
  }
  function save(settings) {
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch (error) { /* private mode */ }
  }

  function setUp(tools) {
    var settings = load();
    var output = tools.querySelector(".rectify-tools__size");
    var contrast = tools.querySelector("[data-contrast-toggle]");
    var reader = tools.querySelector("[data-read-aloud]");

    function show() {
      var size = settings.size || 100;
      if (size === 100) { delete root.dataset.textSize; } else { root.dataset.textSize = String(size); }
      output.textContent = size + "%";
      var high = settings.contrast === "high";
      if (high) { root.dataset.contrast = "high"; } else { delete root.dataset.contrast; }
      contrast.setAttribute("aria-pressed", String(high));
      save(settings);
    }

    Array.prototype.forEach.call(tools.querySelectorAll("[data-text-size-step]"), function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.dataset.textSizeStep);
        var index = SIZES.indexOf(settings.size || 100);
        index = step === 0 ? 0 : Math.min(SIZES.length - 1, Math.max(0, index + step));
        settings.size = SIZES[index];
        show();
      });
    });
    contrast.addEventListener("click", function () {
      settings.contrast = settings.contrast === "high" ? "" : "high";
      show();
    });
    setUpReader(reader);
    show();
    tools.hidden = false;
  }

  // Read the page's main text with the browser's own voices; no voice, no button.
  function setUpReader(button) {
    var speech = window.speechSynthesis;
    if (!speech || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    function chineseVoice() {
      return speech.getVoices().filter(function (voice) { return /^zh/i.test(voice.lang); })[0];
    }
    function offer() { button.hidden = !chineseVoice(); }
    function stopped() {
      button.setAttribute("aria-pressed", "false");
      button.textContent = "朗读本页";
    }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        speech.cancel();
        stopped();
        return;
      }
      var article = document.querySelector("article.md-content__inner");
      var text = Array.prototype.filter.call(article.children, function (element) {
        return !element.matches(".rectify-tools, .print-actions");
      }).map(function (element) { return element.innerText; }).join("\n");
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";  // the browser picks its Chinese voice
      utterance.onend = stopped;
      speech.cancel();
      speech.speak(utterance);
      button.setAttribute("aria-pressed", "true");
      button.textContent = "停止朗读";
    });
    window.addEventListener("pagehide", function () { speech.cancel(); });
    if (speech.addEventListener) { speech.addEventListener("voiceschanged", offer); }
    offer();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".rectify-tools"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
