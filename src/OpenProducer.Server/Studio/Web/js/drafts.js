// Form fields kept in localStorage as they are typed, so a reload loses nothing.

export function keep(form, key) {
  const saved = JSON.parse(localStorage.getItem(key) || "{}");
  for (const el of form.elements) {
    if (!el.name || !(el.name in saved)) continue;
    if (el.type === "radio") el.checked = el.value === saved[el.name];
    else if (el.type === "checkbox") el.checked = saved[el.name];
    else el.value = saved[el.name];
  }
  const store = () => {
    const values = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === "radio") { if (el.checked) values[el.name] = el.value; }
      else values[el.name] = el.type === "checkbox" ? el.checked : el.value;
    }
    localStorage.setItem(key, JSON.stringify(values));
  };
  form.addEventListener("input", store);
  form.addEventListener("change", store);
  return store;
}
