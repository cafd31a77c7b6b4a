// The create form: inspiration mode (a prompt) or custom mode (lyrics, title, style), and the lyric writer.

import { post } from "./api.js";
import { keep } from "./drafts.js";
import { setUpSounds, sounds } from "./sounds.js";

const $ = (id) => document.getElementById(id);

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

function showMode() {
  const custom = mode() === "custom";
  $("inspiration-fields").hidden = custom;
  $("custom-fields").hidden = !custom;
}

/**
 * The /producer/audios request the form describes: with style sliders, the create_music dialect (the prompt or
 * style is one more sound, pulled fully); else generate.
 */
export function request() {
  const pulls = sounds();
  return pulls.length ? createMusic(pulls) : generate();
}

/** The seed, a number when it is one (the API takes either). */
function withSeed(body) {
  const seed = $("seed").value.trim();
  if (seed) body.seed = /^\d+$/.test(seed) ? Number(seed) : seed;
  return body;
}

function createMusic(pulls) {
  const custom = mode() === "custom";
  const style = (custom ? $("style") : $("prompt")).value.trim();
  const body = {
    action: "create_music", model: $("model").value, makeInstrumental: $("instrumental").checked, async: true,
    sounds: style ? [{ text: style, strength: 1 }, ...pulls] : pulls,
  };
  if (custom) Object.assign(body, { title: $("title").value.trim(), lyrics: $("lyric").value });
  if ($("vocal-gender").value) body.vocalGender = $("vocal-gender").value;
  return withSeed(body);
}

function generate() {
  const body = { action: "generate", model: $("model").value, instrumental: $("instrumental").checked, async: true };
  if (mode() === "custom") {
    Object.assign(body, { custom: true, title: $("title").value.trim(), prompt: $("style").value.trim(), lyric: $("lyric").value });
  } else {
    body.prompt = $("prompt").value.trim();
  }
  if ($("vocal-gender").value) body.vocal_gender = $("vocal-gender").value;
  return withSeed(body);
}

/** Wires the form; submit(request) sends it and throws an ApiError to be shown beside the button. */
export function setUpCreate(submit) {
  const form = $("create-form");
  const store = keep(form, "studio.create");
  document.querySelectorAll('input[name="mode"]').forEach((r) => r.addEventListener("change", showMode));
  showMode();
  setUpSounds();

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
