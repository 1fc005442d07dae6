import { lazyExport, type WebFeature } from "../web-feature.js";

const AttendantSettings = lazyExport(() => import("./attendant-settings.js"), "AttendantSettings");

/** The virtual attendant: its section in Settings (admins change it; supervisors see how it does). */
export const feature: WebFeature = {
  name: "virtual-attendant",
  routes: [],
  settings: [{ key: "virtual-attendant", label: "attendant.title", component: AttendantSettings, roles: ["admin", "supervisor"], order: 25 }],
};
