import type { ReactNode } from "react";
import { Link } from "wouter";
import { useApp, useNeedsSignIn } from "../app-context.tsx";

/** Hosted mode: screens with personal data ask for an account instead of failing with 401. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { config } = useApp();
  const needs = useNeedsSignIn();
  if (!config) return <p aria-busy="true">Loading…</p>;
  if (!needs) return <>{children}</>;
  return (
    <section className="panel">
      <h1>Sign in to study</h1>
      <p>
        Your progress is kept in your account. The <Link href="/library">library</Link> is open to
        everyone.
      </p>
      <p className="row">
        <Link className="button primary" href="/sign-in">
          Sign in
        </Link>
        <Link className="button" href="/sign-up">
          Create an account
        </Link>
      </p>
    </section>
  );
}
