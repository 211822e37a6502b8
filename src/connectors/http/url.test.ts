import { joinUrl, resolveReference } from './url';

describe('joinUrl', () => {
  it('puts a configured path below the base path, with the query', () => {
    expect(joinUrl('https://issuer.example/api', '/credentials', { limit: 5 }).href).toBe(
      'https://issuer.example/api/credentials?limit=5',
    );
    expect(joinUrl('https://issuer.example/api/', '/a/b').href).toBe(
      'https://issuer.example/api/a/b',
    );
  });

  it('never leaves the base origin, whatever the path holds', () => {
    for (const path of ['.evil.tld/x', ':8080/x', '@evil.tld/x', '//evil.tld/x', '/\\evil.tld']) {
      expect(joinUrl('https://issuer.example', path).origin).toBe('https://issuer.example');
    }
  });
});

describe('resolveReference', () => {
  const base = 'https://issuer.example/api';

  it('keeps an absolute URL and resolves a relative one against baseUrl', () => {
    expect(resolveReference(base, 'https://cdn.example/c/1.pdf')?.href).toBe(
      'https://cdn.example/c/1.pdf',
    );
    expect(resolveReference(base, '/files/1.pdf')?.href).toBe('https://issuer.example/files/1.pdf');
    expect(resolveReference(base, 'files/1.pdf')?.href).toBe(
      'https://issuer.example/api/files/1.pdf',
    );
  });

  it('does not turn a string-join trick into another host or port', () => {
    // Joined as strings these became issuer.example.evil.tld and issuer.example:8080.
    expect(resolveReference(base, '.evil.tld/x.pdf')?.origin).toBe('https://issuer.example');
    expect(resolveReference(base, ':8080/x.pdf')?.origin).toBe('https://issuer.example');
  });

  it('refuses other schemes and embedded credentials', () => {
    expect(resolveReference(base, 'file:///etc/passwd')).toBeNull();
    expect(resolveReference(base, 'https://u:p@cdn.example/x.pdf')).toBeNull();
  });
});
