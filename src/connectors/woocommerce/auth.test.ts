import type { OutgoingRequest } from '../http';
import { wooAuth } from './auth';

const request = (base: string): OutgoingRequest => ({
  method: 'GET',
  path: '/wp-json/wc/v3/products',
  url: new URL('/wp-json/wc/v3/products?page=1', base),
  headers: {},
});

describe('wooAuth', () => {
  it('sends HTTP Basic over HTTPS, and no key in the URL', async () => {
    const auth = wooAuth('https://shop.example', 'ck_1', 'cs_s/ecret+1');
    const sent = request('https://shop.example');
    await auth.apply(sent);
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from('ck_1:cs_s/ecret+1').toString('base64')}`,
    );
    expect(sent.url.searchParams.has('consumer_key')).toBe(false);
    expect(sent.url.searchParams.has('consumer_secret')).toBe(false);
    expect(auth.secrets()).toContain('cs_s/ecret+1');
  });

  it('sends the query parameters over plain HTTP (WooCommerce ignores Basic there), and scrubs every form of the secret', async () => {
    const auth = wooAuth('http://127.0.0.1:8080', 'ck_1', 'cs_s/ecret+1');
    const sent = request('http://127.0.0.1:8080');
    await auth.apply(sent);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.url.searchParams.get('consumer_key')).toBe('ck_1');
    expect(sent.url.searchParams.get('consumer_secret')).toBe('cs_s/ecret+1');
    expect(auth.secrets()).toEqual(['cs_s/ecret+1', 'cs_s%2Fecret%2B1']);
    // What a request's messages name is its path, never the URL with the query.
    expect(sent.path).not.toContain('cs_');
  });
});
