import { useEffect, useState } from 'react';
import { Alert, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { z } from 'zod';
import { RATING_REASONS } from '../../engagement/engagement-tables';

const page = z.object({ pageKey: z.string(), documentId: z.string(), uid: z.string(), title: z.string().nullable(), typeLabel: z.string() });
const ratingsSchema = z.object({
  data: z.array(page.extend({ useful: z.number(), notUseful: z.number(), reasons: z.record(z.number()), comments: z.number() })),
  meta: z.object({ month: z.string(), months: z.array(z.string()) }),
});
const STATUSES = ['new', 'read', 'hidden'] as const;
type Status = (typeof STATUSES)[number];
const commentsSchema = z.object({
  data: z.array(
    page.extend({
      id: z.number(),
      month: z.string(),
      comment: z.string(),
      status: z.enum(STATUSES),
      createdAt: z.string(),
      moderatedAt: z.string().nullable(),
      moderatedBy: z.string().nullable(),
      useful: z.boolean().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  meta: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), counts: z.record(z.number()) }),
});
const viewed = z.array(page.extend({ views: z.number() }));
const viewedSchema = z.object({ data: z.object({ since: z.string(), week: viewed, allTime: viewed }) });

type Page = z.infer<typeof page>;
type Comment = z.infer<typeof commentsSchema>['data'][number];

const STATUS_LABELS: Record<Status, string> = { new: 'Mới', read: 'Đã đọc', hidden: 'Đã ẩn' };
const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
const number = (value: number) => value.toLocaleString('vi-VN');
const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
const reasonLabel = (reason: string) => (RATING_REASONS as Record<string, string>)[reason] ?? reason;
const errorOf = (caught: unknown, fallback: string) =>
  (caught as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? fallback;

/** A page as the editor knows it: its entry's title, linked to the entry in the content manager. */
const PageName = ({ page: shown }: { page: Page }) => (
  <Flex direction="column" alignItems="flex-start">
    <a href={`/admin/content-manager/collection-types/${shown.uid}/${shown.documentId}`}>
      <Typography>{shown.title ?? '(mục đã xoá)'}</Typography>
    </a>
    <Typography variant="pi" textColor="neutral600">{shown.typeLabel}</Typography>
  </Flex>
);

const Ratings = () => {
  const { get } = useFetchClient();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState<z.infer<typeof ratingsSchema> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get('/admin/engagement/ratings', { params: month ? { month } : {} })
      .then(({ data }) => {
        setAnswer(ratingsSchema.parse(data));
        setError(null);
      })
      .catch((caught: unknown) => setError(errorOf(caught, 'Không tải được kết quả đánh giá.')));
  }, [month]);
  const months = answer ? [...new Set([answer.meta.month, ...answer.meta.months])] : [];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {error ? <Alert variant="danger" title="Lỗi" closeLabel="Đóng" onClose={() => setError(null)}>{error}</Alert> : null}
      <Flex gap={2} alignItems="center">
        <Typography tag="label" id="engagement-month">Tháng</Typography>
        <SingleSelect aria-label="Tháng" value={answer?.meta.month ?? ''} onChange={(value) => setMonth(String(value))}>
          {months.map((value) => (
            <SingleSelectOption key={value} value={value}>{value.split('-').reverse().join('/')}</SingleSelectOption>
          ))}
        </SingleSelect>
      </Flex>
      {answer && answer.data.length === 0 ? <Typography>Chưa có đánh giá nào trong tháng này.</Typography> : null}
      {answer && answer.data.length > 0 ? (
        <Table colCount={6} rowCount={answer.data.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Trang</Typography></Th>
              <Th><Typography variant="sigma">Hữu ích</Typography></Th>
              <Th><Typography variant="sigma">Không hữu ích</Typography></Th>
              <Th><Typography variant="sigma">Tỷ lệ hữu ích</Typography></Th>
              <Th><Typography variant="sigma">Lý do</Typography></Th>
              <Th><Typography variant="sigma">Góp ý</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {answer.data.map((row) => (
              <Tr key={row.pageKey}>
                <Td><PageName page={row} /></Td>
                <Td><Typography>{number(row.useful)}</Typography></Td>
                <Td><Typography>{number(row.notUseful)}</Typography></Td>
                <Td><Typography>{percent(row.useful, row.useful + row.notUseful)}</Typography></Td>
                <Td>
                  <Typography>
                    {Object.entries(row.reasons)
                      .sort(([, a], [, b]) => b - a)
                      .map(([reason, count]) => `${reasonLabel(reason)}: ${count}`)
                      .join(' · ') || '—'}
                  </Typography>
                </Td>
                <Td><Typography>{number(row.comments)}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </Flex>
  );
};

const Comments = () => {
  const { get, put } = useFetchClient();
  const [status, setStatus] = useState<Status>('new');
  const [pageNumber, setPageNumber] = useState(1);
  const [answer, setAnswer] = useState<z.infer<typeof commentsSchema> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (wanted: Status, number: number) => {
    try {
      const { data } = await get('/admin/engagement/comments', { params: { status: wanted, page: String(number) } });
      setAnswer(commentsSchema.parse(data));
      setStatus(wanted);
      setPageNumber(number);
      setError(null);
    } catch (caught) {
      setError(errorOf(caught, 'Không tải được góp ý.'));
    }
  };
  useEffect(() => {
    void load('new', 1);
  }, []);
  const moderate = async (comment: Comment, to: Status) => {
    try {
      await put(`/admin/engagement/comments/${comment.id}`, { status: to });
      await load(status, pageNumber);
    } catch (caught) {
      setError(errorOf(caught, 'Không lưu được.'));
    }
  };
  const total = answer?.meta.total ?? 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography>Góp ý của người đọc kèm đánh giá. Không bao giờ hiện trên trang công khai; chỉ Biên tập và quản trị viên đọc được.</Typography>
      {error ? <Alert variant="danger" title="Lỗi" closeLabel="Đóng" onClose={() => setError(null)}>{error}</Alert> : null}
      <Flex gap={2}>
        {STATUSES.map((value) => (
          <Button key={value} variant={value === status ? 'default' : 'tertiary'} onClick={() => void load(value, 1)}>
            {STATUS_LABELS[value]} ({answer?.meta.counts[value] ?? 0})
          </Button>
        ))}
      </Flex>
      {answer && answer.data.length === 0 ? <Typography>Không có góp ý nào ở mục này.</Typography> : null}
      {answer && answer.data.length > 0 ? (
        <Table colCount={5} rowCount={answer.data.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Thời gian</Typography></Th>
              <Th><Typography variant="sigma">Trang</Typography></Th>
              <Th><Typography variant="sigma">Đánh giá</Typography></Th>
              <Th><Typography variant="sigma">Góp ý</Typography></Th>
              <Th><Typography variant="sigma">Xử lý</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {answer.data.map((comment) => (
              <Tr key={comment.id}>
                <Td><Typography>{when(comment.createdAt)}</Typography></Td>
                <Td><PageName page={comment} /></Td>
                <Td>
                  <Typography>
                    {comment.useful === null ? '—' : comment.useful ? 'Hữu ích' : 'Không hữu ích'}
                    {comment.reason ? ` · ${reasonLabel(comment.reason)}` : ''}
                  </Typography>
                </Td>
                {/* Text, never HTML: what a citizen typed is shown as typed. */}
                <Td style={{ whiteSpace: 'normal', maxWidth: '32rem' }}><Typography>{comment.comment}</Typography></Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Flex gap={1}>
                      {comment.status !== 'read' ? <Button size="S" variant="secondary" onClick={() => void moderate(comment, 'read')}>Đánh dấu đã đọc</Button> : null}
                      {comment.status !== 'hidden' ? <Button size="S" variant="danger-light" onClick={() => void moderate(comment, 'hidden')}>Ẩn</Button> : null}
                      {comment.status !== 'new' ? <Button size="S" variant="tertiary" onClick={() => void moderate(comment, 'new')}>Đưa về mới</Button> : null}
                    </Flex>
                    {comment.moderatedAt ? <Typography variant="pi" textColor="neutral600">{comment.moderatedBy} · {when(comment.moderatedAt)}</Typography> : null}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      <Flex gap={2}>
        <Button variant="secondary" disabled={pageNumber <= 1} onClick={() => void load(status, pageNumber - 1)}>Mới hơn</Button>
        <Typography>Trang {pageNumber} · {total} góp ý</Typography>
        <Button variant="secondary" disabled={pageNumber * (answer?.meta.pageSize ?? 50) >= total} onClick={() => void load(status, pageNumber + 1)}>Cũ hơn</Button>
      </Flex>
    </Flex>
  );
};

const ViewedTable = ({ rows, caption }: { rows: z.infer<typeof viewed>; caption: string }) => (
  <Box>
    <Typography variant="delta" tag="h2">{caption}</Typography>
    {rows.length === 0 ? <Typography>Chưa có lượt xem.</Typography> : (
      <Table colCount={2} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">Trang</Typography></Th>
            <Th><Typography variant="sigma">Lượt xem</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => (
            <Tr key={row.pageKey}>
              <Td><PageName page={row} /></Td>
              <Td><Typography>{number(row.views)}</Typography></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    )}
  </Box>
);

const MostViewed = () => {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<z.infer<typeof viewedSchema>['data'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get('/admin/engagement/most-viewed')
      .then(({ data }) => setAnswer(viewedSchema.parse(data).data))
      .catch((caught: unknown) => setError(errorOf(caught, 'Không tải được lượt xem.')));
  }, []);
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {error ? <Alert variant="danger" title="Lỗi" closeLabel="Đóng" onClose={() => setError(null)}>{error}</Alert> : null}
      {answer ? <ViewedTable caption={`Tuần này (từ ${answer.since.split('-').reverse().join('/')})`} rows={answer.week} /> : null}
      {answer ? <ViewedTable caption="Từ trước đến nay" rows={answer.allTime} /> : null}
    </Flex>
  );
};

/** Tương tác: the public's ratings, their comments (moderated, never public) and the most viewed pages. */
const Engagement = () => (
  <Box padding={8}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="alpha" tag="h1">Tương tác</Typography>
      <Typography>Đánh giá “Thông tin này có hữu ích với bạn không?”, góp ý kèm theo và lượt xem. Không lưu thông tin cá nhân của người đọc.</Typography>
      <Tabs.Root defaultValue="ratings">
        <Tabs.List aria-label="Tương tác">
          <Tabs.Trigger value="ratings">Đánh giá</Tabs.Trigger>
          <Tabs.Trigger value="comments">Góp ý</Tabs.Trigger>
          <Tabs.Trigger value="views">Xem nhiều</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="ratings"><Box paddingTop={4}><Ratings /></Box></Tabs.Content>
        <Tabs.Content value="comments"><Box paddingTop={4}><Comments /></Box></Tabs.Content>
        <Tabs.Content value="views"><Box paddingTop={4}><MostViewed /></Box></Tabs.Content>
      </Tabs.Root>
    </Flex>
  </Box>
);

export default Engagement;
