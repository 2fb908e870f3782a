// Forms with data-confirm ask before they are sent ("Make the draw again?", "Withdraw 王伟?").
// "{name}" in the question is the entry chosen in the form's entry_id list; with none chosen yet the
// form goes without a question and the server asks for the choice.
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var question = form.dataset.confirm;
    var list = form.querySelector("select[name=entry_id]");
    if (list && question.indexOf("{name}") >= 0) {
      if (!list.value) { return; }
      question = question.replace("{name}", list.options[list.selectedIndex].text);
    }
    if (!window.confirm(question)) { event.preventDefault(); }
  });
});
