// 整改公开 — deadlines as of the reader's day, filters for the findings table and print buttons.
// Without JavaScript the pages state deadlines as of their build date, the full table shows and
// the buttons stay hidden.
(function () {
  "use strict";
  // As rectify.data.deadlines.deadline_state and rectify.site.pages.blocks._due_words.
  var NEAR_DAYS = 30;
  var now = new Date();
  var TODAY = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  function day(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function chineseDate(iso) { var p = iso.split("-"); return +p[0] + "年" + +p[1] + "月" + +p[2] + "日"; }
  function state(iso) {
    var left = Math.round((day(iso) - TODAY) / 86400000);
    if (left < 0) { return { kind: "overdue", days: -left }; }
    return left <= NEAR_DAYS ? { kind: "near", days: left } : null;
  }
  function words(s) {
    if (s.kind === "overdue") { return "已超过完成时限 " + s.days + " 天"; }
    return s.days === 0 ? "临近完成时限，今天到期" : "临近完成时限，还有 " + s.days + " 天";
  }
  function part(kind, text) {
    var span = document.createElement("span");
    span.className = "due--" + kind;
    span.textContent = text;
    return span;
  }
  // The build date's words stay for print (print.css); the screen shows today's.
  function live(box, parts, tail) {
    var out = box.querySelector(".due__now");
    out.textContent = "";
    parts.forEach(function (p, i) { if (i) { out.appendChild(document.createTextNode("，")); } out.appendChild(p); });
    if (parts.length && tail) { out.appendChild(document.createTextNode(tail)); }
    out.hidden = !parts.length;
    box.hidden = false;
    box.classList.add("due--live");
    box.classList.toggle("due--quiet", !parts.length);
  }
  // data-dues (rectify.site.pages.blocks.dues_data): each distinct due date once, "*count" after it when
  // several open findings share it ("2017-12-31*3 2018-06-30"); calls fn(state, count) for each date past or near.
  function eachDue(text, fn) {
    text.split(" ").forEach(function (item) {
      var at = item.indexOf("*");
      var s = item && state(at < 0 ? item : item.slice(0, at));
      if (s) { fn(s, at < 0 ? 1 : Number(item.slice(at + 1))); }
    });
  }
  function dues() {
    Array.prototype.forEach.call(document.querySelectorAll(".due[data-due]"), function (box) {
      var s = state(box.dataset.due);
      box.dataset.state = s ? s.kind : "";
      var updated = box.dataset.updated ? "（最近一次更新：" + chineseDate(box.dataset.updated) + "）" : "";
      live(box, s ? [part(s.kind, words(s))] : [], updated);
    });
    // As rectify.data.deadlines.update_overdue: the page carries data-next only while unreported.
    Array.prototype.forEach.call(document.querySelectorAll(".due[data-next]"), function (box) {
      var days = Math.round((TODAY - day(box.dataset.next)) / 86400000);
      live(box, days > 0 ? [part("overdue", "整改进展更新已逾期 " + days + " 天")] : [], "");
    });
    // A round's table (rectify.site.pages.rounds): each unit's findings past due, as a number to sort by.
    Array.prototype.forEach.call(document.querySelectorAll("td[data-dues]"), function (cell) {
      var n = 0;
      eachDue(cell.dataset.dues, function (s, count) { if (s.kind === "overdue") { n += count; } });
      cell.dataset.sort = n;
      live(cell, [document.createTextNode(n)], "");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".due-asof"), function (box) {
      var iso = new Date(TODAY).toISOString().slice(0, 10);
      live(box, [document.createTextNode("已超过完成时限的问题按今天（" + chineseDate(iso) + "）计算。")], "");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".due-count[data-dues]"), function (box) {
      var counts = { overdue: 0, near: 0 };
      eachDue(box.dataset.dues, function (s, count) { counts[s.kind] += count; });
      var parts = [];
      if (counts.overdue) { parts.push(part("overdue", "已超过完成时限的问题 " + counts.overdue + " 个")); }
      if (counts.near) { parts.push(part("near", "临近完成时限的问题 " + counts.near + " 个")); }
      live(box, parts, "。");
    });
  }
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
      var due = form.elements.due ? form.elements.due.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!status || cellText(row, statusColumn) === status) &&
                    (!category || cellText(row, categoryColumn) === category) &&
                    (!due || row.querySelector('.due[data-state="' + due + '"]') !== null);
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
  // A table with data-sortable: a button in each column's header sorts by it (aria-sort says how); cells
  // sort by data-sort, numbers as numbers, an empty one (通报未写明) always last.
  function sortable(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, i) { row.dataset.order = i; });
    function key(row, column) { var cell = row.cells[column]; return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim(); }
    heads.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        var text = th.dataset.sortType === "text";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a, column), y = key(b, column);
          if (x === "" || y === "") { return (x === "") - (y === "") || a.dataset.order - b.dataset.order; }
          var order = text ? x.localeCompare(y, "zh-CN") : (isNaN(x) ? (x < y ? -1 : x > y ? 1 : 0) : x - y);
          return (up ? order : -order) || a.dataset.order - b.dataset.order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
    if (table.caption) { table.caption.appendChild(document.createTextNode("（点列标题可以按这一列排序）")); }
  }
  function init() {
    dues();
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), sortable);
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
