import { z } from "zod";

// Zod would try `new Function` to speed parsing up, which the app's Content-Security-Policy rightly
// refuses (and Chromium reports on every load): parse without it.
z.config({ jitless: true });
