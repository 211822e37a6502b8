/**
 * WooCommerce's BASIC auth: a consumer key and secret, sent as HTTP Basic
 * over HTTPS, and as `consumer_key`/`consumer_secret` query parameters over
 * plain HTTP (where WooCommerce ignores the Authorization header).
 */
import { z } from 'zod';
import { basicAuth, type RequestAuth } from '../http';

export const wooCredentials = z
  .object({ consumerKey: z.string().min(1), consumerSecret: z.string().min(1) })
  .strict();

export function wooAuth(baseUrl: string, consumerKey: string, consumerSecret: string): RequestAuth {
  if (new URL(baseUrl).protocol === 'https:') return basicAuth(consumerKey, consumerSecret);
  return {
    apply: async (request) => {
      request.url.searchParams.set('consumer_key', consumerKey);
      request.url.searchParams.set('consumer_secret', consumerSecret);
    },
    secrets: () => [consumerSecret, encodeURIComponent(consumerSecret)],
  };
}
