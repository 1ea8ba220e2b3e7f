/** A signed-up account: its user id and the session cookie its requests carry. */
export interface SignedUpUser {
  id: string;
  cookie: string;
}

/**
 * Signs up `count` accounts on a hosted server at `server.url`, a few at a time (argon2
 * is the cost). Plain fetch, nothing else imported: the API benchmark uses it too.
 */
export async function signUpUsers(server: { url: string }, count: number): Promise<SignedUpUser[]> {
  const users: SignedUpUser[] = [];
  const one = async (i: number) => {
    const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({
        email: `soak-${i}-${Date.now()}@example.com`,
        password: "correct horse battery",
        name: `soak ${i}`,
      }),
    });
    if (res.status !== 200) throw new Error(`sign-up ${i}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const config = await fetch(`${server.url}/api/config`, { headers: { cookie } });
    const id = ((await config.json()) as { user: { id: string } }).user.id;
    users.push({ id, cookie });
  };
  for (let i = 0; i < count; i += 4) {
    await Promise.all([i, i + 1, i + 2, i + 3].filter((n) => n < count).map(one));
  }
  return users;
}
