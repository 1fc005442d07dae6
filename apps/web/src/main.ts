// The entry: asks for the first screen's data at once (a few kilobytes of code), then loads the app
// (React, the design system, the schemas: half a second to start on a phone) while the data travels.
import "./first-screen.js";

void import("./render.js");
