// Contest form: show only the disciplines, formats and settings of the chosen sport and format.
(function () {
  var form = document.getElementById('contest-form');
  if (!form) return;
  var sport = form.querySelector('#sport');
  var discipline = form.querySelector('#discipline');
  var format = form.querySelector('#format_type');

  function toggle(el, show) {
    el.hidden = !show;
    el.querySelectorAll('input, select').forEach(function (i) { i.disabled = !show; });
  }

  function firstVisible(select) {
    var current = select.options[select.selectedIndex];
    if (current && !current.hidden) return;
    for (var i = 0; i < select.options.length; i++) {
      if (!select.options[i].hidden) { select.selectedIndex = i; return; }
    }
  }

  function refresh() {
    var s = sport.value;
    var anyDiscipline = false;
    Array.prototype.forEach.call(discipline.options, function (o) {
      o.hidden = o.dataset.sport !== s;
      o.disabled = o.hidden;
      if (!o.hidden) anyDiscipline = true;
    });
    document.getElementById('discipline-group').hidden = !anyDiscipline;
    discipline.disabled = !anyDiscipline;
    if (anyDiscipline) firstVisible(discipline);
    Array.prototype.forEach.call(format.options, function (o) {
      o.hidden = o.dataset.sports.split(' ').indexOf(s) < 0;
      o.disabled = o.hidden;
    });
    firstVisible(format);
    var d = discipline.disabled ? '' : discipline.value;
    form.querySelectorAll('[data-sport]').forEach(function (group) {
      if (group.tagName === 'OPTION') return;
      toggle(group, group.dataset.sport === s);
      group.querySelectorAll('[data-disciplines]').forEach(function (cell) {
        var show = group.dataset.sport === s && cell.dataset.disciplines.split(' ').indexOf(d) >= 0;
        toggle(cell, show);
      });
    });
    form.querySelectorAll('[data-format]').forEach(function (group) {
      toggle(group, group.dataset.format === format.value);
    });
  }

  sport.addEventListener('change', refresh);
  discipline.addEventListener('change', refresh);
  format.addEventListener('change', refresh);
  refresh();
})();
