import { ApolloProvider } from '@apollo/client';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { HealthBadge } from './components/HealthBadge';
import { AnnouncerProvider } from './components/Announcer';
import { ToastProvider } from './components/Toasts';
import { createApolloClient } from './lib/apollo';
import type { Role } from './lib/roles';
import { Link, navigate, RouterProvider, usePath } from './lib/router';
import { clearToken, loadToken, saveToken } from './lib/session';
import { SignIn, whoIs } from './pages/SignIn';
import { currentSection, NAV, routeFor } from './routes';
import { SessionContext } from './session';

function Routes() {
  const path = usePath();
  const { route, params } = routeFor(path);
  const Page = route.component;
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <Page key={route.pattern + JSON.stringify(params)} {...(route.props?.(params) ?? {})} />
    </Suspense>
  );
}

function Shell({ name, role, onSignOut }: { name: string; role: Role; onSignOut(): void }) {
  const path = usePath();
  const section = currentSection(path);
  // On a narrow screen the nav folds behind a Menu button; it folds again on every navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = path.split('?')[0];
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Tributary</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : undefined}>
          {NAV.filter((item) => !item.adminOnly || role === 'ADMIN').map((item) => (
            <Link key={item.to} to={item.to} current={item === section}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          <HealthBadge /> <span className="who-name">{name}</span>{' '}
          <span className={`badge role-${role.toLowerCase()}`}>{role}</span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main">
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
      <AnnouncerProvider>
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
      </AnnouncerProvider>
    </RouterProvider>
  );
}
