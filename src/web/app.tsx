import { lazy, Suspense, useEffect, useRef } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { AppProvider, useApp } from "./app-context.tsx";
import { PythonStatus } from "./components/python-status.tsx";
import { QueueStatus } from "./components/queue-status.tsx";
import { ShortcutsOverlay, TOGGLE_SHORTCUTS } from "./components/shortcuts-overlay.tsx";
import { useShortcut } from "./lib/shortcuts.ts";
import { stopPython } from "./python/runtime.ts";
import { AccountScreen } from "./screens/account.tsx";
import { SignInScreen, SignUpScreen } from "./screens/auth.tsx";
import { HomeScreen } from "./screens/home.tsx";
import { LibraryScreen } from "./screens/library.tsx";
import { NotFoundScreen } from "./screens/not-found.tsx";
import { QuestionScreen } from "./screens/question.tsx";
import { SettingsScreen } from "./screens/settings.tsx";
import { StudyScreen } from "./screens/study.tsx";

// Charts are the heaviest screen and the least visited: its code (and chart.js) loads on demand.
const ProgressScreen = lazy(() => import("./screens/progress.tsx"));
const MockScreen = lazy(() => import("./screens/mock.tsx"));
const MockSessionScreen = lazy(() => import("./screens/mock-session.tsx"));
const PlanScreen = lazy(() => import("./screens/plan.tsx"));

const NAV: [string, string][] = [
  ["/", "Home"],
  ["/study", "Study"],
  ["/library", "Library"],
  ["/mock", "Mock"],
  ["/plan", "Plan"],
  ["/progress", "Progress"],
  ["/settings", "Settings"],
];

function NavLink({ href, label }: { href: string; label: string }) {
  const [location] = useLocation();
  const current = href === "/" ? location === "/" : location.startsWith(href);
  return (
    <Link href={href} aria-current={current ? "page" : undefined}>
      {label}
    </Link>
  );
}

function AccountLink() {
  const { config } = useApp();
  if (config?.mode !== "hosted") return null;
  return config.user ? (
    <NavLink href="/account" label="Account" />
  ) : (
    <NavLink href="/sign-in" label="Sign in" />
  );
}

/** Moves focus to the new screen's heading after navigation, so screen readers hear the change. */
function useFocusOnNavigate() {
  const [location] = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById("main");
    const heading = main?.querySelector<HTMLElement>("h1");
    (heading ?? main)?.focus({ preventScroll: false });
  }, [location]);
}

function Shell() {
  const [, navigate] = useLocation();
  useFocusOnNavigate();
  useShortcut("h", () => navigate("/"));
  useShortcut("s", () => navigate("/study"));
  useShortcut("l", () => navigate("/library"));
  useShortcut("p", () => navigate("/progress"));
  useShortcut(",", () => navigate("/settings"));
  useShortcut("/", () => navigate("/library?focus=search"));
  useShortcut("Escape", stopPython, { inFields: true, preventDefault: false });

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          <img src="/icons/icon.svg" alt="" width="26" height="26" />
          PyPrep
        </Link>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <NavLink key={href} href={href} label={label} />
          ))}
          <AccountLink />
        </nav>
        <div className="status-bar">
          <QueueStatus />
          <PythonStatus />
          <button
            type="button"
            className="ghost icon-button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => window.dispatchEvent(new Event(TOGGLE_SHORTCUTS))}
          >
            ?
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Switch>
            <Route path="/" component={HomeScreen} />
            <Route path="/study" component={StudyScreen} />
            <Route path="/library" component={LibraryScreen} />
            <Route path="/q/:id" component={QuestionScreen} />
            <Route path="/mock" component={MockScreen} />
            <Route path="/mock/:id" component={MockSessionScreen} />
            <Route path="/plan" component={PlanScreen} />
            <Route path="/progress" component={ProgressScreen} />
            <Route path="/settings" component={SettingsScreen} />
            <Route path="/sign-in" component={SignInScreen} />
            <Route path="/sign-up" component={SignUpScreen} />
            <Route path="/account" component={AccountScreen} />
            <Route component={NotFoundScreen} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
      </footer>
      <ShortcutsOverlay />
      <div id="announcer" className="sr-only" aria-live="polite" aria-atomic="true" />
    </>
  );
}

export function App() {
  return (
    <AppProvider>
      <Shell />
    </AppProvider>
  );
}
