import { Link } from "wouter";

export function NotFoundScreen() {
  return (
    <section className="panel">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is nothing at this address. Try the <Link href="/library">library</Link> or go{" "}
        <Link href="/">home</Link>.
      </p>
    </section>
  );
}
