// Result sheet: the winner select only for a non-normal outcome; no partner in a singles rubber; running totals
// of basketball periods.
// Without JS the winner select is always shown (and ignored for a normal result) and there are no totals.
(function () {
  "use strict";
  var form = document.getElementById("result-form");
  if (!form) { return; }

  var outcome = document.getElementById("outcome");
  var winner = document.getElementById("winner-field");
  function showWinner() {
    if (outcome && winner) { winner.hidden = outcome.value === "normal"; }
  }
  if (outcome) { outcome.addEventListener("change", showWinner); }
  showWinner();

  // A team tie: a singles rubber has no partner to pick (the partner lists hide, emptied, while the discipline
  // chosen has one player a side: its option's data-players, from the rules).
  Array.prototype.forEach.call(form.querySelectorAll("fieldset.rubber"), function (rubber) {
    var discipline = rubber.querySelector("select[name$='-discipline']");
    var partners = rubber.querySelectorAll("[name$='-players-0-1'], [name$='-players-1-1']");
    function fit() {
      var chosen = discipline && discipline.options[discipline.selectedIndex];
      var singles = Boolean(chosen) && chosen.dataset.players === "1";
      Array.prototype.forEach.call(partners, function (partner) {
        partner.hidden = singles;
        if (singles) { partner.value = ""; }
      });
    }
    if (discipline) { discipline.addEventListener("change", fit); }
    fit();
  });

  if (form.dataset.kind !== "periods") { return; }
  var sheet = form.querySelector(".score-sheet");
  var totals = sheet && sheet.querySelector(".totals");
  if (!totals) { return; }
  function sum() {
    [0, 1].forEach(function (side) {
      var total = 0;
      Array.prototype.forEach.call(sheet.querySelectorAll("input[name$='-" + side + "']"), function (input) {
        var n = parseInt(input.value, 10);
        if (!isNaN(n)) { total += n; }
      });
      totals.querySelector(".total[data-side='" + side + "']").textContent = total;
    });
  }
  totals.hidden = false;
  sheet.addEventListener("input", sum);
  sum();
}());
