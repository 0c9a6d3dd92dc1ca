// Party pickers that scale (issue 16): each <select data-module="app-autocomplete"> becomes
// GOV.UK's accessible-autocomplete. The select stays in the form, hidden, and is what is
// posted, so the server reads the same field with JavaScript or without it.
// - One choice: accessible-autocomplete's own enhanceSelectElement.
// - Several (<select multiple>): one autocomplete to add a party, and the chosen listed below
//   it, each with a Remove button; the options' `selected` is the state.
import "./accessible-autocomplete/accessible-autocomplete.min.js";

// The UMD bundle sets the global (`self`) when loaded as a module.
const { accessibleAutocomplete } = self;

const name = (option) => option.textContent.trim();

// accessible-autocomplete describes its box by its own instructions only, so the field's
// hint and error message (the select's aria-describedby) would go unread: they are put in
// front of the instructions, which the box is described by until something is typed.
const INSTRUCTIONS =
  "When autocomplete results are available use up and down arrows to review and enter to select. " +
  "Touch device users, explore by touch or with swipe gestures.";

function assistiveHint(select) {
  const ids = (select.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  const said = ids
    .map((id) => document.getElementById(id)?.textContent.trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .map((text) => (/[.!?:]$/.test(text) ? text : `${text}.`));
  const text = [...said, INSTRUCTIONS].join(" ");
  return () => text;
}

function matching(options, query) {
  const wanted = query.trim().toLowerCase();
  return options.filter((o) => name(o).toLowerCase().includes(wanted)).map(name);
}

function single(select) {
  const id = select.id;
  accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    tAssistiveHint: assistiveHint(select),
    defaultValue: "",
    showAllValues: true,
    source: (query, populate) => populate(matching([...select.options].filter((o) => o.value), query)),
    // Called on a pick, and on leaving the box (undefined unless an option was highlighted):
    // what is typed then must name an option exactly, or the choice is cleared, so the form
    // never posts a party the box no longer shows.
    onConfirm: (chosen) => {
      const typed = chosen ?? document.getElementById(id)?.value ?? "";
      const option = [...select.options].find((o) => o.value && name(o) === typed.trim());
      if (option) option.selected = true;
      else select.value = "";
    },
  });
}

function hidden(text) {
  const span = document.createElement("span");
  span.className = "govuk-visually-hidden";
  span.textContent = text;
  return span;
}

function multiple(select) {
  const id = select.id;
  const label = document.querySelector(`label[for="${id}"]`);
  const role = label ? label.textContent.trim() : "";
  const hint = assistiveHint(select);
  const box = document.createElement("div");
  const chosen = document.createElement("ul");
  chosen.className = "govuk-list app-autocomplete__chosen";
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  select.before(box, chosen, status);
  select.hidden = true;
  select.id = `${id}-select`;

  const render = () => {
    chosen.replaceChildren(
      ...[...select.selectedOptions].map((option) => {
        const item = document.createElement("li");
        item.className = "app-autocomplete__item";
        const text = document.createElement("span");
        text.className = "app-autocomplete__name";
        text.textContent = name(option);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "govuk-button govuk-button--secondary app-autocomplete__remove";
        remove.append("Remove", hidden(` ${name(option)} (${role})`));
        remove.addEventListener("click", () => {
          option.selected = false;
          render();
          status.textContent = `${name(option)} removed from ${role}`;
          document.getElementById(id)?.focus();
        });
        item.append(text, " ", remove);
        return item;
      }),
    );
  };

  accessibleAutocomplete({
    element: box,
    id,
    tAssistiveHint: hint,
    name: "",
    defaultValue: "",
    showAllValues: true,
    // Leaving the box adds nothing: only a pick (click or Enter) does.
    confirmOnBlur: false,
    source: (query, populate) =>
      populate(matching([...select.options].filter((o) => !o.selected), query)),
    // Empty after a pick, ready for the next.
    templates: { inputValue: () => "" },
    onConfirm: (picked) => {
      const option = [...select.options].find((o) => name(o) === picked);
      if (!option || option.selected) return;
      option.selected = true;
      render();
      status.textContent = `${picked} added to ${role}`;
    },
  });
  render();
}

for (const select of document.querySelectorAll('select[data-module="app-autocomplete"]')) {
  if (select.multiple) multiple(select);
  else single(select);
}
