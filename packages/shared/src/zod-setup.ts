import { z } from "zod";

// In a browser, parse without `new Function`: the pages that use these schemas (the web app, a
// company's site with the widget) have a Content-Security-Policy that rightly refuses it, and Chromium
// reports the attempt on every load. Imported first by the package's entry, so it runs before any
// schema is made (zod decides when it makes the first object schema). The server keeps zod's JIT.
if ("document" in globalThis) z.config({ jitless: true });
