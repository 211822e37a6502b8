import { describe, expect, it } from 'vitest';
import { currentSection, routeFor } from '../src/routes';

describe('routes and the nav', () => {
  it('marks the section a page belongs to, deep pages included', () => {
    expect(currentSection('/')?.label).toBe('Connectors');
    expect(currentSection('/connectors/abc/history?tab=tests')?.label).toBe('Connectors');
    expect(currentSection('/connectors/abc/edit')?.label).toBe('Connectors');
    expect(currentSection('/runs/xyz?reason=INVALID_RECORD')?.label).toBe('Connectors');
    expect(currentSection('/credential/abc')?.label).toBe('Credentials');
    expect(currentSection('/credentials?page=3')?.label).toBe('Credentials');
    expect(currentSection('/scheduler')?.label).toBe('Scheduler');
    expect(currentSection('/activity')?.label).toBe('Activity');
  });

  it('finds each page with its parameters, whatever the query string', () => {
    expect(routeFor('/runs/UnVuOjE%3D?sp=abc').params).toEqual({ id: 'UnVuOjE=' });
    expect(routeFor('/connectors/new').route.pattern).toBe('/connectors/new');
    expect(routeFor('/connectors/abc/edit').params).toEqual({ id: 'abc' });
    expect(routeFor('/nowhere').route.pattern).toBe('/');
  });
});
