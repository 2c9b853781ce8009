// The attempt page, enhanced: each changed question is saved on its own, the time left counts down,
// and the attempt is submitted when it reaches zero. Without this script the Save and Submit buttons
// do the same work, and the server enforces the time limit either way.
(() => {
  const form = document.getElementById("quiz-form");
  if (!form) {
    return;
  }
  const token = form.querySelector("input[name=csrf_token]").value;
  const pending = new Map();

  // The page's words in the reader's language (templates/assessment/attempt.html): "{name}" is filled in.
  const words = (text, values = {}) => text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

  const showStatus = (fieldset, text) => {
    const status = fieldset.querySelector(".quiz-save-status");
    if (status) {
      status.textContent = text;
    }
  };

  const answerOf = (fieldset) => {
    const id = fieldset.dataset.question;
    const data = new FormData();
    data.append("csrf_token", token);
    data.append("shown", id);
    for (const [key, value] of new FormData(form)) {
      if (key === `q${id}` || key.startsWith(`q${id}-`)) {
        data.append(key, value);
      }
    }
    return data;
  };

  const save = async (fieldset) => {
    showStatus(fieldset, form.dataset.textSaving);
    try {
      const response = await fetch(fieldset.dataset.autosaveUrl, {
        method: "POST",
        body: answerOf(fieldset),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token },
      });
      const body = await response.json();
      if (response.ok) {
        showStatus(fieldset, words(form.dataset.textSaved, { moment: body.saved_at }));
      } else if (body.closed) {
        window.alert(body.message);
        window.location.assign(body.redirect);
      } else {
        showStatus(fieldset, words(form.dataset.textNotSaved, { reason: body.error || body.message }));
      }
    } catch (error) {
      showStatus(fieldset, form.dataset.textOffline);
    }
  };

  form.querySelectorAll("fieldset[data-question]").forEach((fieldset) => {
    fieldset.addEventListener("change", () => {
      clearTimeout(pending.get(fieldset));
      save(fieldset);
    });
    fieldset.addEventListener("input", (event) => {
      if (!event.target.matches("input[type=text], textarea")) {
        return;
      }
      clearTimeout(pending.get(fieldset));
      pending.set(fieldset, setTimeout(() => save(fieldset), 1500));
    });
  });

  form.querySelectorAll("button[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  const timer = document.getElementById("quiz-timer");
  if (timer) {
    const display = timer.querySelector(".quiz-timer-value");
    const end = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
    let handle = null;
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      display.textContent = words(timer.dataset.textLeft, { minutes: Math.floor(left / 60), seconds: left % 60 });
      if (left === 0) {
        clearInterval(handle);
        const action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "submit";
        form.appendChild(action);
        form.submit();
      }
    };
    handle = setInterval(tick, 1000);
  }
})();
