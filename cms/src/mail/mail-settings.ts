import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean))
  .pipe(z.array(z.string().email()));

const optional = z.string().optional().transform((value) => (value ? value : undefined));

/** SMTP from the environment (.env.example, "Mail"); no SMTP_HOST means the CMS sends no mail. */
const schema = z.object({
  SMTP_HOST: optional,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: z
    .enum(['true', 'false', ''])
    .default('')
    .transform((value) => value === 'true'),
  SMTP_USER: optional,
  SMTP_PASS: optional,
  MAIL_FROM: z.string().default('').pipe(z.union([z.literal(''), z.string().email(), z.string().regex(/^[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>$/)])),
  /** The editors' mailbox for new questions, comma-separated. */
  QUESTION_NOTIFY_TO: list,
});

export interface MailSettings {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
  questionNotifyTo: string[];
}

/** The settings, or null when mail is off; a malformed setting fails here, naming it. */
export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const parsed = schema.safeParse({ ...env, SMTP_PORT: env.SMTP_PORT || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Mail settings: ${issue.path.join('.')} ${issue.message}`);
  }
  const s = parsed.data;
  if (!s.SMTP_HOST) return null;
  return {
    host: s.SMTP_HOST,
    port: s.SMTP_PORT ?? (s.SMTP_SECURE ? 465 : 587),
    secure: s.SMTP_SECURE,
    ...(s.SMTP_USER ? { auth: { user: s.SMTP_USER, pass: s.SMTP_PASS ?? '' } } : {}),
    from: s.MAIL_FROM || `Cổng thông tin <no-reply@${s.SMTP_HOST}>`,
    questionNotifyTo: s.QUESTION_NOTIFY_TO,
  };
}
