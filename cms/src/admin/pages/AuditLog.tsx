import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: string;
  clientAddress: string | null;
}

interface Filters {
  user: string;
  action: string;
  type: string;
  since: string;
  until: string;
}

const FILTERS: Array<[keyof Filters, string, string]> = [
  ['user', 'Người thực hiện', 'text'],
  ['action', 'Hành động (vd. entry.publish)', 'text'],
  ['type', 'Loại nội dung (vd. api::article.article)', 'text'],
  ['since', 'Từ ngày', 'date'],
  ['until', 'Đến ngày', 'date'],
];

const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Nhật ký hoạt động: the audit log, newest first, for super admins (the server refuses everyone else). */
const AuditLog = () => {
  const { get } = useFetchClient();
  const [filters, setFilters] = useState<Filters>({ user: '', action: '', type: '', since: '', until: '' });
  const [page, setPage] = useState(1);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = async (wanted: number) => {
    const params = Object.fromEntries(Object.entries({ ...filters, page: String(wanted) }).filter(([, value]) => value !== ''));
    try {
      const { data } = await get<{ data: Entry[]; meta: { total: number } }>('/admin/audit-log', { params });
      setEntries(data.data);
      setTotal(data.meta.total);
      setPage(wanted);
      setError(null);
    } catch (caught) {
      setError((caught as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'Không tải được nhật ký.');
    }
  };
  useEffect(() => {
    void load(1);
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(1);
  };

  return (
    <Box padding={8}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="alpha" tag="h1">
          Nhật ký hoạt động
        </Typography>
        <Typography>Mỗi mục nối với mục trước bằng mã băm; không ai sửa hay xoá được mục nào mà không bị phát hiện (npm run audit -- --verify).</Typography>
        <form onSubmit={submit}>
          <Flex gap={2} wrap="wrap" alignItems="flex-end">
            {FILTERS.map(([name, label, type]) => (
              <Field.Root key={name} name={name}>
                <Field.Label>{label}</Field.Label>
                <TextInput type={type} value={filters[name]} onChange={(event: { target: { value: string } }) => setFilters({ ...filters, [name]: event.target.value })} />
              </Field.Root>
            ))}
            <Button type="submit">Lọc</Button>
          </Flex>
        </form>
        {error ? <Alert variant="danger" title="Lỗi" closeLabel="Đóng" onClose={() => setError(null)}>{error}</Alert> : null}
        <Table colCount={5} rowCount={entries.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Thời gian</Typography></Th>
              <Th><Typography variant="sigma">Người thực hiện</Typography></Th>
              <Th><Typography variant="sigma">Hành động</Typography></Th>
              <Th><Typography variant="sigma">Đối tượng</Typography></Th>
              <Th><Typography variant="sigma">Chi tiết</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((entry) => (
              <Tr key={entry.id}>
                <Td><Typography>{when(entry.at)}</Typography></Td>
                <Td><Typography>{entry.actor}{entry.clientAddress ? ` (${entry.clientAddress})` : ''}</Typography></Td>
                <Td><Typography>{entry.action}</Typography></Td>
                <Td><Typography>{[entry.subjectType, entry.subjectId].filter(Boolean).join(' ')}</Typography></Td>
                <Td><Typography>{entry.detail}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <Flex gap={2}>
          <Button variant="secondary" disabled={page <= 1} onClick={() => void load(page - 1)}>Mới hơn</Button>
          <Typography>Trang {page} · {total} mục</Typography>
          <Button variant="secondary" disabled={page * 50 >= total} onClick={() => void load(page + 1)}>Cũ hơn</Button>
        </Flex>
      </Flex>
    </Box>
  );
};

export default AuditLog;
