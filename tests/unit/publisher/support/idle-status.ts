import type { PublisherStatus } from '../../../../scripts/publisher/publisher.js';

/** A publisher with nothing live, built or waiting: the status tests change what they look at. */
export const IDLE_STATUS: PublisherStatus = {
  state: 'idle',
  current: null,
  currentSince: null,
  building: null,
  pending: [],
  nextBuildAt: null,
  nextAttempt: 1,
  lastBuild: null,
  history: [],
  releases: [],
  preparing: false,
};
