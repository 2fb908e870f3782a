// Entry form: add and remove member rows on a phone; names stay members-N-field in row order.
(function () {
  "use strict";
  var rows = document.getElementById("member-rows");
  var template = document.getElementById("member-row-template");
  var add = document.getElementById("add-member");
  if (!rows || !template || !add) { return; }

  function renumber() {
    Array.prototype.forEach.call(rows.querySelectorAll(".member-row"), function (row, i) {
      row.dataset.index = i;
      row.querySelector(".row-no").textContent = i + 1;
      Array.prototype.forEach.call(row.querySelectorAll("[name^=members-]"), function (input) {
        input.name = input.name.replace(/^members-[^-]+-/, "members-" + i + "-");
        input.id = input.name;
      });
      Array.prototype.forEach.call(row.querySelectorAll("label[for^=members-]"), function (label) {
        label.htmlFor = label.htmlFor.replace(/^members-[^-]+-/, "members-" + i + "-");
      });
    });
  }

  add.addEventListener("click", function () {
    rows.appendChild(template.content.cloneNode(true));
    renumber();
    var last = rows.querySelector(".member-row:last-child input");
    if (last) { last.focus(); }
  });

  rows.addEventListener("click", function (event) {
    var button = event.target.closest(".remove-member");
    if (!button) { return; }
    button.closest(".member-row").remove();
    renumber();
  });
})();
