import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { match } from './lib/router';

/**
 * Every page, loaded on first visit (its own chunk), and the main nav, both
 * as data: adding a page is one entry in ROUTES (and one in NAV when it has
 * a nav item).
 */
const page = <K extends string>(
  load: () => Promise<Record<K, ComponentType<any>>>,
  name: K,
): LazyExoticComponent<ComponentType<any>> =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const ConnectorsPage = page(() => import('./pages/ConnectorsPage'), 'ConnectorsPage');
const ConnectorEditPage = page(() => import('./pages/ConnectorEditPage'), 'ConnectorEditPage');
const RunHistoryPage = page(() => import('./pages/RunHistoryPage'), 'RunHistoryPage');
const RunDetailPage = page(() => import('./pages/RunDetailPage'), 'RunDetailPage');
const CredentialsPage = page(() => import('./pages/CredentialsPage'), 'CredentialsPage');
const CredentialDetailPage = page(() => import('./pages/CredentialsPage'), 'CredentialDetailPage');
const TransactionsPage = page(() => import('./pages/TransactionsPage'), 'TransactionsPage');
const SettlementsPage = page(() => import('./pages/SettlementsPage'), 'SettlementsPage');
const SchedulerPage = page(() => import('./pages/SchedulerPage'), 'SchedulerPage');
const ActivityPage = page(() => import('./pages/ActivityPage'), 'ActivityPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');
const EventsPage = page(() => import('./pages/EventsPage'), 'EventsPage');
const WebhooksPage = page(() => import('./pages/WebhooksPage'), 'WebhooksPage');
const ShopPage = page(() => import('./pages/ShopPage'), 'ShopPage');

export interface Route {
  pattern: string;
  component: LazyExoticComponent<ComponentType<any>>;
  /** Props from the path's parameters. */
  props?(params: Record<string, string>): Record<string, unknown>;
}

/** First match wins; anything else shows the connectors. */
export const ROUTES: Route[] = [
  { pattern: '/connectors/new', component: ConnectorEditPage },
  { pattern: '/connectors/:id/edit', component: ConnectorEditPage, props: (p) => ({ id: p.id }) },
  {
    pattern: '/connectors/:id/history',
    component: RunHistoryPage,
    props: (p) => ({ connectorId: p.id }),
  },
  { pattern: '/connectors/:id/shop', component: ShopPage, props: (p) => ({ id: p.id }) },
  { pattern: '/runs/:id', component: RunDetailPage, props: (p) => ({ id: p.id }) },
  // Not /credentials/<id>: that path belongs to the server's credential routes.
  { pattern: '/credential/:id', component: CredentialDetailPage, props: (p) => ({ id: p.id }) },
  { pattern: '/credentials', component: CredentialsPage },
  { pattern: '/transactions', component: TransactionsPage },
  { pattern: '/settlements', component: SettlementsPage },
  { pattern: '/scheduler', component: SchedulerPage },
  { pattern: '/activity', component: ActivityPage },
  { pattern: '/audit', component: AuditPage },
  { pattern: '/events', component: EventsPage },
  // Not /webhooks: that path belongs to the server (inbound webhooks).
  { pattern: '/outgoing-webhooks', component: WebhooksPage },
  { pattern: '/connectors', component: ConnectorsPage },
  { pattern: '/', component: ConnectorsPage },
];

export function routeFor(path: string): { route: Route; params: Record<string, string> } {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return { route, params };
  }
  return { route: ROUTES[ROUTES.length - 1], params: {} };
}

export interface NavItem {
  to: string;
  label: string;
  /** Path prefixes that belong to this section (its item is the current one there). */
  section: string[];
  /** Shown to ADMIN tokens only (the API refuses the others anyway). */
  adminOnly?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/connectors', label: 'Connectors', section: ['/connectors', '/runs/'] },
  { to: '/credentials', label: 'Credentials', section: ['/credentials', '/credential/'] },
  { to: '/transactions', label: 'Transactions', section: ['/transactions'] },
  { to: '/settlements', label: 'Settlements', section: ['/settlements'] },
  { to: '/scheduler', label: 'Scheduler', section: ['/scheduler'] },
  { to: '/activity', label: 'Activity', section: ['/activity'] },
  { to: '/audit', label: 'Audit', section: ['/audit'], adminOnly: true },
  { to: '/events', label: 'Events', section: ['/events'] },
  {
    to: '/outgoing-webhooks',
    label: 'Webhooks',
    section: ['/outgoing-webhooks'],
    adminOnly: true,
  },
];

export function currentSection(path: string): NavItem | undefined {
  const [pathname] = path.split('?');
  if (pathname === '/') return NAV[0];
  return NAV.find((item) =>
    item.section.some((prefix) => pathname === prefix || pathname.startsWith(prefix)),
  );
}
