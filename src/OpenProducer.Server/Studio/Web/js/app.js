// The studio's start: sign-in, then the panels wired together. What is under way and what is on show are kept in
// localStorage, so a reload resumes them.

import { get, localToken, post, setToken, token } from "./api.js";
import { setUpCreate } from "./create.js";
import { pickPoint, pickRegion, setUpEdit } from "./edit.js";
import { finish, setUpExports } from "./exports.js";
import { Library } from "./library.js";
import { Player } from "./player.js";
import { follow, forgetAll, pending, progressOf, remember } from "./tasks.js";

const $ = (id) => document.getElementById(id);
const CURRENT = "studio.current";
// The tasks followed in this page, so signing in again does not follow one twice.
const watching = new Set();

const player = new Player({ onPoint: pickPoint, onRegion: pickRegion });
const library = new Library((entry) => showSong(entry.item, { source: library.sourceOf(entry), autoplay: true }));

function current() {
  return player.song;
}

function showSong(item, options = {}) {
  localStorage.setItem(CURRENT, JSON.stringify({ item, source: options.source || null }));
  library.mark(item.id);
  $("edit").hidden = false;
  $("export").hidden = false;
  return player.show(item, options);
}

async function refreshBalance() {
  try {
    const b = await get("/v1/balance");
    $("balance").textContent = b.balance === null ? "Credits: no limit" : `Credits: ${b.balance}`;
  } catch {
    $("balance").textContent = "";
  }
}

/** Follows a song task (a new song or an edit): progress, the live stream, then the finished song. */
async function watchSong(entry) {
  const making = $("making");
  making.hidden = false;
  $("making-heading").textContent = entry.source ? "Edit being made" : "Being made";
  let live = false;
  if (entry.stream) {
    live = true;
    player.playLive(entry.stream, entry.title);
  }
  try {
    const record = await follow(entry.id, (r) => {
      const progress = progressOf(r);
      $("progress").value = progress;
      const item = r.response && Array.isArray(r.response.data) ? r.response.data[0] : null;
      const waiting = item && item.state === "pending";
      $("progress-text").textContent = `${entry.title || "Your song"}: ${waiting ? "waiting for a worker" : `${progress}%`}`;
      if (!live && !r.finished_at && item && item.stream_audio_url) {
        live = true;
        player.playLive(item.stream_audio_url, item.title || entry.title);
      }
    });
    $("progress-text").textContent = `${entry.title || "Your song"}: done.`;
    making.hidden = true;
    await library.load();
    await showSong(record.response.data[0], { source: entry.source, autoplay: live });
  } catch (e) {
    $("progress-text").textContent = "";
    making.hidden = true;
    const where = entry.source ? "edit-error" : "create-error";
    $(where).textContent = e.plain || e.message;
  }
  refreshBalance();
}

async function submitSong(body, source = null) {
  const answer = await post("/producer/audios", body);
  const entry = {
    id: answer.task_id, kind: "song", title: body.title || body.prompt || "",
    source: source ? { id: source.id, title: source.title, action: body.action } : null,
    stream: answer.stream_audio_url || null,
  };
  remember(entry);
  watching.add(entry.id);
  refreshBalance();
  watchSong(entry);
}

async function signIn(value) {
  $("signin-error").textContent = "";
  try {
    await get("/v1/balance", value);
  } catch (e) {
    $("signin-error").textContent = e.plain || e.message;
    return false;
  }
  setToken(value);
  signedIn();
  return true;
}

function signedIn() {
  $("signout").hidden = false;
  $("token").value = token();
  refreshBalance();
  library.load();
  for (const entry of pending()) {
    if (watching.has(entry.id)) continue;
    watching.add(entry.id);
    if (entry.kind === "song") watchSong(entry);
    else if (entry.kind === "export") finish(entry.id, entry.export, entry.title);
  }
  const saved = JSON.parse(localStorage.getItem(CURRENT) || "null");
  if (saved && !player.song) showSong(saved.item, { source: saved.source });
}

function setUpSignIn() {
  $("signin").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn($("token").value.trim());
  });
  $("signout").addEventListener("click", () => {
    setToken("");
    forgetAll();
    localStorage.removeItem(CURRENT);
    location.reload();
  });
}

async function start() {
  setUpSignIn();
  setUpCreate((body) => submitSong(body));
  setUpEdit(current, (body, song) => submitSong(body, song));
  setUpExports(current);
  if (token()) {
    signedIn();
    return;
  }
  const local = await localToken();
  if (local) {
    $("token").value = local;
    $("signin-error").textContent = "";
    $("balance").textContent = "Your local token is filled in: press Sign in.";
  }
}

start();
