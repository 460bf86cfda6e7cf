// The skills check page: a countdown to the server's deadline, "Add" buttons
// of the code look-up that put a code in the answer box, and Enter in a
// look-up box searching instead of sending the answers.
(function () {
  var timer = document.getElementById("time-left");
  if (timer) {
    var deadline = parseInt(timer.dataset.deadline, 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      if (left === 0) {
        timer.textContent = "Time is up. Answers sent now are not counted.";
        document.querySelectorAll("#check-form textarea").forEach(function (t) { t.readOnly = true; });
        clearInterval(id);
        return;
      }
      var m = Math.floor(left / 60), s = left % 60;
      timer.firstChild.textContent = "Time left: ";
      timer.querySelector("strong").textContent = m + ":" + (s < 10 ? "0" : "") + s;
    };
    var id = setInterval(tick, 1000);
    tick();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".add-code");
    if (!button) {
      return;
    }
    var box = document.getElementById(button.dataset.target);
    if (!box) {
      return;
    }
    var text = box.value.replace(/[\s,]+$/, "");
    box.value = (text ? text + ", " : "") + button.dataset.code;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    box.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList && event.target.classList.contains("code-lookup")) {
      event.preventDefault();
    }
  });
})();
