// The Producer API as the studio uses it: the bearer token, JSON in and out, and errors put in plain words.

const TOKEN_KEY = "studio.token";

// The API's paths are taken from the server's root, wherever the studio is mounted beneath it.
const ROOT = new URL("../", document.baseURI);
const url = (path) => new URL(path.replace(/^\//, ""), ROOT);

export function token() {
  return localStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else localStorage.removeItem(TOKEN_KEY);
}

// What each of the spec's error codes means for someone using the studio.
const PLAIN = {
  no_token: "Sign in with your API token first.",
  invalid_token: "The server does not know this token. Check that it was copied whole.",
  token_expired: "This token has expired. Ask the server's operator for a new one.",
  disabled: "This token's application is switched off.",
  used_up: "There are not enough credits left for this.",
  too_many_requests: "Too many requests for now. Wait a moment and try again.",
  bad_request: "The server could not accept this request.",
  not_found: "This song is not (or no longer) on the server.",
  api_error: "Something went wrong on the server.",
};

/** An API refusal: the spec's code and message, and a sentence saying what it means. */
export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }

  get plain() {
    const hint = PLAIN[this.code];
    return hint && hint !== this.message ? `${this.message} ${hint}` : this.message;
  }
}

function failure(body, status) {
  const error = body && body.error;
  if (error && error.message) return new ApiError(error.code || "api_error", error.message, status);
  return new ApiError("api_error", `The server answered with status ${status}.`, status);
}

async function call(method, path, body, tokenOverride) {
  const headers = { authorization: `Bearer ${tokenOverride ?? token()}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError("network", "The server could not be reached. Check that it is running.", 0);
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok || (json && json.success === false)) throw failure(json, response.status);
  return json;
}

export const get = (path, tokenOverride) => call("GET", path, undefined, tokenOverride);
export const post = (path, body) => call("POST", path, body);

/** The operator's token when this browser runs on the server's machine, else null. */
export async function localToken() {
  try {
    const response = await fetch("local-token", { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    return (await response.json()).token || null;
  } catch {
    return null;
  }
}

/** A task's record; an unknown id answers {} (null here). */
export async function task(id) {
  const record = await post("/producer/tasks", { action: "retrieve", id });
  return record && record.id ? record : null;
}

/** A finished task's failure, as an ApiError, or null when it succeeded. */
export function taskFailure(record) {
  const response = record.response || {};
  if (response.success === false || response.error) return failure(response, 500);
  return null;
}
