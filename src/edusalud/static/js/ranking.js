// The applicant's rank list: drag a site to a new place, and the new order is saved at once.
(function () {
  "use strict";
  function setUp() {
    var list = document.getElementById("ranking");
    var form = document.getElementById("ranking-form");
    if (!list || !form || !list.hasAttribute("data-editable")) return;
    var status = document.getElementById("ranking-status");
    var dragged = null;

    function renumber() {
      list.querySelectorAll("li").forEach(function (item, index) {
        item.querySelector(".place").textContent = index + 1;
      });
    }

    function save() {
      var order = Array.prototype.map.call(list.querySelectorAll("li"), function (item) {
        return item.dataset.position;
      });
      form.elements.order.value = order.join(",");
      status.textContent = "…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.text().then(function (text) {
          status.textContent = text;
          status.classList.toggle("fielderror", !response.ok);
          list.dataset.saved = response.ok ? "true" : "false";
        });
      });
    }

    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li");
      event.dataTransfer.effectAllowed = "move";
    });
    list.addEventListener("dragover", function (event) {
      var target = event.target.closest("li");
      if (!dragged || !target || target === dragged) return;
      event.preventDefault();
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? target.nextSibling : target);
    });
    list.addEventListener("drop", function (event) {
      event.preventDefault();
    });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged = null;
      renumber();
      save();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
