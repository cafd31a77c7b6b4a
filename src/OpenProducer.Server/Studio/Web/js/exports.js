// Taking a song away: each button asks for a file, follows its task with its progress, then downloads it.

import { post } from "./api.js";
import { follow, progressOf, remember } from "./tasks.js";

const $ = (id) => document.getElementById(id);

const KINDS = {
  stems: { path: "/producer/stems", body: {}, name: "stems", ext: "zip" },
  wav: { path: "/producer/wav", body: {}, name: "WAV", ext: "wav" },
  mp3: { path: "/producer/download", body: { format: "mp3" }, name: "MP3", ext: "mp3" },
  flac: { path: "/producer/download", body: { format: "flac" }, name: "FLAC", ext: "flac" },
  midi: { path: "/producer/download", body: { format: "midi" }, name: "MIDI", ext: "mid" },
  video: { path: "/producer/videos", body: {}, name: "video", ext: "mp4" },
};

/** The file's link in a finished answer: the first *_url of its data (an object or a list's first item). */
function linkOf(response) {
  const data = Array.isArray(response.data) ? response.data[0] : response.data;
  for (const key of ["stems_url", "file_url", "video_url", "audio_url"]) if (data && data[key]) return data[key];
  return null;
}

function download(url, filename) {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

const safe = (title) => (title || "song").replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "song";

/** Follows an export task and downloads its file; used for a new request and for one resumed after a reload. */
export async function finish(taskId, kind, title) {
  const spec = KINDS[kind];
  const status = $("export-status");
  try {
    const record = await follow(taskId, (r) => { status.textContent = `Making the ${spec.name}: ${progressOf(r)}%`; });
    const url = linkOf(record.response);
    if (!url) throw new Error(`The server's answer has no link to the ${spec.name}.`);
    status.textContent = `The ${spec.name} is ready; downloading.`;
    download(url, `${safe(title)}.${spec.ext}`);
  } catch (e) {
    status.textContent = "";
    $("export-error").textContent = `${spec.name}: ${e.plain || e.message}`;
  }
}

export function setUpExports(currentSong) {
  document.querySelectorAll("[data-export]").forEach((button) => {
    button.addEventListener("click", async () => {
      const song = currentSong();
      const kind = button.dataset.export;
      const spec = KINDS[kind];
      $("export-error").textContent = "";
      if (!song) return;
      button.disabled = true;
      $("export-status").textContent = `Asking for the ${spec.name}…`;
      try {
        const answer = await post(spec.path, { ...spec.body, audio_id: song.id, async: true });
        remember({ id: answer.task_id, kind: "export", export: kind, title: song.title });
        await finish(answer.task_id, kind, song.title);
      } catch (e) {
        $("export-status").textContent = "";
        $("export-error").textContent = `${spec.name}: ${e.plain || e.message}`;
      } finally {
        button.disabled = false;
      }
    });
  });
}
