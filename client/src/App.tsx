import { ApolloProvider } from '@apollo/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ToastProvider } from './components/Toasts';
import { createApolloClient } from './lib/apollo';
import type { Role } from './lib/roles';
import { Link, match, navigate, RouterProvider, usePath } from './lib/router';
import { clearToken, loadToken, saveToken } from './lib/session';
import { ActivityPage } from './pages/ActivityPage';
import { ConnectorEditPage } from './pages/ConnectorEditPage';
import { ConnectorsPage } from './pages/ConnectorsPage';
import { CredentialDetailPage, CredentialsPage } from './pages/CredentialsPage';
import { RunDetailPage } from './pages/RunDetailPage';
import { RunHistoryPage } from './pages/RunHistoryPage';
import { SchedulerPage } from './pages/SchedulerPage';
import { SettlementsPage } from './pages/SettlementsPage';
import { SignIn, whoIs } from './pages/SignIn';
import { TransactionsPage } from './pages/TransactionsPage';
import { SessionContext } from './session';

function Routes() {
  const path = usePath();
  let m: Record<string, string> | null;
  if ((m = match('/connectors/new', path))) return <ConnectorEditPage />;
  if ((m = match('/connectors/:id/edit', path))) return <ConnectorEditPage id={m.id} />;
  if ((m = match('/connectors/:id/history', path))) return <RunHistoryPage connectorId={m.id} />;
  if ((m = match('/runs/:id', path))) return <RunDetailPage id={m.id} />;
  // Not /credentials/<id>: that path belongs to the server's credential routes.
  if ((m = match('/credential/:id', path))) return <CredentialDetailPage id={m.id} />;
  if (match('/credentials', path)) return <CredentialsPage />;
  if (match('/transactions', path)) return <TransactionsPage />;
  if (match('/settlements', path)) return <SettlementsPage />;
  if (match('/scheduler', path)) return <SchedulerPage />;
  if (match('/activity', path)) return <ActivityPage />;
  return <ConnectorsPage />;
}

function Shell({ name, role, onSignOut }: { name: string; role: Role; onSignOut(): void }) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Tributary</span>
        <nav aria-label="Main">
          <Link to="/connectors">Connectors</Link>
          <Link to="/credentials">Credentials</Link>
          <Link to="/transactions">Transactions</Link>
          <Link to="/settlements">Settlements</Link>
          <Link to="/scheduler">Scheduler</Link>
          <Link to="/activity">Activity</Link>
        </nav>
        <span className="who">
          {name} <span className={`badge role-${role.toLowerCase()}`}>{role}</span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main>
        <Routes />
      </main>
    </div>
  );
}

export function App() {
  const [token, setToken] = useState<string | null>(() => loadToken());
  const [viewer, setViewer] = useState<{ name: string; role: Role } | null>(null);
  const [checking, setChecking] = useState(Boolean(token));
  // Why the last session ended, when the user did not end it: shown on the sign-in page.
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useCallback((reason: string | null) => {
    clearToken();
    setViewer(null);
    setToken(null);
    setNotice(reason);
    navigate('/');
  }, []);

  const client = useMemo(
    () =>
      token
        ? createApolloClient(token, {
            onUnauthorized: () =>
              endSession('The API refused your token (revoked or unknown). Sign in again.'),
          })
        : null,
    [token, endSession],
  );
  // A client whose session ended stops its socket and forgets what it cached.
  useEffect(
    () => () => {
      client?.stop();
      void client?.clearStore();
    },
    [client],
  );

  useEffect(() => {
    if (!token || viewer) return;
    let live = true;
    whoIs(token)
      .then((v) => live && setViewer(v))
      .catch(() => {
        if (!live) return;
        clearToken();
        setToken(null);
      })
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [token, viewer]);

  const session = useMemo(
    () => (viewer ? { ...viewer, signOut: () => endSession(null) } : null),
    [viewer, endSession],
  );

  return (
    <RouterProvider>
      <ToastProvider>
        {!token || !client || !viewer || !session ? (
          checking ? (
            <p className="center muted">Checking your token…</p>
          ) : (
            <SignIn
              notice={notice}
              onSignedIn={(t, v) => {
                saveToken(t);
                setNotice(null);
                setViewer(v);
                setToken(t);
              }}
            />
          )
        ) : (
          <ApolloProvider client={client}>
            <SessionContext.Provider value={session}>
              <Shell name={viewer.name} role={viewer.role} onSignOut={session.signOut} />
            </SessionContext.Provider>
          </ApolloProvider>
        )}
      </ToastProvider>
    </RouterProvider>
  );
}
