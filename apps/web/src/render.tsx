// The app itself, loaded by main.ts once the first screen's data has been asked for.
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./i18n.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
