import { useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../lib/roles';

/** Asks the API who the token belongs to (the `viewer` query); throws when it is refused. */
export async function whoIs(token: string): Promise<{ name: string; role: Role }> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { name role } }' }),
  });
  if (res.status === 401) throw new Error('This token was refused: it is unknown or revoked.');
  const body = (await res.json()) as {
    data?: { viewer: { name: string; role: Role } };
    errors?: { message: string }[];
  };
  if (!body.data?.viewer)
    throw new Error(body.errors?.[0]?.message ?? `The API answered ${res.status}.`);
  return body.data.viewer;
}

export function SignIn({
  onSignedIn,
  notice = null,
}: {
  onSignedIn(token: string, viewer: { name: string; role: Role }): void;
  /** Why the previous session ended, when it was not signed out by hand. */
  notice?: string | null;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · Tributary';
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) {
      setError('Paste an API token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(trimmed, await whoIs(trimmed));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>Tributary</h1>
        <p className="muted">Sign in with an API token. It is kept for this browser tab only.</p>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <label>
          API token
          <input
            type="password"
            value={token}
            autoFocus
            autoComplete="off"
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </label>
        {error ? (
          <p id="signin-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </div>
  );
}
