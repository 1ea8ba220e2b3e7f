import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { preparePrinting } from "./lib/print.ts";
import { applyTheme, storedTheme } from "./lib/theme.ts";
import { startQueueRetries } from "./offline/queue-instance.ts";
import { registerServiceWorker } from "./offline/service-worker.ts";
import { startPython } from "./python/runtime.ts";
import "./styles.css";

applyTheme(storedTheme());
// Python loads while the candidate reads; nothing on screen waits for it.
void startPython();
startQueueRetries();
registerServiceWorker();
preparePrinting();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
