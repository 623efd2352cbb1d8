/* Byline reader script: the subscribe overlay on public articles.
   No dependencies, no cookies, no requests of its own. The overlay is in the page with the
   `hidden` attribute, so without this script nothing shows and the article stays readable.
   Once the reader has scrolled past data-scroll-percent % of the <article> (and no other
   subscribe form is in view), it opens as a modal dialog; "Continue reading", Escape or a click on the backdrop close it, and the
   dismissal is remembered in localStorage for data-dismiss-days days, on every article. */
(function () {
  "use strict";

  var KEY = "byline.overlay.dismissedUntil";
  var DAY = 24 * 60 * 60 * 1000;

  var overlay = document.querySelector(".subscribe-overlay");
  if (!overlay || !overlay.hidden) return;

  var card = overlay.querySelector(".subscribe-overlay-card") || overlay;
  var article = overlay.closest("article") || document.querySelector("article");
  var percent = clamp(parseInt(overlay.getAttribute("data-scroll-percent"), 10), 10, 90, 50);
  var days = clamp(parseInt(overlay.getAttribute("data-dismiss-days"), 10), 0, 3650, 30);

  var done = false;        // shown once on this page, dismissed, or not wanted here
  var isOpen = false;
  var returnFocus = null;  // the element focused before the overlay opened
  var pending = false;     // a scroll check is waiting for the next frame

  function clamp(value, low, high, fallback) {
    if (isNaN(value)) return fallback;
    return Math.min(high, Math.max(low, value));
  }

  function dismissedUntil() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? 0 : value;
    } catch (e) {
      return 0; // no storage: the overlay may show, and then closes for this page only
    }
  }

  function remember() {
    try {
      window.localStorage.setItem(KEY, String(Date.now() + days * DAY));
    } catch (e) {
      /* storage unavailable or full: closed for this page only */
    }
  }

  // A subscribe form outside the overlay that the reader has already used.
  function isOtherSubscribeForm(node) {
    var form = node && node.closest ? node.closest("form") : null;
    if (!form || overlay.contains(form)) return false;
    return (form.getAttribute("action") || "").split("?")[0] === "/subscribe";
  }

  if (dismissedUntil() > Date.now() || isOtherSubscribeForm(document.activeElement)) return;

  function focusable() {
    var nodes = card.querySelectorAll(
      "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]");
    var out = [];
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (n.tabIndex < 0 || n.closest("[aria-hidden=true]")) continue;
      if (!(n.offsetWidth || n.offsetHeight || n.getClientRects().length)) continue;
      out.push(n);
    }
    return out;
  }

  function progress() {
    if (!article) return 0;
    var box = article.getBoundingClientRect();
    if (box.height <= 0) return 0;
    // How much of the article lies above the bottom of the window.
    return ((window.innerHeight - box.top) / box.height) * 100;
  }

  // A subscribe form of the page (the subscribe box) in view: the offer is already there,
  // and the overlay would cover it just as the reader reaches it. Wait until it has scrolled by.
  function otherFormInView() {
    var forms = document.querySelectorAll("form[action]");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      if (overlay.contains(form) || !isOtherSubscribeForm(form)) continue;
      var box = form.getBoundingClientRect();
      if (box.height > 0 && box.bottom > 0 && box.top < window.innerHeight) return true;
    }
    return false;
  }

  function check() {
    pending = false;
    if (done || isOpen) return;
    if (window.scrollY > 0 && progress() >= percent && !otherFormInView()) open();
  }

  function onScroll() {
    if (done || pending) return;
    pending = true;
    window.requestAnimationFrame(check);
  }

  function open() {
    if (dismissedUntil() > Date.now()) { stop(); return; } // dismissed in another tab
    isOpen = true;
    returnFocus = document.activeElement;
    var root = document.documentElement;
    var gap = window.innerWidth - root.clientWidth;
    if (gap > 0) root.style.setProperty("--overlay-scrollbar", gap + "px");
    root.classList.add("subscribe-overlay-open");
    overlay.hidden = false;
    overlay.focus({ preventScroll: true });
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn, true);
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    remember();
    stop();
    overlay.hidden = true;
    var root = document.documentElement;
    root.classList.remove("subscribe-overlay-open");
    root.style.removeProperty("--overlay-scrollbar");
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("focusin", onFocusIn, true);
    var target = returnFocus;
    returnFocus = null;
    if (target && target !== document.body && document.contains(target) && target.focus) {
      target.focus({ preventScroll: true });
    } else if (document.activeElement && overlay.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  }

  function stop() {
    done = true;
    window.removeEventListener("scroll", onScroll);
  }

  function onKey(event) {
    if (!isOpen) return;
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "Tab") return;
    var items = focusable();
    if (!items.length) { event.preventDefault(); overlay.focus(); return; }
    var first = items[0];
    var last = items[items.length - 1];
    var here = document.activeElement;
    var inside = items.indexOf(here) >= 0;
    if (event.shiftKey && (here === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (here === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  // Focus that escapes the dialog (a click elsewhere, assistive technology) is brought back.
  function onFocusIn(event) {
    if (isOpen && !overlay.contains(event.target)) {
      var items = focusable();
      (items[0] || overlay).focus({ preventScroll: true });
    }
  }

  overlay.addEventListener("click", function (event) {
    if (event.target === overlay || event.target.closest(".subscribe-overlay-close")) close();
  });

  // Subscribing from the overlay counts as an answer: do not ask again on the next article.
  overlay.addEventListener("submit", function () { remember(); });

  // The reader already reached for a subscribe form on the page: no need to ask.
  document.addEventListener("focusin", function (event) {
    if (!isOpen && isOtherSubscribeForm(event.target)) stop();
  });
  document.addEventListener("submit", function (event) {
    if (isOtherSubscribeForm(event.target)) { remember(); stop(); }
  });

  window.addEventListener("scroll", onScroll, { passive: true });
})();

// Share: copy link and the Web Share API
// The share section's "Copy link" and "Share…" buttons are in the page with the `hidden`
// attribute; each is shown only where the browser can do what it offers. The plain links
// work without this script. No requests, no third-party code.
(function () {
  "use strict";

  var section = document.querySelector(".share");
  if (!section) return;
  var status = section.querySelector(".share-status");
  var copy = section.querySelector(".share-copy");
  var native = section.querySelector(".share-native");
  var timer = null;

  function say(text) {
    if (!status) return;
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  if (copy && navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-share-url") || location.href;
      navigator.clipboard.writeText(url).then(
        function () { say("Link copied"); },
        function () { say("Copy failed"); }
      );
    });
  }

  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", function () {
      var data = {
        title: native.getAttribute("data-share-title") || document.title,
        url: native.getAttribute("data-share-url") || location.href
      };
      // A reader who closes the share sheet rejects the promise: nothing to report.
      navigator.share(data).catch(function () {});
    });
  }
})();
