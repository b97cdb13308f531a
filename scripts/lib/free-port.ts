import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback port nobody listens on now, for a server whose URL must be known before it starts. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
