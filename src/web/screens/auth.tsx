import { type FormEvent, useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../api/client.ts";
import { useApp } from "../app-context.tsx";

/** Sign-in and sign-up share one form; better-auth does the work (docs/api.md, Accounts). */
function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const { refreshConfig, config } = useApp();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const signUp = mode === "sign-up";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await api(signUp ? "/api/auth/sign-up/email" : "/api/auth/sign-in/email", {
        method: "POST",
        body: signUp ? { name: name || email.split("@")[0], email, password } : { email, password },
      });
      await refreshConfig();
      navigate("/");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (config?.mode === "local") {
    return (
      <section className="panel">
        <h1 tabIndex={-1}>No account needed</h1>
        <p>
          PyPrep runs locally with one profile. <Link href="/">Start studying</Link>.
        </p>
      </section>
    );
  }

  return (
    <form className="panel auth" onSubmit={submit} aria-labelledby="auth-h">
      <h1 id="auth-h" tabIndex={-1}>
        {signUp ? "Create an account" : "Sign in"}
      </h1>
      {signUp ? (
        <label className="field">
          <span>Name (optional)</span>
          <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      ) : null}
      <label className="field">
        <span>Email</span>
        <input
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Password{signUp ? " (at least 8 characters)" : ""}</span>
        <input
          type="password"
          required
          minLength={signUp ? 8 : undefined}
          autoComplete={signUp ? "new-password" : "current-password"}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="warn">
          {error}
        </p>
      ) : null}
      <p className="row">
        <button type="submit" className="primary" disabled={busy}>
          {signUp ? "Create account" : "Sign in"}
        </button>
        {signUp ? (
          <Link href="/sign-in">I have an account</Link>
        ) : (
          <Link href="/sign-up">Create an account</Link>
        )}
      </p>
    </form>
  );
}

export function SignInScreen() {
  return <AuthForm mode="sign-in" />;
}

export function SignUpScreen() {
  return <AuthForm mode="sign-up" />;
}
