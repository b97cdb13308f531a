import { Flex, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import { articleWarnings, type ArticleDraft } from '../content-warnings';

/** Follows the form as the editor types, so a warning goes away the moment it is dealt with. */
const ArticleWarnings = () => {
  const values = useForm('ArticleWarnings', (state) => state.values) as ArticleDraft;
  const warnings = articleWarnings(values);
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
