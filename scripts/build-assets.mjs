// Builds src/desist/static/dist from the pinned npm packages: one stylesheet, GOV.UK fonts,
// images and JavaScript, the MoJ Frontend script, and axe-core for the browser tests.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "src", "desist", "static", "dist");
mkdirSync(join(dist, "govuk"), { recursive: true });
mkdirSync(join(dist, "moj"), { recursive: true });

for (const name of ["desist", "moj"]) {
  const css = sass.compile(join(root, "assets", "scss", `${name}.scss`), {
    loadPaths: [root, modules],
    style: "compressed",
    quietDeps: true,
    silenceDeprecations: ["import", "global-builtin", "slash-div"],
  });
  writeFileSync(join(dist, `${name}.css`), css.css);
}

const govuk = join(modules, "govuk-frontend", "dist", "govuk");
cpSync(join(govuk, "assets"), join(dist, "govuk", "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk", "govuk-frontend.min.js"));
const moj = join(modules, "@ministryofjustice", "frontend", "moj");
cpSync(join(moj, "moj-frontend.min.js"), join(dist, "moj", "moj-frontend.min.js"));
cpSync(join(modules, "axe-core", "axe.min.js"), join(dist, "axe.min.js"));
console.log(`assets built into ${dist}`);
