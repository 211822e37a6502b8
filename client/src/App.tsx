import { ApolloProvider } from '@apollo/client';
import { useEffect, useMemo, useState } from 'react';
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
import { SignIn, whoIs } from './pages/SignIn';
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
  const client = useMemo(() => (token ? createApolloClient(token) : null), [token]);

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

  const signOut = () => {
    clearToken();
    void client?.clearStore();
    client?.stop();
    setViewer(null);
    setToken(null);
    navigate('/');
  };

  // signOut only closes over setters and the client, both stable for a viewer.
  const session = useMemo(() => (viewer ? { ...viewer, signOut } : null), [viewer]);

  return (
    <RouterProvider>
      <ToastProvider>
        {!token || !client || !viewer || !session ? (
          checking ? (
            <p className="center muted">Checking your token…</p>
          ) : (
            <SignIn
              onSignedIn={(t, v) => {
                saveToken(t);
                setViewer(v);
                setToken(t);
              }}
            />
          )
        ) : (
          <ApolloProvider client={client}>
            <SessionContext.Provider value={session}>
              <Shell name={viewer.name} role={viewer.role} onSignOut={signOut} />
            </SessionContext.Provider>
          </ApolloProvider>
        )}
      </ToastProvider>
    </RouterProvider>
  );
}
