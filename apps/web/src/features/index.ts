// The web app's features, one line each: app.tsx builds the routes, the header's navigation and
// Settings' tabs from them.
export { feature as auth } from "./auth/feature.js";
export { feature as contacts } from "./contacts/feature.js";
export { feature as conversations } from "./conversations/feature.js";
export { feature as knowledgeBase } from "./knowledge-base/feature.js";
export { feature as settings } from "./settings/feature.js";
export { feature as virtualAttendant } from "./virtual-attendant/feature.js";
