import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import type { Config, Settings, TopicsAnswer } from "../api/types.ts";
import { api, NetworkError } from "./api/client.ts";
import { applyTheme } from "./lib/theme.ts";
import { reviewQueue } from "./offline/queue-instance.ts";

export interface AppState {
  config: Config | undefined;
  /** Why /api/config failed, when it did (the server is down). */
  configError: Error | undefined;
  topics: TopicsAnswer | undefined;
  refreshConfig: () => Promise<void>;
  topicTitle: (id: string) => string;
}

const CONFIG_KEY = "pyprep.config";

function lastConfig(): Config | null {
  try {
    return JSON.parse(localStorage.getItem(CONFIG_KEY) ?? "null") as Config | null;
  } catch {
    return null;
  }
}

const AppContext = createContext<AppState | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<Config>();
  const [configError, setConfigError] = useState<Error>();
  const [topics, setTopics] = useState<TopicsAnswer>();

  const refreshConfig = useCallback(async () => {
    try {
      const next = await api<Config>("/api/config");
      localStorage.setItem(CONFIG_KEY, JSON.stringify(next));
      setConfig(next);
      reviewQueue.setOwner(next.mode === "local" ? "local" : (next.user?.id ?? null));
      setConfigError(undefined);
    } catch (error) {
      // Offline: carry on as whoever was signed in last, so study and the queue still work.
      const last = error instanceof NetworkError ? lastConfig() : null;
      if (last) {
        setConfig((current) => current ?? last);
        reviewQueue.setOwner(last.mode === "local" ? "local" : (last.user?.id ?? null));
      }
      setConfigError(error as Error);
    }
  }, []);

  useEffect(() => {
    void refreshConfig();
    api<TopicsAnswer>("/api/topics").then(setTopics, () => {});
  }, [refreshConfig]);

  // The theme is a setting on the server, so every browser of the same person agrees;
  // localStorage only remembers it for the next first paint.
  const settingsOwner = config ? (config.mode === "local" ? "local" : config.user?.id) : undefined;
  useEffect(() => {
    if (!settingsOwner) return;
    api<Settings>("/api/settings").then(
      (settings) => applyTheme(settings.theme),
      () => {},
    );
  }, [settingsOwner]);

  // While the server is unreachable, keep asking: the review queue waits to learn who is signed in.
  useEffect(() => {
    if (!configError) return;
    const timer = setTimeout(() => void refreshConfig(), 3000);
    return () => clearTimeout(timer);
  }, [configError, refreshConfig]);

  const topicTitle = useCallback(
    (id: string) => topics?.topics.find((t) => t.id === id)?.title ?? id,
    [topics],
  );

  return (
    <AppContext.Provider value={{ config, configError, topics, refreshConfig, topicTitle }}>
      {children}
    </AppContext.Provider>
  );
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error("useApp outside AppProvider");
  return state;
}

/** Hosted mode without a session: study, progress and settings need an account. */
export function useNeedsSignIn(): boolean {
  const { config } = useApp();
  return config?.mode === "hosted" && !config.user;
}
