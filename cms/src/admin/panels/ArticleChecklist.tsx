import { useEffect, useState } from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { z } from 'zod';
import { articleWarnings, linkWarnings, portalLinkPaths, type ArticleDraft } from '../content-warnings';

const statusesSchema = z.object({
  data: z.array(z.object({ path: z.string(), status: z.enum(['published', 'draft-only', 'missing', 'redirected', 'unknown']) })),
});

/** Quiet time after the last keystroke before the body's links are asked about. */
const LINK_CHECK_DEBOUNCE_MS = 600;

/** Asks the CMS, once the editor pauses, what each portal page the body links to is now. */
function useLinkWarnings(body: string | null | undefined): string[] {
  const { post } = useFetchClient();
  const [warnings, setWarnings] = useState<string[]>([]);
  const key = portalLinkPaths(body).join('\n');
  useEffect(() => {
    const paths = key ? key.split('\n') : [];
    if (paths.length === 0) {
      setWarnings([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      post('/admin/link-check/site-paths', { paths })
        .then(({ data }) => {
          const parsed = statusesSchema.safeParse(data);
          if (current) setWarnings(parsed.success ? linkWarnings(parsed.data.data) : []);
        })
        // A failed check says nothing rather than something wrong; the release's report still runs.
        .catch(() => current && setWarnings([]));
    }, LINK_CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, post]);
  return warnings;
}

/** Follows the form as the editor types, so a warning goes away the moment it is dealt with. */
const ArticleWarnings = () => {
  const values = useForm('ArticleWarnings', (state) => state.values) as ArticleDraft & { body?: string | null };
  const links = useLinkWarnings(values.body);
  const warnings = [...articleWarnings(values), ...links];
  if (warnings.length === 0) {
    return <Typography textColor="success600">Đã có ảnh bìa và tóm tắt.</Typography>;
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={2} role="status" data-testid="article-warnings">
      {warnings.map((warning) => (
        <Typography key={warning} textColor="warning700">
          ⚠ {warning}
        </Typography>
      ))}
    </Flex>
  );
};

/** A side panel of the article edit view: "Kiểm tra trước khi xuất bản". */
export const ArticleChecklist = ({ model }: { model: string }) =>
  model === 'api::article.article' ? { title: 'Kiểm tra trước khi xuất bản', content: <ArticleWarnings /> } : null;
