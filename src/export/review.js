/* review.js — what a review page does (src/export/review.c embeds it in every page):
 * a filter that shows only the rows whose confidence is at most the value chosen, and
 * keys that move the focus to the next (n or j) or previous (p or k) doubtful row among
 * those shown; f goes to the filter. The page's rows are <tr class="row"> with
 * data-score; doubtful ones also have class "doubtful". A #id in the address focuses
 * that row on opening. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
  var filter = document.getElementById("filter");
  var filterValue = document.getElementById("filter-value");
  var doubtfulOnly = document.getElementById("doubtful-only");
  var shown = document.getElementById("shown");
  var minScore = parseFloat(document.body.getAttribute("data-min-score"));

  function applyFilter() {
    var limit = parseFloat(filter.value);
    var count = 0;
    filterValue.textContent = limit.toFixed(2);
    rows.forEach(function (row) {
      var score = parseFloat(row.getAttribute("data-score"));
      var hide = score > limit || (doubtfulOnly.checked && !row.classList.contains("doubtful"));
      row.hidden = hide;
      if (!hide) count++;
    });
    shown.textContent = count + " / " + rows.length;
  }

  /* the next doubtful row shown after (step 1) or before (step -1) the focused one */
  function jump(step) {
    var at = rows.indexOf(document.activeElement);
    for (var k = 1; k <= rows.length; k++) {
      var i = at < 0 ? (step > 0 ? k - 1 : rows.length - k) : (at + step * k + rows.length * 2) % rows.length;
      if (rows[i].classList.contains("doubtful") && !rows[i].hidden) {
        rows[i].focus();
        rows[i].scrollIntoView({block: "center"});
        return;
      }
    }
  }

  filter.addEventListener("input", applyFilter);
  doubtfulOnly.addEventListener("change", function () {
    if (doubtfulOnly.checked && parseFloat(filter.value) < minScore) filter.value = 1;
    applyFilter();
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || /^(text|search|number)$/.test(e.target.type || "")) return;
    if (e.key === "n" || e.key === "j") { jump(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { jump(-1); e.preventDefault(); }
    else if (e.key === "f") { filter.focus(); e.preventDefault(); }
  });
  applyFilter();
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("row")) target.focus();
  document.body.setAttribute("data-ready", "1");
})();
