import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const loopback = (address: string): boolean => {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 ? v4.startsWith('127.') : address === '::1';
};

/**
 * Who called, for the audit log: the socket's address, or, when the socket is this machine's
 * nginx, the hop nginx appended to X-Forwarded-For (the last one; earlier hops are whatever
 * the caller wrote). Only a loopback peer is trusted to forward.
 */
export function clientAddress(request: IncomingMessage): string | null {
  const peer = request.socket.remoteAddress;
  if (!peer) return null;
  const forwarded = request.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (!loopback(peer) || !header) return peer;
  const last = header.split(',').at(-1)?.trim() ?? '';
  return isIP(last) ? last : peer;
}
