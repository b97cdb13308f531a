import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { QuestionInput } from './form-fields.js';

export class InboxUnavailable extends Error {}

/** The CMS refused the question (its rules are the last word): the form field it names. */
export class QuestionRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const FORM_FIELD: Record<string, string> = { topic: 'chu-de', question: 'cau-hoi', askerName: 'ho-ten', askerEmail: 'email', title: 'cau-hoi' };
const refusal = z.object({
  error: z.object({ message: z.string(), details: z.object({ errors: z.array(z.object({ path: z.array(z.string()), message: z.string() })) }).partial().optional() }),
});

const created = z.object({ data: z.object({ documentId: z.string() }) });

/**
 * Hands a citizen's question to the CMS as a draft "Câu hỏi", through its REST API with the
 * question token, which may create questions and do nothing else. The CMS's rules decide what is
 * kept; its reply is only trusted for the new entry's id.
 */
export function questionInbox(options: { strapiUrl: string; tokenFile: string; timeoutMs: number }) {
  return async function submit(input: QuestionInput): Promise<string> {
    // Read at each question: the CMS writes its token at boot, possibly after this service started.
    const token = existsSync(options.tokenFile) ? readFileSync(options.tokenFile, 'utf8').trim() : '';
    if (!token) throw new InboxUnavailable(`no question token in ${options.tokenFile}`);
    const response = await fetch(`${options.strapiUrl}/api/questions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        data: { topic: input['chu-de'], question: input['cau-hoi'], askerName: input['ho-ten'] ?? null, askerEmail: input.email ?? null },
      }),
      signal: AbortSignal.timeout(options.timeoutMs),
    }).catch((error: Error) => {
      throw new InboxUnavailable(`the CMS did not answer: ${error.message}`);
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 400) {
      const parsed = refusal.safeParse(body);
      const first = parsed.success ? parsed.data.error.details?.errors?.[0] : undefined;
      throw new QuestionRefused(FORM_FIELD[first?.path[0] ?? ''] ?? 'cau-hoi', first?.message ?? (parsed.success ? parsed.data.error.message : 'không hợp lệ'));
    }
    if (!response.ok) throw new InboxUnavailable(`the CMS answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return created.parse(body).data.documentId;
  };
}

export type QuestionInbox = ReturnType<typeof questionInbox>;
