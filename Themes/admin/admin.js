// The newsroom's script: live preview and autosave in the editor, a "saved at" indicator,
// Publish/Schedule labels and confirmations. Everything else works without it: the forms post
// as plain HTML forms.
(function () {
  "use strict";

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";

  function post(url, params) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "X-CSRF-Token": csrfToken,
        "Accept": "application/json, text/html"
      },
      body: params
    });
  }

  // Buttons and forms that ask before doing something that cannot be undone.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });

  var form = document.querySelector("form.editor");
  if (!form) return;

  // ---------- Live preview ----------
  var textarea = form.querySelector("textarea[data-preview-target]");
  var pane = textarea && document.getElementById(textarea.getAttribute("data-preview-target"));
  var previewState = document.getElementById("preview-state");
  var previewTimer = null;
  var previewSeq = 0;

  function refreshPreview() {
    var seq = ++previewSeq;
    if (previewState) previewState.textContent = "Updating…";
    var params = new URLSearchParams();
    params.set("markdown", textarea.value);
    post("/admin/preview/markdown", params)
      .then(function (response) {
        if (!response.ok) throw new Error("preview " + response.status);
        return response.text();
      })
      .then(function (html) {
        // Only the latest request may paint: answers can arrive out of order.
        if (seq !== previewSeq) return;
        pane.innerHTML = html; // safe: the server renders Markdown with raw HTML shown as text
        if (previewState) previewState.textContent = "";
      })
      .catch(function () {
        if (seq === previewSeq && previewState) previewState.textContent = "Preview unavailable";
      });
  }

  if (textarea && pane) {
    textarea.addEventListener("input", function () {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(refreshPreview, 350);
    });
  }

  // ---------- The preview cut ----------
  // Puts <!--more--> on a line of its own at the cursor (the hint says how to type it without
  // the script). The input event refreshes the preview and marks the draft changed.
  var cutButton = form.querySelector("[data-insert-cut]");
  if (textarea && cutButton) {
    cutButton.hidden = false;
    cutButton.addEventListener("click", function () {
      var text = textarea.value;
      var start = textarea.selectionStart;
      var end = textarea.selectionEnd;
      var before = text.slice(0, start);
      var after = text.slice(end);
      var line = (before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n") +
        "<!--more-->" + (after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n");
      textarea.value = before + line + after;
      var caret = before.length + line.length;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  // ---------- Publish or Schedule ----------
  // The date field is in the site's time zone, and so is data-now: comparing the two strings
  // ("2026-11-27T14:05") says whether the date is in the future.
  var dateField = form.querySelector('input[name="published_at"]');
  var publishButton = form.querySelector("[data-publish-button]");
  var now = form.getAttribute("data-now") || "";
  if (dateField && publishButton) {
    var syncLabel = function () {
      publishButton.textContent = dateField.value && dateField.value > now ? "Schedule" : "Publish";
    };
    dateField.addEventListener("input", syncLabel);
    dateField.addEventListener("change", syncLabel);
  }

  // ---------- Autosave (drafts only) ----------
  var autosaveURL = form.getAttribute("data-autosave-url");
  var status = document.getElementById("save-status");
  var updatedAt = form.querySelector('input[name="updated_at"]');
  var dirty = false;
  var inFlight = null;
  var stopped = false;

  function showStatus(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("is-error", !!isError);
  }

  function autosave() {
    if (!dirty || inFlight || stopped) return inFlight || Promise.resolve();
    dirty = false;
    showStatus("Saving…");
    var params = new URLSearchParams(new FormData(form));
    params.delete("_csrf");
    inFlight = post(autosaveURL, params)
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
      })
      .then(function (result) {
        if (result.ok) {
          if (updatedAt && result.body.updated_at) updatedAt.value = result.body.updated_at;
          showStatus("Saved at " + (result.body.saved_at || new Date().toLocaleTimeString()));
        } else if (result.status === 409 || result.status === 403 || result.status === 404) {
          // Someone else saved, or the post is no longer ours to change: never overwrite.
          stopped = true;
          showStatus("Not saved: " + (result.body.message || "refused") , true);
        } else {
          dirty = true;
          showStatus("Not saved: " + (result.body.message || "try Save draft"), true);
        }
      })
      .catch(function () {
        dirty = true;
        showStatus("Not saved (offline?) — will retry", true);
      })
      .then(function () { inFlight = null; });
    return inFlight;
  }

  if (autosaveURL) {
    form.addEventListener("input", function () { dirty = true; });
    setInterval(autosave, 5000);
    // A save button pressed while an autosave is on its way waits for it, so the form carries
    // the newest updated_at and is not refused as a conflict with itself.
    form.addEventListener("submit", function (event) {
      if (!inFlight) return;
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () {
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      });
    });
  }

  // Leaving with unsaved edits asks first (not after pressing a button of this form).
  var submitting = false;
  form.addEventListener("submit", function () { submitting = true; });
  var edited = false;
  form.addEventListener("input", function () { edited = true; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !edited || (autosaveURL && !dirty && !inFlight && !stopped)) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();

// Newsletters: while a send runs, its row's counts follow the deliveries every two seconds.
(function () {
  var table = document.querySelector("table.newsletter-sends[data-live]");
  if (!table || !window.fetch) return;
  var url = table.getAttribute("data-progress-url");
  function update() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var running = false;
        data.sends.forEach(function (send) {
          var row = table.querySelector('tr[data-send="' + send.id + '"]');
          if (!row) return;
          var cell = function (name) { return row.querySelector('[data-field="' + name + '"]'); };
          cell("queued").textContent = send.queued + send.sending;
          cell("sent").textContent = send.sent;
          cell("failed").textContent = send.failed;
          cell("skipped").textContent = send.skipped;
          var bar = cell("done");
          bar.max = send.total;
          bar.value = send.sent + send.failed + send.skipped;
          cell("state").textContent = send.finished ? "done" : "sending";
          if (!send.finished) running = true;
        });
        if (running) setTimeout(update, 2000);
      })
      .catch(function () { setTimeout(update, 5000); });
  }
  setTimeout(update, 2000);
})();

// Image uploads: a file input marked data-image-upload="<field>" uploads the chosen file to the
// Admin API (the session's cookie and CSRF token) and puts the image's address into that field;
// an image dropped or pasted into the body is uploaded and its Markdown inserted at the cursor.
// Without this script the image library (/admin/images/) uploads with a plain form.
(function () {
  "use strict";

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";

  function upload(file) {
    return fetch("/api/admin/images?filename=" + encodeURIComponent(file.name || "image"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": file.type || "application/octet-stream",
        "X-CSRF-Token": csrfToken,
        "Accept": "application/json"
      },
      body: file
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body.error && body.error.message) || ("upload failed: " + response.status));
        return body.images[0];
      });
    });
  }

  document.querySelectorAll("input[type=file][data-image-upload]").forEach(function (input) {
    var scope = input.closest("[data-image-field]") || input.form || document;
    var field = scope.querySelector('[name="' + input.getAttribute("data-image-upload") + '"]');
    var preview = scope.querySelector("[data-image-preview]");
    var status = scope.querySelector("[data-upload-status]");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !field) return;
      if (status) status.textContent = "Uploading…";
      upload(file).then(function (image) {
        field.value = image.url;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        if (preview) { preview.src = image.variants[0].jpeg; preview.hidden = false; }
        if (status) status.textContent = "Uploaded (" + image.width + " × " + image.height + ").";
        input.value = "";
      }).catch(function (error) {
        if (status) status.textContent = error.message;
      });
    });
  });

  var body = document.querySelector("form.editor textarea[name=markdown]");
  if (!body) return;

  function insertImages(files) {
    var images = Array.prototype.filter.call(files || [], function (file) { return /^image\//.test(file.type); });
    if (!images.length) return false;
    images.forEach(function (file) {
      var placeholder = "![Uploading " + (file.name || "image") + "…]()";
      var start = body.selectionStart;
      body.setRangeText(placeholder, start, body.selectionEnd, "end");
      upload(file).then(function (image) {
        var alt = "Describe the image";
        var markdown = "![" + alt + "](" + image.url + ")";
        var at = body.value.indexOf(placeholder);
        if (at < 0) { at = body.selectionStart; body.setRangeText(markdown, at, at, "end"); }
        else { body.setRangeText(markdown, at, at + placeholder.length, "end"); }
        // The alt text is selected: typing replaces it with what the picture shows.
        body.focus();
        body.setSelectionRange(at + 2, at + 2 + alt.length);
        body.dispatchEvent(new Event("input", { bubbles: true }));
      }).catch(function (error) {
        var at = body.value.indexOf(placeholder);
        if (at >= 0) body.setRangeText("", at, at + placeholder.length, "end");
        window.alert("The image was not uploaded: " + error.message);
      });
    });
    return true;
  }

  body.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) event.preventDefault();
  });
  body.addEventListener("drop", function (event) {
    if (event.dataTransfer && insertImages(event.dataTransfer.files)) event.preventDefault();
  });
  body.addEventListener("paste", function (event) {
    if (event.clipboardData && insertImages(event.clipboardData.files)) event.preventDefault();
  });
})();
