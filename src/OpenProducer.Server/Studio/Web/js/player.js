// The song on show: cover, facts, the audio (the live stream while it is made, then the finished file), the
// waveform with its sections, and the lyric line being sung.

import { get } from "./api.js";
import { Waveform, peaksOf } from "./waveform.js";

const $ = (id) => document.getElementById(id);

const fmt = (t) => `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, "0")}`;

export class Player {
  constructor({ onPoint, onRegion }) {
    this.audio = $("audio");
    this.lines = [];
    this.sections = [];
    this.song = null;
    this.waveform = new Waveform($("waveform"), {
      onPoint: (t) => { this.say(`Point: ${t.toFixed(1)} s`); onPoint(t); },
      onRegion: (a, b) => { this.say(`Region: ${a.toFixed(1)} s to ${b.toFixed(1)} s`); onRegion(a, b); },
      onPlayFrom: (t) => this.playFrom(t),
    });
    this.audio.addEventListener("timeupdate", () => this.tick());
    this.audio.addEventListener("seeked", () => this.tick());
  }

  say(text) { $("selection").textContent = text; }

  /** Plays a song while it is made, from its live stream. */
  playLive(url, title) {
    $("song").hidden = false;
    this.song = null;
    $("song-title").textContent = `${title || "New song"} (being made)`;
    $("song-source").textContent = "";
    $("song-facts").replaceChildren();
    $("cover").removeAttribute("src");
    this.waveform.reset(0);
    this.setLines([], []);
    this.audio.src = url;
    this.audio.play().catch(() => {});
  }

  /** Shows a finished song (an item of an audios task), and loads its details and waveform. */
  async show(item, { autoplay = false, source = null } = {}) {
    const live = this.song === null && this.audio.src && !this.audio.paused;
    const at = live ? this.audio.currentTime : 0;
    this.song = item;
    $("song").hidden = false;
    $("song-title").textContent = item.title || "Untitled";
    $("song-source").textContent = source ? `Edit (${source.action.replaceAll("_", " ")}) of “${source.title}”` : "";
    if (item.image_url) $("cover").src = item.image_url;
    $("cover").alt = `Cover art of ${item.title || "the song"}`;
    const duration = parseFloat(item.duration) || 0;
    this.waveform.reset(duration);
    this.audio.src = item.audio_url;
    if (live || autoplay) {
      // The finished file carries on where the live stream was.
      this.audio.currentTime = Math.min(at, duration);
      this.audio.play().catch(() => {});
    }
    this.facts([["Length", fmt(duration)]]);
    const [details] = await Promise.allSettled([this.details(item), this.peaks(item)]);
    if (details.status === "rejected") this.say(`The song's sections could not be loaded: ${details.reason.message}`);
  }

  async details(item) {
    const d = await get(`/v1/songs/${encodeURIComponent(item.id)}`);
    if (this.song !== item) return;
    const voice = d.voice && d.voice.gender ? (d.voice.gender === "f" ? "female" : d.voice.gender === "m" ? "male" : d.voice.gender) : "none";
    this.facts([
      ["Length", fmt(parseFloat(item.duration) || 0)],
      ["Tempo", d.tempo ? `${Math.round(d.tempo)} BPM` : "—"],
      ["Key", d.key || "—"],
      ["Time", d.time_signature || "—"],
      ["Voice", (d.lines || []).length ? voice : "instrumental"],
    ]);
    this.setLines(d.sections || [], d.lines || []);
  }

  async peaks(item) {
    try {
      const peaks = await peaksOf(item.audio_url);
      if (this.song === item) this.waveform.setPeaks(peaks);
    } catch (e) {
      this.say(`The waveform could not be drawn: ${e.message}`);
    }
  }

  facts(pairs) {
    $("song-facts").replaceChildren(...pairs.map(([name, value]) => {
      const div = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = name;
      dd.textContent = value;
      div.append(dt, dd);
      return div;
    }));
  }

  setLines(sections, lines) {
    this.sections = sections;
    this.lines = lines;
    this.waveform.setSections(sections);
    $("sections").replaceChildren(...sections.map((s) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      const more = document.createElement("span");
      more.className = "visually-hidden";
      more.textContent = ` to ${fmt(s.end)}, play from here`;
      b.append(`${s.label} ${fmt(s.start)}`, more);
      b.addEventListener("click", () => this.playFrom(s.start));
      li.append(b);
      return li;
    }));
    $("lyrics").replaceChildren(...lines.map((l) => {
      const p = document.createElement("p");
      p.textContent = l.text;
      return p;
    }));
    this.tick();
  }

  playFrom(t) {
    this.audio.currentTime = t;
    this.audio.play().catch(() => {});
  }

  scrollTo(row) {
    const box = $("lyrics");
    box.scrollTop = row.offsetTop - box.offsetTop - box.clientHeight / 2;
  }

  /** Marks the section and the lyric line at the audio's time. */
  tick() {
    const t = this.audio.currentTime || 0;
    this.waveform.setTime(t);
    const buttons = $("sections").querySelectorAll("button");
    this.sections.forEach((s, i) => buttons[i].setAttribute("aria-current", String(t >= s.start && t < s.end)));
    const rows = $("lyrics").children;
    this.lines.forEach((l, i) => {
      const now = t >= l.start && t < l.end;
      if (now && !rows[i].classList.contains("now")) this.scrollTo(rows[i]);
      rows[i].classList.toggle("now", now);
    });
  }
}
