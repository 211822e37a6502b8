import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';

/**
 * GraphiQL with the whole IDE inlined (no CDN). The page is ~9 MB, so it is
 * rendered on first request and kept.
 */
export function graphiqlRoute(): RequestHandler {
  let page: string | undefined;
  return (_req, res) => {
    page ??= renderGraphiQL({
      endpoint: '/graphql',
      subscriptionsProtocol: 'WS',
      title: 'Tributary GraphiQL',
      headers: JSON.stringify({ Authorization: 'Bearer <paste your token>' }),
      defaultQuery:
        '{\n  connectors(first: 10) {\n    totalCount\n    edges { node { id name kind status } }\n  }\n}\n',
    });
    res.type('html').send(page);
  };
}
