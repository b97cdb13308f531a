/** Hỏi đáp on the site: published questions, newest answer first, and the topics they fall under. */
import { getCollection } from 'astro:content';
import { QUESTION_TOPICS, type QuestionTopic } from './content-model';
import type { Question } from './schemas';

export { QUESTION_TOPICS, type QuestionTopic };

const byAnsweredDesc = (a: Question, b: Question) =>
  b.answeredAt.localeCompare(a.answeredAt) || b.submittedAt.getTime() - a.submittedAt.getTime() || a.slug.localeCompare(b.slug);

/** Every published question, the newest answer first. */
export async function questions(): Promise<Question[]> {
  return (await getCollection('questions')).map((entry) => entry.data).sort(byAnsweredDesc);
}

/** The topics that have answered questions, in the declaration's order, with theirs. */
export function questionTopics(all: readonly Question[]): Array<{ topic: QuestionTopic; label: string; questions: Question[] }> {
  return (Object.keys(QUESTION_TOPICS) as QuestionTopic[])
    .map((topic) => ({ topic, label: QUESTION_TOPICS[topic], questions: all.filter((q) => q.topic === topic) }))
    .filter((group) => group.questions.length > 0);
}
