/** A session that could not load (the server is down and nothing is saved), with a retry. */
export function SessionError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <section className="panel">
      <h1 tabIndex={-1}>Study</h1>
      <p role="alert">Could not load the session: {error.message}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
