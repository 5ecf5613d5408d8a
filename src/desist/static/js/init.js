// Progressive enhancement only: pages work without it.
import { initAll } from "/static/dist/govuk/govuk-frontend.min.js";
initAll();
