import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import { escapeHtml } from '../lib/escape-html.js';
import { FIELD_LABELS } from './form-fields.js';


/** A script's request (fetch, sendBeacon) gets JSON; a browser's form post gets a page or a redirect. */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const type = request.headers['content-type'] ?? '';
  return accept.includes('application/json') || type.startsWith('application/json') || type.startsWith('text/plain');
}

/** The service's own answers carry no page resources: nothing in them may load or run anything. */
export const ANSWER_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

function page(title: string, message: string, back: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b4ea2}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">Quay lại</a></p></body></html>`;
}

/** A 4xx or 5xx that names the field: JSON for scripts, a small Vietnamese page for a form post. */
export function refuse(request: FastifyRequest, reply: FastifyReply, status: number, field: string, message: string, back = '/'): FastifyReply {
  reply.code(status).headers(ANSWER_HEADERS);
  if (wantsJson(request)) return reply.send({ error: { field, message } });
  const label = FIELD_LABELS[field] ?? field;
  const title = status === 429 ? 'Bạn gửi quá nhiều lần' : status >= 500 ? 'Chưa gửi được' : 'Chưa gửi được: cần sửa thông tin';
  return reply.type('text/html; charset=utf-8').send(page(title, `${label}: ${message}`, back));
}

export function refuseInvalid(request: FastifyRequest, reply: FastifyReply, error: ZodError, back?: string): FastifyReply {
  const issue = error.issues[0]!;
  return refuse(request, reply, 400, String(issue.path[0] ?? 'form'), issue.message, back);
}
