/* Kernel-free quiz behaviour. Inlined by exercises/quiz/render.py inside an IIFE,
 * after exercises/saved_work.js, followed by a call
 * iicQuizInit(uid, config, iicSavedWorkMake(schema)), so nothing leaks into the page's
 * globals. Saved answers are read and written through that saved-work reader, which
 * checks them against the one schema of saved work and sets aside what does not fit. The markup is already complete and escaped; this script only reads
 * inputs, shows the pre-rendered feedback, keeps the score and saves answers.
 *
 * Saved value, localStorage["iic:quiz:<quiz-id>"]:
 *   {"seed": s, "answers": {qid: answer}, "score": n, "total": m, "updated": ISO}
 *   seed: this learner's shuffle seed (an integer 0 <= s < 2**32), written on the
 *         first visit, before any answer, so the options keep their order on reload
 *   answer: single/multiple/scenario -> [original option indexes]
 *           truefalse -> true | false
 *           ordering  -> [original item indexes in the learner's order]
 * Answers use the bank's indexes, so they line up whatever order is shown.
 */
function iicQuizInit(uid, cfg, sw) {
  "use strict";
  var KEY = "iic:quiz:" + cfg.id;

  // Find our own container: the script sits inside it. JupyterLab re-creates
  // output scripts (currentScript is set); classic Jupyter evals them (it is not),
  // so fall back to the first container with our uid that is not yet set up.
  function findRoot() {
    var s = document.currentScript;
    if (s && s.parentNode && s.parentNode.getAttribute &&
        s.parentNode.getAttribute("data-iic-uid") === uid &&
        !s.parentNode.hasAttribute("data-iic-ready")) {
      return s.parentNode;
    }
    var all = document.querySelectorAll(".iic-quiz[data-iic-uid]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-iic-uid") === uid && !all[i].hasAttribute("data-iic-ready")) {
        return all[i];
      }
    }
    return null;
  }

  var root = findRoot();
  if (!root) { return; }
  root.setAttribute("data-iic-ready", "1");

  // If the same ids already exist elsewhere on the page (the same output shown
  // twice), re-key ours so labels and aria references stay inside this quiz.
  function rekey() {
    var clash = 0, all = document.querySelectorAll("[id]");
    for (var i = 0; i < all.length; i++) { if (all[i].id === uid) { clash++; } }
    if (clash < 2) { return; }
    var fresh = uid + "-" + Math.random().toString(36).slice(2, 8);
    var attrs = ["id", "for", "name", "aria-labelledby", "aria-describedby", "aria-controls"];
    var nodes = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    nodes.forEach(function (n) {
      attrs.forEach(function (a) {
        var v = n.getAttribute(a);
        if (!v) { return; }
        n.setAttribute(a, v.split(" ").map(function (tok) {
          return (tok === uid || tok.indexOf(uid + "-") === 0) ? fresh + tok.slice(uid.length) : tok;
        }).join(" "));
      });
    });
    root.setAttribute("data-iic-uid", fresh);
  }
  rekey();

  var form = root.querySelector(".iic-quiz-form");
  var scoreEl = root.querySelector(".iic-quiz-score");
  var statusEl = root.querySelector(".iic-quiz-status");
  var noteEl = root.querySelector(".iic-quiz-note");
  var nojs = root.querySelector(".iic-quiz-nojs");
  if (nojs) { nojs.hidden = true; }

  function storage() {
    try {
      var s = window.localStorage, probe = "iic:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();
  if (!store) {
    noteEl.textContent = "This browser is not letting the page store data, so your " +
      "answers will not be kept when you leave. The quiz still works.";
    noteEl.hidden = false;
  }

  // ---- this learner's order ---------------------------------------------------------
  // A seed per learner and quiz, kept with the saved answers: the same learner sees the
  // same order on every visit (and on another machine after an import), while two
  // learners see different ones, so "always the first option" is not a strategy.
  var SEED_LIMIT = 4294967296;
  function validSeed(v) { return typeof v === "number" && v >= 0 && v < SEED_LIMIT && Math.floor(v) === v; }
  function freshSeed() {
    try {
      var a = new Uint32Array(1);
      window.crypto.getRandomValues(a);
      return a[0];
    } catch (e) {
      return Math.floor(Math.random() * SEED_LIMIT);
    }
  }
  function showNote(text) {
    if (!text) { return; }
    noteEl.textContent = noteEl.hidden || !noteEl.textContent ? text : noteEl.textContent + " " + text;
    noteEl.hidden = false;
  }
  // One read per visit: a saved result that does not fit the schema is repaired, the
  // bad part kept aside, and the learner told here.
  function readSaved() {
    if (!store) { return null; }
    var got = sw.load(store, KEY);
    showNote(got.message);
    return got.value;
  }
  function learnerSeed(saved) {
    if (saved && validSeed(saved.seed)) { return saved.seed; }
    var seed = freshSeed();
    if (store) {
      var next = {};
      if (saved) { Object.keys(saved).forEach(function (k) { sw.put(next, k, saved[k]); }); }
      next.seed = seed;
      sw.save(store, KEY, next);  // if this fails the order just won't persist
    }
    return seed;
  }
  // FNV-1a over the text, then mulberry32: small, fast and the same in every browser.
  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }
  function random(seedText) {
    var a = hash(seedText);
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function permutation(n, seedText) {
    var order = [], next = random(seedText);
    for (var i = 0; i < n; i++) { order.push(i); }
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(next() * (j + 1)), tmp = order[j];
      order[j] = order[k];
      order[k] = tmp;
    }
    return order;
  }
  function isIdentity(order) { return order.every(function (v, i) { return v === i; }); }

  function shuffleForLearner(seed) {
    cfg.questions.forEach(function (q) {
      var fs = fieldset(q);
      if (!fs) { return; }
      var list, byIndex = {}, order;
      if (q.type === "ordering") {
        // Always shuffled, and never already solved.
        list = fs.querySelector(".iic-quiz-order");
        items(fs).forEach(function (li) { byIndex[li.getAttribute("data-item")] = li; });
        order = permutation(q.items, seed + ":" + q.id + ":items");
        if (isIdentity(order)) { order = order.slice(1).concat(order.slice(0, 1)); }
      } else if (cfg.shuffle && q.type !== "truefalse") {
        list = fs.querySelector(".iic-quiz-options");
        inputs(fs).forEach(function (i) { byIndex[i.value] = i.closest(".iic-quiz-option"); });
        order = permutation(q.options, seed + ":" + q.id + ":options");
      } else {
        return;
      }
      order.forEach(function (idx) { if (byIndex[String(idx)]) { list.appendChild(byIndex[String(idx)]); } });
    });
  }

  function fieldset(q) {
    var sets = root.querySelectorAll(".iic-quiz-question");
    for (var i = 0; i < sets.length; i++) {
      if (sets[i].getAttribute("data-qid") === q.id) { return sets[i]; }
    }
    return null;
  }

  function inputs(fs) { return Array.prototype.slice.call(fs.querySelectorAll(".iic-quiz-input")); }
  function items(fs) { return Array.prototype.slice.call(fs.querySelectorAll(".iic-quiz-order-item")); }

  function announce(text) {
    // Clear first so the same words twice are still read out.
    statusEl.textContent = "";
    setTimeout(function () { statusEl.textContent = text; }, 30);
  }

  // ---- reading and writing answers -------------------------------------------------
  function readAnswer(q, fs) {
    if (q.type === "ordering") {
      return items(fs).map(function (li) { return parseInt(li.getAttribute("data-item"), 10); });
    }
    var picked = inputs(fs).filter(function (i) { return i.checked; });
    if (q.type === "truefalse") {
      return picked.length ? picked[0].value === "true" : null;
    }
    return picked.map(function (i) { return parseInt(i.value, 10); }).sort(function (a, b) { return a - b; });
  }

  function writeAnswer(q, fs, answer) {
    if (q.type === "ordering") {
      if (!Array.isArray(answer) || answer.length !== q.items) { return false; }
      var byIndex = {};
      items(fs).forEach(function (li) { byIndex[li.getAttribute("data-item")] = li; });
      var list = fs.querySelector(".iic-quiz-order");
      for (var k = 0; k < answer.length; k++) { if (!byIndex[String(answer[k])]) { return false; } }
      answer.forEach(function (idx) { list.appendChild(byIndex[String(idx)]); });
      return true;
    }
    if (q.type === "truefalse") {
      if (typeof answer !== "boolean") { return false; }
      inputs(fs).forEach(function (i) { i.checked = (i.value === "true") === answer; });
      return true;
    }
    if (!Array.isArray(answer)) { return false; }
    inputs(fs).forEach(function (i) { i.checked = answer.indexOf(parseInt(i.value, 10)) >= 0; });
    return true;
  }

  function isAnswered(q, answer) {
    if (q.type === "ordering") { return true; }
    if (q.type === "truefalse") { return answer !== null; }
    return answer.length > 0;
  }

  function isRight(q, answer) {
    if (q.type === "truefalse") { return answer === q.answer; }
    if (q.type === "ordering") {
      for (var i = 0; i < answer.length; i++) { if (answer[i] !== i) { return false; } }
      return true;
    }
    return answer.length === q.correct.length &&
      answer.every(function (v, i) { return v === q.correct[i]; });
  }

  // ---- showing feedback ------------------------------------------------------------
  function clearFeedback(fs) {
    Array.prototype.forEach.call(fs.querySelectorAll(".iic-quiz-option-feedback, .iic-quiz-order-mark, .iic-quiz-order-feedback"),
      function (el) { el.hidden = true; });
    inputs(fs).forEach(function (i) { i.removeAttribute("aria-describedby"); });
    var box = fs.querySelector(".iic-quiz-feedback");
    box.textContent = "";
    box.className = "iic-quiz-feedback";
    fs.removeAttribute("data-result");
  }

  function verdict(box, right, words) {
    box.className = "iic-quiz-feedback " + (right ? "iic-quiz-fb-right" : "iic-quiz-fb-wrong");
    box.textContent = "";
    var icon = document.createElement("span");
    icon.className = "iic-quiz-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = right ? "\u2713" : "\u2717";
    var strong = document.createElement("strong");
    strong.textContent = right ? "Correct." : "Not quite.";
    box.appendChild(icon);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(strong);
    if (words) { box.appendChild(document.createTextNode(" " + words)); }
  }

  function showFeedback(q, fs, answer) {
    clearFeedback(fs);
    var box = fs.querySelector(".iic-quiz-feedback");
    if (!isAnswered(q, answer)) {
      box.className = "iic-quiz-feedback iic-quiz-fb-none";
      box.textContent = "No answer chosen yet.";
      fs.setAttribute("data-result", "unanswered");
      return false;
    }
    var right = isRight(q, answer);
    fs.setAttribute("data-result", right ? "right" : "wrong");
    if (q.type === "ordering") {
      var inPlace = 0;
      items(fs).forEach(function (li, pos) {
        var ok = parseInt(li.getAttribute("data-item"), 10) === pos;
        if (ok) { inPlace++; }
        var mark = li.querySelector(".iic-quiz-order-mark");
        mark.className = "iic-quiz-order-mark " + (ok ? "iic-quiz-fb-right" : "iic-quiz-fb-wrong");
        mark.textContent = (ok ? "\u2713 in the right place" : "\u2717 not in the right place");
        mark.hidden = false;
      });
      fs.querySelector(".iic-quiz-order-feedback").hidden = false;
      verdict(box, right, right ? "" : inPlace + " of " + answer.length + " items are in the right place.");
      return right;
    }
    var missed = false;
    // Once a question is right, every option's feedback is shown, so the learner
    // also reads why the others were wrong; before that, only the chosen ones.
    inputs(fs).forEach(function (i) {
      if (!i.checked && !right) { return; }
      var fb = i.parentNode.querySelector(".iic-quiz-option-feedback");
      fb.hidden = false;
      i.setAttribute("aria-describedby", fb.id);
    });
    if (q.type !== "truefalse" && q.multi && !right) {
      missed = q.correct.some(function (c) { return answer.indexOf(c) < 0; });
    }
    verdict(box, right, missed ? "At least one more option is also right." : "");
    return right;
  }

  // ---- score, save, restore --------------------------------------------------------
  function showScore(score, total) {
    scoreEl.setAttribute("data-score", String(score));
    scoreEl.setAttribute("data-total", String(total));
    scoreEl.textContent = "Score: " + score + " of " + total +
      (score === total ? ". Well done: every answer is right." : ". Read the feedback, then try again if you like.");
  }

  function check(save) {
    var answers = {}, score = 0;
    cfg.questions.forEach(function (q) {
      var fs = fieldset(q);
      if (!fs) { return; }
      var a = readAnswer(q, fs);
      if (isAnswered(q, a)) { answers[q.id] = a; }
      if (showFeedback(q, fs, a)) { score++; }
    });
    showScore(score, cfg.questions.length);
    if (save && store) {
      var result = sw.save(store, KEY, {
        seed: seed, answers: answers, score: score, total: cfg.questions.length,
        updated: new Date().toISOString()
      });
      if (!result.ok) { showNote("Your answers could not be saved in this browser."); }
      else { showNote(result.message); }
    }
  }

  function retry() {
    cfg.questions.forEach(function (q) {
      var fs = fieldset(q);
      if (!fs) { return; }
      clearFeedback(fs);
      inputs(fs).forEach(function (i) { i.checked = false; });
    });
    scoreEl.textContent = "";
    scoreEl.removeAttribute("data-score");
    scoreEl.removeAttribute("data-total");
    announce("Answers cleared. Your last checked score stays saved until you check again.");
    var first = root.querySelector(".iic-quiz-input, .iic-quiz-move");
    if (first) { first.focus(); }
  }

  function restore(saved, words) {
    if (!saved || !sw.isObj(sw.get(saved, "answers"))) { return false; }
    var any = false;
    cfg.questions.forEach(function (q) {
      var fs = fieldset(q);
      if (fs && sw.own(saved.answers, q.id)) {
        any = writeAnswer(q, fs, saved.answers[q.id]) || any;
      }
    });
    if (!any) { return false; }
    check(false);
    var when = sw.timeMs(saved.updated) !== null ? saved.updated.slice(0, 10) : "";
    showNote(words || "Your answers from " + (when || "an earlier visit") + " are shown below.");
    return true;
  }

  // Another tab checked this quiz: show its answers here too, so the two never disagree.
  window.addEventListener("storage", function (ev) {
    if (ev.key !== KEY || ev.storageArea !== store) { return; }
    var saved = readSaved();
    if (!saved) { return; }
    if (saved.seed !== seed && validSeed(saved.seed)) {
      seed = saved.seed;
      root.setAttribute("data-seed", String(seed));
      shuffleForLearner(seed);
    }
    noteEl.textContent = "";
    restore(saved, "Your answers were updated from another tab.");
  });

  // ---- ordering: keyboard-operable move buttons ------------------------------------
  function updateMoveButtons(list) {
    var lis = list.querySelectorAll(".iic-quiz-order-item");
    Array.prototype.forEach.call(lis, function (li, pos) {
      li.querySelector('[data-dir="up"]').setAttribute("aria-disabled", pos === 0 ? "true" : "false");
      li.querySelector('[data-dir="down"]').setAttribute("aria-disabled", pos === lis.length - 1 ? "true" : "false");
    });
  }

  root.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest(".iic-quiz-move") : null;
    if (!btn || !root.contains(btn)) { return; }
    var li = btn.closest(".iic-quiz-order-item");
    var list = li.parentNode;
    var text = li.querySelector(".iic-quiz-order-text").textContent;
    var up = btn.getAttribute("data-dir") === "up";
    var target = up ? li.previousElementSibling : li.nextElementSibling;
    if (!target) {
      announce("\u201c" + text + "\u201d is already " + (up ? "first." : "last."));
      return;
    }
    list.insertBefore(li, up ? target : target.nextElementSibling);
    btn.focus();  // keep focus on the moved item's button so repeated presses work
    updateMoveButtons(list);
    var pos = Array.prototype.indexOf.call(list.children, li) + 1;
    announce("\u201c" + text + "\u201d is now " + pos + " of " + list.children.length + ".");
    clearFeedback(li.closest(".iic-quiz-question"));
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    check(true);
  });
  root.querySelector(".iic-quiz-retry").addEventListener("click", retry);
  var saved = readSaved();
  var seed = learnerSeed(saved);
  root.setAttribute("data-seed", String(seed));
  shuffleForLearner(seed);
  restore(saved);
  Array.prototype.forEach.call(root.querySelectorAll(".iic-quiz-order"), updateMoveButtons);
}
