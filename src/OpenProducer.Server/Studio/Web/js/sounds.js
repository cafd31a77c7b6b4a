// Style sliders (the create_music dialect's sounds[]): each sound pulls the song toward it (up to +1) or pushes it
// away (down to −1). Kept in localStorage as they change.

const KEY = "studio.sounds";
const $ = (id) => document.getElementById(id);

function saved() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch {
    return [];
  }
}

function store() {
  localStorage.setItem(KEY, JSON.stringify(sounds()));
}

/** The sounds given: [{text, strength}], those with text only. */
export function sounds() {
  return [...$("sounds").children].map((li) => ({
    text: li.querySelector("input[type=text]").value.trim(),
    strength: Number(li.querySelector("input[type=range]").value),
  })).filter((s) => s.text);
}

function say(strength) {
  if (strength > 0) return `toward, ${strength.toFixed(1)}`;
  if (strength < 0) return `away, ${strength.toFixed(1)}`;
  return "neutral, 0";
}

function renumber() {
  [...$("sounds").children].forEach((li, i) => {
    const n = i + 1;
    li.querySelector(".sound-label").textContent = `Sound ${n}`;
    li.querySelector(".strength-label").textContent = `Strength of sound ${n}`;
    li.querySelector("button").textContent = `Remove sound ${n}`;
  });
}

function add(text = "", strength = 0.6) {
  const id = `sound-${crypto.randomUUID().slice(0, 8)}`;
  const li = document.createElement("li");
  li.innerHTML = `
    <label class="sound-label" for="${id}-text"></label>
    <input type="text" id="${id}-text" maxlength="200" placeholder="drums, saxophone, jazz…">
    <label class="strength-label" for="${id}-strength"></label>
    <div class="row">
      <input type="range" id="${id}-strength" min="-1" max="1" step="0.1">
      <output for="${id}-strength"></output>
      <button type="button"></button>
    </div>`;
  const input = li.querySelector("input[type=text]");
  const range = li.querySelector("input[type=range]");
  const output = li.querySelector("output");
  input.value = text;
  range.value = String(strength);
  const show = () => {
    output.textContent = say(Number(range.value));
    range.setAttribute("aria-valuetext", output.textContent);
  };
  show();
  range.addEventListener("input", () => { show(); store(); });
  input.addEventListener("input", store);
  li.querySelector("button").addEventListener("click", () => {
    li.remove();
    renumber();
    store();
    $("add-sound").focus();
  });
  $("sounds").append(li);
  renumber();
  return input;
}

export function setUpSounds() {
  for (const s of saved()) add(s.text, s.strength);
  $("add-sound").addEventListener("click", () => add().focus());
}
