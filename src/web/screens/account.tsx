import { type FormEvent, useState } from "react";
import { useLocation } from "wouter";
import { api } from "../api/client.ts";
import { useApp } from "../app-context.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { forgetPersonalCache } from "../offline/service-worker.ts";
import { clearSession } from "../study/saved-session.ts";

function Account() {
  const { config, refreshConfig } = useApp();
  const [, navigate] = useLocation();
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");

  const after = async () => {
    clearSession();
    forgetPersonalCache();
    await refreshConfig();
    navigate("/sign-in");
  };

  const signOut = async (everywhere: boolean) => {
    try {
      await api(everywhere ? "/api/account/sign-out-everywhere" : "/api/auth/sign-out", {
        method: "POST",
        body: {},
      });
      await after();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };

  const remove = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api("/api/account", { method: "DELETE", body: { password } });
      await after();
    } catch (error) {
      setMessage(`Could not delete the account: ${(error as Error).message}`);
    }
  };

  if (config?.mode === "local") {
    return <p>PyPrep runs locally with one profile; there is no account to manage.</p>;
  }
  return (
    <>
      <section className="panel" aria-labelledby="who-h">
        <h2 id="who-h">Signed in</h2>
        <p data-testid="account-email">{config?.user?.email ?? config?.user?.name}</p>
        <p className="row">
          <button type="button" className="primary" onClick={() => void signOut(false)}>
            Sign out
          </button>
          <button type="button" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        </p>
      </section>
      <form className="panel danger-zone" onSubmit={remove} aria-labelledby="delete-h">
        <h2 id="delete-h">Delete account</h2>
        <p>This deletes your account and all your progress. It cannot be undone.</p>
        <label className="field">
          <span>Your password</span>
          <input
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="danger">
          Delete my account
        </button>
      </form>
      {message ? (
        <p role="alert" className="warn">
          {message}
        </p>
      ) : null}
    </>
  );
}

export function AccountScreen() {
  return (
    <>
      <h1 tabIndex={-1}>Account</h1>
      <RequireAccount>
        <Account />
      </RequireAccount>
    </>
  );
}
