import nodemailer, { type Transporter } from 'nodemailer';
import type { Core } from '@strapi/strapi';
import { mailSettings, type MailSettings } from './mail-settings';

export interface PlainMail {
  to: string[];
  subject: string;
  /** Plain text only: nothing from a citizen is ever read as HTML by a mail client. */
  text: string;
}

interface Mailer {
  settings: MailSettings;
  transport: Transporter;
}

/** One transport per Strapi (a test process boots several), made on first use. */
const mailers = new WeakMap<Core.Strapi, Mailer | null>();

function mailerOf(strapi: Core.Strapi): Mailer | null {
  if (mailers.has(strapi)) return mailers.get(strapi)!;
  const settings = mailSettings();
  if (!settings) strapi.log.info('Mail is off (no SMTP_HOST): editors and askers are not mailed about questions.');
  const mailer = settings
    ? { settings, transport: nodemailer.createTransport({ host: settings.host, port: settings.port, secure: settings.secure, auth: settings.auth }) }
    : null;
  mailers.set(strapi, mailer);
  return mailer;
}

/** Whether the CMS sends mail at all (SMTP_HOST set). */
export const mailEnabled = (strapi: Core.Strapi): boolean => mailerOf(strapi) !== null;

/** The editors' mailbox, or none when mail is off or no one is named. */
export const questionNotifyTo = (strapi: Core.Strapi): string[] => mailerOf(strapi)?.settings.questionNotifyTo ?? [];

/** A subject on one line, whatever the title held. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/** Sends a plain text mail; false when mail is off. A failure throws, for the caller to log. */
export async function sendPlainMail(strapi: Core.Strapi, mail: PlainMail): Promise<boolean> {
  const mailer = mailerOf(strapi);
  if (!mailer || mail.to.length === 0) return false;
  await mailer.transport.sendMail({ from: mailer.settings.from, to: mail.to, subject: oneLine(mail.subject), text: mail.text });
  return true;
}
