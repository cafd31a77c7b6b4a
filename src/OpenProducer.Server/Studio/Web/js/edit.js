// The edit form: replace a region, extend from a point, cover, swap vocals or instrumentals, variation.

import { keep } from "./drafts.js";

const $ = (id) => document.getElementById(id);

function showFields() {
  const action = $("edit-action").value;
  document.querySelectorAll("#edit-form [data-for]").forEach((el) => { el.hidden = el.dataset.for !== action; });
}

/** The point picked on the waveform becomes the extension's start; a region, the span to replace. */
export function pickPoint(t) {
  $("continue-at").value = t.toFixed(1);
  if ($("edit-action").value === "replace_section") $("edit-action").value = "extend";
  showFields();
}

export function pickRegion(a, b) {
  $("replace-start").value = a.toFixed(1);
  $("replace-end").value = b.toFixed(1);
  $("edit-action").value = "replace_section";
  showFields();
}

/** The /producer/audios request for the edit of the song with this id. */
export function request(audioId) {
  const action = $("edit-action").value;
  const body = { action, audio_id: audioId, async: true };
  const prompt = $("edit-prompt").value.trim();
  const lyric = $("edit-lyric").value.trim();
  if (prompt) body.prompt = prompt;
  if (lyric) body.lyric = lyric;
  const number = (id) => {
    const v = $(id).value.trim();
    return v === "" ? undefined : Number(v);
  };
  if (action === "replace_section") {
    body.replace_section_start = number("replace-start");
    body.replace_section_end = number("replace-end");
  } else if (action === "extend" && number("continue-at") !== undefined) {
    body.continue_at = number("continue-at");
  }
  return body;
}

/** Wires the form; submit(request) sends it and throws an ApiError to be shown beside the button. */
export function setUpEdit(currentSong, submit) {
  keep($("edit-form"), "studio.edit");
  $("edit-action").addEventListener("change", showFields);
  showFields();
  $("edit-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = $("edit-button");
    $("edit-error").textContent = "";
    const song = currentSong();
    if (!song) {
      $("edit-error").textContent = "Pick a song first.";
      return;
    }
    button.disabled = true;
    try {
      await submit(request(song.id), song);
    } catch (err) {
      $("edit-error").textContent = err.plain || err.message;
    } finally {
      button.disabled = false;
    }
  });
}
