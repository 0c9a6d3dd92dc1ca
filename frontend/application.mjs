// Progressive enhancement only: every page works without this file.
// GOV.UK Frontend's components need these classes; a browser that runs modules supports them.
import { initAll } from "./govuk/govuk-frontend.min.js";
import "./autocomplete.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
