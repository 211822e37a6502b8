import { useSubscription } from '@apollo/client';
import { useEffect, useState } from 'react';
import type { ProgressEventFieldsFragment } from '../gql/graphql';
import { RUN_PROGRESS } from '../queries';

const ENDED = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

export function isEnded(status: string): boolean {
  return ENDED.has(status);
}

/**
 * The latest progress event of each connector's live run, from the
 * `runProgress` subscription (no polling). An ended run stays shown for a
 * few seconds so its final figures can be read, then drops out.
 */
export function useLiveRuns(filter: { connectorId?: string; runId?: string } = {}) {
  const [live, setLive] = useState<Record<string, ProgressEventFieldsFragment>>({});
  useSubscription(RUN_PROGRESS, {
    variables: filter,
    onData: ({ data }) => {
      const event = data.data?.runProgress;
      if (!event) return;
      const key = event.run.connector.id;
      setLive((all) => ({ ...all, [key]: event }));
    },
  });
  useEffect(() => {
    const ended = Object.entries(live).filter(([, e]) => isEnded(e.status));
    if (ended.length === 0) return;
    const timer = setTimeout(() => {
      setLive((all) => {
        const next = { ...all };
        for (const [key, e] of ended) if (next[key] === e) delete next[key];
        return next;
      });
    }, 6000);
    return () => clearTimeout(timer);
  }, [live]);
  return live;
}
