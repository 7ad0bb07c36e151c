// A table wider than the screen scrolls inside its own box (the theme's table
// container, or .iic-scroll in feedback). When that happens this script says so just
// above the table and makes the box a labelled, keyboard-scrollable region, so no
// column is ever out of sight without a hint. It re-checks when the window changes
// size and when new feedback arrives on the page.
(function () {
  "use strict";

  const BOXES = ".pst-scrollable-table-container, .iic-scroll";
  const HINT = "This table is wider than your screen: scroll it sideways to see every column.";

  function caption(box) {
    const cap = box.querySelector("caption");
    const text = cap ? cap.textContent.replace(/\s+/g, " ").trim() : "";
    return text || "Table";
  }

  function check() {
    document.querySelectorAll(BOXES).forEach((box) => {
      const wide = box.scrollWidth > box.clientWidth + 1;
      let hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("iic-scroll-hint")) {
        if (!wide) return;
        hint = document.createElement("p");
        hint.className = "iic-scroll-hint";
        hint.textContent = HINT;
        box.before(hint);
      }
      hint.hidden = !wide;
      if (wide) {
        if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption(box) + " (scrolls sideways)");
      }
    });
  }

  let pending = 0;
  function soon() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(check);
  }

  function start() {
    check();
    window.addEventListener("resize", soon);
    const main = document.querySelector("main") || document.body;
    new MutationObserver(soon).observe(main, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
