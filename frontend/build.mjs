// Build the static files Django serves: our Sass compiled against GOV.UK Frontend, and
// GOV.UK Frontend's own JavaScript and assets, and GOV.UK's accessible-autocomplete (the party
// pickers, frontend/autocomplete.mjs; its CSS is in application.css), into frontend/build/ (git-ignored, listed in
// STATICFILES_DIRS). Run with `npm run build`; `make setup` runs it after `npm ci`.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
const out = join(here, "build");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "govuk"), { recursive: true });

const css = sass.compile(join(here, "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  // GOV.UK Frontend 5 is written with @import and global functions: its warnings are not ours.
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "application.css"), css.css);

cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(govuk, file), join(out, "govuk", file));
}
for (const file of ["accessible-autocomplete.min.js", "accessible-autocomplete.min.js.map"]) {
  cpSync(join(autocomplete, file), join(out, "accessible-autocomplete", file));
}
for (const file of ["application.mjs", "autocomplete.mjs"]) {
  cpSync(join(here, file), join(out, file));
}

console.log(`built ${out}`);
