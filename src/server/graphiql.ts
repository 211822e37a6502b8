import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';
import { graphiqlHeaders } from './security-headers';

/**
 * GraphiQL with the whole IDE inlined (no CDN). The page is ~9 MB, so it is
 * rendered (and its script hashed for the CSP) on first request and kept.
 */
export function graphiqlRoute(): RequestHandler {
  let page: string | undefined;
  let headers: RequestHandler | undefined;
  return (req, res, next) => {
    page ??= renderGraphiQL({
      endpoint: '/graphql',
      subscriptionsProtocol: 'WS',
      title: 'Tributary GraphiQL',
      headers: JSON.stringify({ Authorization: 'Bearer <paste your token>' }),
      defaultQuery:
        '{\n  connectors(first: 10) {\n    totalCount\n    edges { node { id name kind status } }\n  }\n}\n',
    });
    // Its CSP allows exactly the inline script it is made of, by hash.
    headers ??= graphiqlHeaders(page);
    headers(req, res, (error?: unknown) => {
      if (error) next(error);
      else res.type('html').send(page);
    });
  };
}
