// The create form: inspiration mode (a prompt) or custom mode (lyrics, title, style), and the lyric writer.

import { post } from "./api.js";
import { keep } from "./drafts.js";

const $ = (id) => document.getElementById(id);

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

function showMode() {
  const custom = mode() === "custom";
  $("inspiration-fields").hidden = custom;
  $("custom-fields").hidden = !custom;
}

/** The /producer/audios request the form describes. */
export function request() {
  const body = { action: "generate", model: $("model").value, instrumental: $("instrumental").checked, async: true };
  if (mode() === "custom") {
    Object.assign(body, { custom: true, title: $("title").value.trim(), prompt: $("style").value.trim(), lyric: $("lyric").value });
  } else {
    body.prompt = $("prompt").value.trim();
  }
  if ($("vocal-gender").value) body.vocal_gender = $("vocal-gender").value;
  const seed = $("seed").value.trim();
  if (seed) body.seed = /^\d+$/.test(seed) ? Number(seed) : seed;
  return body;
}

/** Wires the form; submit(request) sends it and throws an ApiError to be shown beside the button. */
export function setUpCreate(submit) {
  const form = $("create-form");
  const store = keep(form, "studio.create");
  document.querySelectorAll('input[name="mode"]').forEach((r) => r.addEventListener("change", showMode));
  showMode();

  $("write-lyrics").addEventListener("click", async () => {
    const button = $("write-lyrics");
    $("lyrics-error").textContent = "";
    const about = $("lyrics-about").value.trim() || $("style").value.trim() || $("title").value.trim();
    if (!about) {
      $("lyrics-error").textContent = "Say what the lyrics should be about first.";
      $("lyrics-about").focus();
      return;
    }
    button.disabled = true;
    button.textContent = "Writing…";
    try {
      const answer = await post("/producer/lyrics", { prompt: about });
      $("lyric").value = answer.data.text;
      if (!$("title").value.trim() && answer.data.title) $("title").value = answer.data.title;
      store();
    } catch (e) {
      $("lyrics-error").textContent = e.plain || e.message;
    } finally {
      button.disabled = false;
      button.textContent = "Write lyrics for me";
    }
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = $("create-button");
    $("create-error").textContent = "";
    button.disabled = true;
    try {
      await submit(request());
    } catch (err) {
      $("create-error").textContent = err.plain || err.message;
    } finally {
      button.disabled = false;
    }
  });
}
