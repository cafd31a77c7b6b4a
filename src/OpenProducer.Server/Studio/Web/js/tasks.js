// Tasks the studio waits for: polled until they finish, and kept in localStorage so a reload picks them up again.

import { task, taskFailure } from "./api.js";

const KEY = "studio.tasks";
const POLL_MS = 700;

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch {
    return [];
  }
}

function save(list) {
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** Tasks submitted and not yet seen finished: {id, kind, label, source}. */
export function pending() {
  return load();
}

export function remember(entry) {
  save([...load().filter((t) => t.id !== entry.id), entry]);
}

export function forget(id) {
  save(load().filter((t) => t.id !== id));
}

/** Forgets every task (on signing out: they belong to the token). */
export function forgetAll() {
  localStorage.removeItem(KEY);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The progress of a task's record, 0–100, from its first item's (or its data's) "progress". */
export function progressOf(record) {
  const data = record.response && record.response.data;
  const item = Array.isArray(data) ? data[0] : data;
  const text = item && item.progress;
  const value = parseInt(text, 10);
  return Number.isFinite(value) ? value : record.finished_at ? 100 : 0;
}

/**
 * Polls a task until it finishes; onUpdate(record) hears every poll. Resolves with the finished record, or rejects
 * with the task's failure (an ApiError).
 */
export async function follow(id, onUpdate) {
  for (;;) {
    const record = await task(id);
    if (!record) {
      forget(id);
      throw new Error("The server no longer has this task.");
    }
    onUpdate(record);
    if (record.finished_at) {
      forget(id);
      const failure = taskFailure(record);
      if (failure) throw failure;
      return record;
    }
    await sleep(POLL_MS);
  }
}
