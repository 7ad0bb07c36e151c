// The campaign tools on a book page: the tracker, beliefs to a decision and the
// weekly dashboard. Like the rest of the runtime, this script only moves data:
// the page's worker runs exercises.campaign.page (the notebook's Python) and
// answers with the new data, the HTML to show and a message. Saved data lives in
// localStorage as "iic:worksheet:contacts" and "iic:worksheet:beliefs".
// iic-runtime.js calls window.iicCampaign.setUp(section, coach, shared) for each
// section whose kind is in window.iicCampaign.kinds, or queues it in
// window.iicCampaignQueue when this script has not run yet (both load async).
(function () {
  "use strict";

  const CHANGED = "iic:campaign-changed";

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  // The learner's own calendar date (tests may set window.iicToday = "YYYY-MM-DD").
  function today() {
    if (typeof window.iicToday === "string") return window.iicToday;
    const d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function zone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (err) {
      return "";
    }
  }

  function download(name, type, text) {
    const blob = new Blob([text], { type: type });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function fillSelect(select, choices, value, noneLabel) {
    select.textContent = "";
    if (noneLabel !== null) {
      const none = document.createElement("option");
      none.value = "";
      none.textContent = noneLabel;
      select.appendChild(none);
    }
    choices.forEach(([id, label]) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label;
      select.appendChild(option);
    });
    if (Array.from(select.options).some((o) => o.value === value)) select.value = value;
  }

  function announceChange(source) {
    document.dispatchEvent(new CustomEvent(CHANGED, { detail: { source: source } }));
  }

  // One request to the worker; errors end up in the section's status line.
  function request(section, coach, shared, tool, action, payload) {
    if (coach.state === "failed") {
      shared.showFailure(section, coach.reason);
      return Promise.resolve(null);
    }
    if (coach.state !== "ready") shared.setStatus(section, "Getting the tools ready...", false);
    const body = Object.assign({ today: today(), zone: zone() }, payload);
    return coach.campaign(tool, action, body).then(
      (out) => {
        if (out && out.error) {
          shared.setStatus(section, out.error, false);
          return null;
        }
        return out;
      },
      (err) => {
        shared.reportError(section, coach, err);
        return null;
      },
    );
  }

  // Save a changed result; the message to show is the worker's, plus any note from
  // saving (another tab's version set aside). Returns that message, or null when
  // the browser would not store it.
  function save(section, shared, name, out) {
    if (!out.changed) return out.message || "";
    const result = shared.writeWorksheet(name, out.data);
    if (!result || !result.ok) {
      shared.setStatus(section, "This browser is not keeping data (storage is off): download your list to keep it.", false);
      return null;
    }
    announceChange(name);
    return [out.message, result.message].filter(Boolean).join(" ");
  }

  // Notes from reading saved data (a part that did not fit the schema was set aside).
  function readNotes(section, shared, name) {
    const notes = [];
    shared.readWorksheet(name, notes);
    if (notes.length) shared.notice(section, notes.join(" "));
  }

  // One request at a time per list, each reading the saved list only when it is sent.
  // Two changes made while the worker is still starting (a learner adding two beliefs
  // before Python has loaded) would otherwise both start from the list as it was, and
  // the second reply, saved last, would drop the first change.
  function oneAtATime() {
    let last = Promise.resolve();
    return (job) => {
      const next = last.then(job, job);
      last = next.then(() => null, () => null);
      return next;
    };
  }

  // Empty an input after its change was saved, unless the learner has already typed
  // something new into it while the reply was on its way.
  function clearIfUnchanged(input, sent) {
    if (input.value === sent) input.value = "";
  }

  function bump(section, key) {
    section.dataset[key] = String((Number(section.dataset[key]) || 0) + 1);
  }

  function onEnter(input, button) {
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        button.click();
      }
    });
  }

  // ---- the tracker ----------------------------------------------------------------
  function setUpTracker(section, coach, shared) {
    const q = (sel) => section.querySelector(sel);
    const area = q(".iic-contacts-area");
    const picks = Array.from(section.querySelectorAll("select.iic-first-pick"));
    const name = q("input.iic-contact-name");
    const org = q("input.iic-contact-org");
    const circle = q("select.iic-contact-circle");
    const warmth = q("select.iic-contact-warmth");
    const ref = q("select.iic-contact-ref");
    const note = q("input.iic-contact-note");
    const addButton = q("button.iic-add");
    const undo = q("button.iic-undo");
    let lastDeleted = null;
    const saved = () => shared.readWorksheet("contacts") || {};

    function show(out) {
      area.innerHTML = out.html;
      picks.forEach((select, i) => fillSelect(select, out.choices, out.first_three[i] || "", "(nobody)"));
      fillSelect(ref, out.choices, ref.value, "Nobody");
      bump(section, "iicMapped");
    }

    let busy = 0;
    const queue = oneAtATime();
    function send(action, payload, options) {
      const opts = options || {};
      busy += 1;
      return queue(() =>
        request(section, coach, shared, "tracker", action, Object.assign({ data: saved() }, payload)),
      ).then((out) => {
        busy -= 1;
        if (!out) return null;
        if (opts.keepViewOnFailure && !out.changed) {
          shared.setStatus(section, out.message, false);
          return out;
        }
        const message = save(section, shared, "contacts", out);
        if (message) shared.setStatus(section, message, false);
        show(out);
        return out;
      });
    }

    function focusCard(id) {
      const card = area.querySelector('li[data-contact="' + CSS.escape(id) + '"]');
      const target = card && (card.querySelector("button") || card);
      if (target) {
        if (target === card) card.tabIndex = -1;
        target.focus();
      }
    }

    addButton.addEventListener("click", () => {
      const fields = {
        name: name.value,
        organisation: org.value,
        circle: circle.value,
        warmth: warmth.value === "auto" ? "" : warmth.value,
        referred_by: ref.value,
        note: note.value,
      };
      send("add", { fields: fields }, { keepViewOnFailure: true }).then((out) => {
        if (out && out.changed) {
          clearIfUnchanged(name, fields.name);
          clearIfUnchanged(org, fields.organisation);
          clearIfUnchanged(note, fields.note);
          if (ref.value === fields.referred_by) ref.value = "";
          if (!name.value) warmth.value = "auto";
          name.focus();
        }
      });
    });
    [name, org, note].forEach((input) => onEnter(input, addButton));

    picks.forEach((select) =>
      select.addEventListener("change", () => send("first", { chosen: picks.map((p) => p.value) })),
    );

    area.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button || !area.contains(button)) return;
      const id = button.dataset.id || "";
      const action = button.dataset.action;
      if (action === "act") {
        send("act", { id: id, do: button.dataset.do }).then(() => focusCard(id));
      } else if (action === "edit") {
        request(section, coach, shared, "tracker", "edit_form", {
          data: saved(),
          id: id,
          uid: section.id,
          zones: section.dataset.zones || "",
        }).then((out) => {
          const card = area.querySelector('li[data-contact="' + CSS.escape(id) + '"]');
          if (!out || !card) return;
          card.innerHTML = out.form;
          const first = card.querySelector("[data-field]");
          if (first) first.focus();
          shared.setStatus(section, "Editing: change what you need, then press Save changes.", false);
        });
      } else if (action === "save_edit") {
        const form = button.closest(".iic-edit-form");
        const fields = {};
        form.querySelectorAll("[data-field]").forEach((el) => {
          fields[el.dataset.field] = el.value;
        });
        send("edit", { id: id, fields: fields }, { keepViewOnFailure: true }).then((out) => {
          if (out && out.changed) focusCard(id);
        });
      } else if (action === "cancel_edit") {
        const card = button.closest("li[data-contact]");
        const cardId = card ? card.dataset.contact : "";
        send("show", {}).then(() => {
          shared.setStatus(section, "Nothing was changed.", false);
          if (cardId) focusCard(cardId);
        });
      } else if (action === "delete") {
        send("delete", { id: id }).then((out) => {
          if (out && out.removed) {
            lastDeleted = { contact: out.removed, index: out.index };
            undo.hidden = false;
            undo.focus();
          }
        });
      }
    });

    undo.addEventListener("click", () => {
      if (!lastDeleted) return;
      const back = lastDeleted;
      send("restore", back).then((out) => {
        if (out && out.changed) {
          lastDeleted = null;
          undo.hidden = true;
          focusCard(back.contact.id);
        }
      });
    });

    function exportFile(action) {
      queue(() => request(section, coach, shared, "tracker", action, { data: saved() })).then((out) => {
        if (!out) return;
        if (out.file) download(out.file.name, out.file.type, out.file.text);
        shared.setStatus(section, out.message, false);
        bump(section, "iicExported");
      });
    }
    q("button.iic-export-ics").addEventListener("click", () => exportFile("ics"));
    q("button.iic-export-csv").addEventListener("click", () => exportFile("csv"));

    [name, org, note, circle, warmth, ref, ...picks].forEach((el) =>
      el.addEventListener("focus", () => coach.start(), { once: true }),
    );
    // Draw a saved tracker once it comes into view (which also starts the worker).
    readNotes(section, shared, "contacts");
    if (shared.readWorksheet("contacts")) shared.watchVisibility([section], () => send("show", {}));
    // Another tab changed the tracker: redraw from what it saved (never mid-request).
    shared.watchKey("iic:worksheet:contacts", section, () => busy > 0, () => {
      if (coach.state !== "idle") send("show", {});
    });
  }

  // ---- beliefs to a decision ------------------------------------------------------
  function setUpBeliefs(section, coach, shared) {
    const q = (sel) => section.querySelector(sel);
    const area = q(".iic-beliefs-area");
    const beliefText = q("input.iic-belief-text");
    const addBelief = q("button.iic-add-belief");
    const contact = q("select.iic-note-contact");
    const which = q("select.iic-note-belief");
    const noteText = q("input.iic-note-text");
    const addNote = q("button.iic-add-note");
    const undo = q("button.iic-undo");
    let lastRemoved = null;
    let beliefs = [];
    const saved = () => shared.readWorksheet("beliefs") || {};

    function show(out) {
      area.innerHTML = out.html;
      beliefs = out.beliefs;
      fillSelect(which, out.beliefs, which.value, out.beliefs.length ? null : "(write a belief first)");
      const none = out.conversations.length ? null : "(no conversation marked as held yet)";
      fillSelect(contact, out.conversations, contact.value, none);
      bump(section, "iicBeliefs");
    }

    let busy = 0;
    const queue = oneAtATime();
    function send(action, payload, keepViewOnFailure) {
      const body = () =>
        Object.assign({ data: saved(), tracker: shared.readWorksheet("contacts") || {}, uid: section.id }, payload);
      busy += 1;
      return queue(() => request(section, coach, shared, "beliefs", action, body())).then((out) => {
        busy -= 1;
        if (!out) return null;
        if (keepViewOnFailure && !out.changed) {
          shared.setStatus(section, out.message, false);
          return out;
        }
        const message = save(section, shared, "beliefs", out);
        if (message) shared.setStatus(section, message, false);
        show(out);
        return out;
      });
    }

    addBelief.addEventListener("click", () => {
      const text = beliefText.value;
      send("add_belief", { text: text }, true).then((out) => {
        if (out && out.changed) {
          clearIfUnchanged(beliefText, text);
          beliefText.focus();
        }
      });
    });
    onEnter(beliefText, addBelief);
    addNote.addEventListener("click", () => {
      const stance = section.querySelector("input[type=radio]:checked");
      const text = noteText.value;
      send("add_note", {
        contact: contact.value,
        belief: which.value,
        stance: stance ? stance.value : "",
        text: text,
      }, true).then((out) => {
        if (out && out.changed) clearIfUnchanged(noteText, text);
      });
    });
    onEnter(noteText, addNote);

    area.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button || !area.contains(button)) return;
      const id = button.dataset.id || "";
      const action = button.dataset.action;
      if (action === "edit_belief") {
        const item = button.closest("li[data-belief]");
        const current = (beliefs.find((b) => b[0] === id) || [id, ""])[1];
        const inputId = section.id + "-edit-" + id;
        item.textContent = "";
        const label = document.createElement("label");
        label.className = "iic-label";
        label.htmlFor = inputId;
        label.textContent = "Edit this belief";
        const input = document.createElement("input");
        input.type = "text";
        input.id = inputId;
        input.value = current;
        const saveButton = document.createElement("button");
        saveButton.type = "button";
        saveButton.className = "iic-check";
        saveButton.textContent = "Save belief";
        const cancel = document.createElement("button");
        cancel.type = "button";
        cancel.className = "iic-secondary";
        cancel.textContent = "Cancel";
        const actions = document.createElement("p");
        actions.className = "iic-card-actions";
        actions.append(saveButton, cancel);
        item.append(label, input, actions);
        input.focus();
        saveButton.addEventListener("click", () => send("edit_belief", { id: id, text: input.value }, true));
        onEnter(input, saveButton);
        cancel.addEventListener("click", () => send("show", {}));
      } else if (action === "delete_belief") {
        send("delete_belief", { id: id }).then((out) => {
          if (out && out.removed) {
            lastRemoved = out.removed;
            undo.hidden = false;
            undo.focus();
          }
        });
      } else if (action === "delete_note") {
        send("delete_note", { id: id });
      }
    });

    undo.addEventListener("click", () => {
      if (!lastRemoved) return;
      send("restore_belief", { removed: lastRemoved }).then((out) => {
        if (out && out.changed) {
          lastRemoved = null;
          undo.hidden = true;
          beliefText.focus();
        }
      });
    });

    [beliefText, contact, which, noteText].forEach((el) =>
      el.addEventListener("focus", () => coach.start(), { once: true }),
    );
    readNotes(section, shared, "beliefs");
    shared.watchVisibility([section], () => send("show", {}));
    document.addEventListener(CHANGED, (event) => {
      if (event.detail.source === "contacts" && coach.state === "ready") send("show", {});
    });
    shared.watchKey("iic:worksheet:beliefs", section, () => busy > 0, () => {
      if (coach.state !== "idle") send("show", {});
    });
  }

  // ---- the weekly dashboard -------------------------------------------------------
  function setUpDashboard(section, coach, shared) {
    const area = section.querySelector(".iic-dashboard-area");
    function refresh() {
      return request(section, coach, shared, "dashboard", "show", {
        tracker: shared.readWorksheet("contacts") || {},
        uid: section.id,
      }).then((out) => {
        if (!out) return;
        area.innerHTML = out.html;
        section.iicStats = out.stats;
        bump(section, "iicDashboard");
        shared.setStatus(section, "Counted on " + today() + " from the campaign tracker saved in this browser.", false);
      });
    }
    section.querySelector("button.iic-refresh").addEventListener("click", refresh);
    shared.watchVisibility([section], refresh);
    document.addEventListener(CHANGED, () => {
      if (coach.state === "ready") refresh();
    });
    window.addEventListener("storage", (event) => {
      if (event.key === "iic:worksheet:contacts" && coach.state === "ready") refresh();
    });
  }

  // ---- the thank-you exercise: offer the decision grid's next step ------------------
  function offerNextStep() {
    let sentence = "";
    try {
      const beliefs = JSON.parse(window.localStorage.getItem("iic:worksheet:beliefs") || "null");
      const decision = beliefs && beliefs.decision;
      if (decision && decision.ready && typeof decision.next_step === "string") sentence = decision.next_step;
    } catch (err) {
      return;
    }
    if (!sentence) return;
    document.querySelectorAll('section.iic-exercise[data-kind="thanks"]').forEach((section) => {
      const text = section.querySelector("textarea.iic-text");
      if (!text || section.querySelector(".iic-thanks-next-step")) return;
      const box = document.createElement("div");
      box.className = "iic-thanks-next-step";
      const p = document.createElement("p");
      p.append("Your decision grid suggests a next step you could name in this note: ");
      const quote = document.createElement("q");
      quote.textContent = sentence;
      p.append(quote);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "iic-secondary";
      button.textContent = "Add this sentence to my note";
      button.addEventListener("click", () => {
        const sep = text.value && !/\s$/.test(text.value) ? " " : "";
        text.value += sep + sentence;
        text.dispatchEvent(new Event("input", { bubbles: true }));
        text.focus();
      });
      box.append(p, button);
      const label = section.querySelector("label.iic-label");
      (label || text).before(box);
    });
  }

  window.iicCampaign = {
    kinds: ["contacts", "beliefs", "dashboard"],
    setUp(section, coach, shared) {
      const setUps = { contacts: setUpTracker, beliefs: setUpBeliefs, dashboard: setUpDashboard };
      setUps[section.dataset.kind](section, coach, shared);
    },
  };
  // Both scripts load async: set up whatever the runtime queued before this one ran.
  (window.iicCampaignQueue || []).splice(0).forEach((job) => window.iicCampaign.setUp(job.section, job.coach, job.shared));

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", offerNextStep);
  else offerNextStep();
})();
