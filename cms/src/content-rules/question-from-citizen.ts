import type { Caller } from './caller';

type Data = Record<string, unknown>;

/** What a citizen's question may carry; the rest of the entry is the editors'. */
const CITIZEN_FIELDS = ['title', 'topic', 'question', 'askerName', 'askerEmail'] as const;

/** Tags, comments and a tag left open at the end; a lone `<` ("a < b") stays. */
const HTML = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)|<\/?[a-z!?][^>]*(?:>|$)/gi;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** A citizen's text as stored: no markup, no control characters, NFC, trimmed. */
export const citizenText = (text: string): string => text.replace(HTML, '').replace(CONTROL, '').normalize('NFC').trim();

/**
 * A question created through the Content API is a citizen's, sent by the engagement service
 * with the question token: it is always a draft, takes only the citizen's fields (an answer,
 * a slug or dates in the request are dropped), as plain NFC text, and the CMS dates it.
 */
export function questionFromCitizen(caller: Caller, action: string, params: { data?: Data; status?: unknown }): void {
  if (caller.kind !== 'content-api' || action !== 'create' || !params.data) return;
  const sent = params.data;
  const data: Data = {};
  for (const field of CITIZEN_FIELDS) {
    const value = sent[field];
    if (typeof value === 'string') data[field] = field === 'askerEmail' ? value.normalize('NFC').trim().toLowerCase() : citizenText(value);
    else if (value === null) data[field] = null;
  }
  // An empty optional field is absent, so Strapi's email and length checks see nothing.
  for (const field of ['title', 'askerName', 'askerEmail']) if (data[field] === '') delete data[field];
  data.submittedAt = new Date().toISOString();
  params.data = data;
  params.status = 'draft';
}
