// 整改公开 — filters for the findings table and print buttons.
// Without JavaScript the full table shows and the buttons stay hidden.
(function () {
  "use strict";
  function setUp(form) {
    var table = form.parentElement.querySelector("table");
    if (!table) { return; }
    var statusColumn = Number(form.dataset.statusColumn);
    var categoryColumn = Number(form.dataset.categoryColumn);
    var count = form.querySelector(".findings-filter__count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function cellText(row, column) { return row.cells[column].textContent.trim(); }
    function apply() {
      var status = form.elements.status.value;
      var category = form.elements.category.value;
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!status || cellText(row, statusColumn) === status) &&
                    (!category || cellText(row, categoryColumn) === category);
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      count.textContent = "显示 " + shown + " 个问题（共 " + rows.length + " 个）";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.findings-filter"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("button.print-button"), function (button) {
      button.addEventListener("click", function () { window.print(); });
      button.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
