/** A question and its answer as schema.org's QAPage: one question, one accepted answer by the unit. */
import type { Question } from './schemas';
import { dayInVietnam } from './document-format';
import { isoVietnam } from './format';

export function qaPageLd(q: Question, url: string, unit: string, answerText: string) {
  return {
    '@type': 'QAPage',
    url,
    mainEntity: {
      '@type': 'Question',
      name: q.title,
      text: q.question,
      answerCount: 1,
      dateCreated: isoVietnam(q.submittedAt),
      ...(q.askerName ? { author: { '@type': 'Person', name: q.askerName } } : {}),
      acceptedAnswer: {
        '@type': 'Answer',
        text: answerText,
        url,
        dateCreated: dayInVietnam(q.answeredAt),
        author: { '@type': 'GovernmentOrganization', name: q.answeringUnit ?? unit },
      },
    },
  };
}
