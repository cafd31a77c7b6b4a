// The library: this token's songs, newest first (from GET /v1/tasks), searchable by title and prompt.

import { get } from "./api.js";

const $ = (id) => document.getElementById(id);

/** Every song of the token's finished audio tasks: {item, request, created}. */
async function songs() {
  const list = [];
  let before = null;
  for (let page = 0; page < 5; page++) {
    const query = `/v1/tasks?type=audios&state=succeeded&limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`;
    const answer = await get(query);
    for (const task of answer.items) {
      const data = (task.response && task.response.data) || [];
      for (const item of Array.isArray(data) ? data : [data]) {
        if (item && item.id && item.audio_url) list.push({ item, request: task.request || {}, created: task.created_at });
      }
    }
    if (!answer.next) break;
    before = answer.next;
  }
  return list;
}

/** What a song was asked for: its prompt, its style sliders, or its lyrics. */
function describe(request) {
  if (request.prompt) return request.prompt;
  if (Array.isArray(request.sounds) && request.sounds.length) return request.sounds.map((s) => s.text).filter(Boolean).join(", ");
  return "custom lyrics";
}

export class Library {
  constructor(onPick) {
    this.onPick = onPick;
    this.entries = [];
    this.currentId = null;
    $("search").addEventListener("input", () => this.render());
    $("refresh").addEventListener("click", () => this.load());
  }

  /** The library's entry for a song id, if listed. */
  find(id) {
    return this.entries.find((e) => e.item.id === id) || null;
  }

  /** The source of an edit: {title, action} of the song it was made from, or null. */
  sourceOf(entry) {
    const id = entry.request.audio_id;
    if (!id) return null;
    const source = this.find(id);
    return { id, action: entry.request.action || "edit", title: source ? source.item.title : "an earlier song" };
  }

  async load() {
    $("library-error").textContent = "";
    try {
      this.entries = await songs();
      this.render();
    } catch (e) {
      $("library-error").textContent = e.plain || e.message;
    }
  }

  mark(id) {
    this.currentId = id;
    this.render();
  }

  render() {
    const words = $("search").value.trim().toLowerCase();
    const shown = this.entries.filter(({ item, request }) =>
      !words || `${item.title || ""} ${describe(request)} ${request.lyric || ""}`.toLowerCase().includes(words));
    $("songs").replaceChildren(...shown.map((entry) => this.row(entry)));
    if (!shown.length) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = this.entries.length ? "No song matches the search." : "No songs yet.";
      $("songs").append(li);
    }
  }

  row(entry) {
    const { item, request, created } = entry;
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.setAttribute("aria-current", String(item.id === this.currentId));
    const img = document.createElement("img");
    img.alt = "";
    if (item.image_url) img.src = item.image_url;
    const text = document.createElement("span");
    const title = document.createElement("span");
    title.textContent = item.title || "Untitled";
    const meta = document.createElement("span");
    meta.className = "meta";
    const source = this.sourceOf(entry);
    const when = new Date(created * 1000).toLocaleString();
    meta.textContent = source ? `${source.action.replaceAll("_", " ")} of “${source.title}” · ${when}` : `${describe(request)} · ${when}`;
    text.append(title, meta);
    b.append(img, text);
    b.addEventListener("click", () => this.onPick(entry));
    li.append(b);
    return li;
  }
}
