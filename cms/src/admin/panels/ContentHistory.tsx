import { useEffect, useState } from 'react';
import { Box, Button, Dialog, Flex, Grid, Modal, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { diffWords } from 'diff';
import { z } from 'zod';

const versionMeta = z.object({
  id: z.number(),
  version: z.number(),
  at: z.string(),
  actor: z.string(),
  path: z.string(),
  action: z.string(),
  status: z.enum(['draft', 'published']),
});
const listSchema = z.object({ data: z.array(versionMeta), meta: z.object({ total: z.number() }) });
const versionSchema = z.object({
  data: versionMeta.extend({
    data: z.record(z.unknown()),
    previous: z.object({ id: z.number(), version: z.number(), data: z.record(z.unknown()) }).nullable(),
  }),
});
type VersionMeta = z.infer<typeof versionMeta>;
type Version = z.infer<typeof versionSchema>['data'];

const ACTIONS: Record<string, string> = {
  create: 'Tạo mới',
  update: 'Lưu',
  publish: 'Xuất bản',
  unpublish: 'Gỡ xuất bản',
  discardDraft: 'Bỏ bản nháp',
  delete: 'Xoá',
  restore: 'Khôi phục',
};
const PATHS: Record<string, string> = {
  admin: 'trang quản trị',
  rest: 'REST API',
  seed: 'dữ liệu mẫu',
  script: 'script',
  scheduler: 'hẹn giờ',
  restore: 'khôi phục',
  system: 'hệ thống',
};

const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
const shown = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value, null, 2));
/** Survives the reload after a restore, so the editor reads what happened. */
const RESTORED_KEY = 'portal.history.restored';

/** Old and new text, word by word: removed words struck through on the left, added ones marked on the right. */
const WordDiff = ({ before, after }: { before: string; after: string }) => {
  const parts = diffWords(before, after);
  const side = (keep: 'removed' | 'added') =>
    parts.map((part, index) =>
      part[keep] ? (
        keep === 'removed' ? <del key={index} style={{ background: '#fde2e1' }}>{part.value}</del> : <ins key={index} style={{ background: '#d9f5e3' }}>{part.value}</ins>
      ) : part[keep === 'removed' ? 'added' : 'removed'] ? null : (
        <span key={index}>{part.value}</span>
      ),
    );
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={6} s={12} alignItems="start">
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }} data-testid="diff-chosen">{side('removed')}</Typography>
      </Grid.Item>
      <Grid.Item col={6} s={12} alignItems="start">
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }} data-testid="diff-other">{side('added')}</Typography>
      </Grid.Item>
    </Grid.Root>
  );
};

/** The chosen version beside another (the current one, or for the current one the one before), field by changed field. */
const VersionCompare = ({ chosen, other, otherLabel }: { chosen: Version; other: Record<string, unknown> | null; otherLabel: string }) => {
  const fields = [...new Set([...Object.keys(chosen.data), ...Object.keys(other ?? {})])].filter((field) => JSON.stringify(chosen.data[field] ?? null) !== JSON.stringify(other?.[field] ?? null));
  if (fields.length === 0) return <Typography>Không có trường nào khác với {otherLabel}.</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        <Grid.Item col={6}><Typography variant="sigma">Phiên bản {chosen.version}</Typography></Grid.Item>
        <Grid.Item col={6}><Typography variant="sigma">{otherLabel}</Typography></Grid.Item>
      </Grid.Root>
      {fields.map((field) => (
        <Box key={field} data-testid={`diff-field-${field}`}>
          <Typography variant="omega" fontWeight="bold">{field}</Typography>
          <WordDiff before={shown(chosen.data[field])} after={shown(other?.[field])} />
        </Box>
      ))}
    </Flex>
  );
};

/** One version opened: the comparison, and its restore into the draft after a confirmation. */
const VersionDialog = ({ chosen, newest, onClose }: { chosen: VersionMeta; newest: VersionMeta; onClose: () => void }) => {
  const { get, post } = useFetchClient();
  const [version, setVersion] = useState<Version | null>(null);
  const [current, setCurrent] = useState<Version | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([get(`/admin/content-history/versions/${chosen.id}`), get(`/admin/content-history/versions/${newest.id}`)])
      .then(([one, latest]) => {
        setVersion(versionSchema.parse(one.data).data);
        setCurrent(versionSchema.parse(latest.data).data);
      })
      .catch(() => setError('Không đọc được phiên bản này.'));
  }, [chosen.id, newest.id, get]);
  const restore = async () => {
    try {
      await post(`/admin/content-history/versions/${chosen.id}/restore`, {});
      sessionStorage.setItem(RESTORED_KEY, String(chosen.version));
      window.location.reload();
    } catch (failure) {
      const message = (failure as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      setError(`Không khôi phục được: ${message ?? 'lỗi không rõ'}. Bản nháp vẫn như cũ.`);
    }
  };
  const isNewest = chosen.id === newest.id;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            Phiên bản {chosen.version} · {when(chosen.at)}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {error && <Typography textColor="danger600" role="alert">{error}</Typography>}
          {version && current && (
            <VersionCompare
              chosen={version}
              other={isNewest ? (version.previous?.data ?? null) : current.data}
              otherLabel={isNewest ? (version.previous ? `phiên bản ${version.previous.version} (trước đó)` : 'trước khi tạo') : `hiện tại (phiên bản ${current.version})`}
            />
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Đóng</Button>
          </Modal.Close>
          <Dialog.Root>
            <Dialog.Trigger>
              <Button disabled={!version}>Khôi phục bản này</Button>
            </Dialog.Trigger>
            <Dialog.Content>
              <Dialog.Header>Khôi phục phiên bản {chosen.version}?</Dialog.Header>
              <Dialog.Body>
                Nội dung của phiên bản này sẽ thành bản nháp hiện tại. Bản nháp không được xuất bản: trang công khai vẫn như cũ cho đến khi bấm Xuất bản. Mọi phiên bản, kể cả các bản mới hơn, vẫn được giữ.
              </Dialog.Body>
              <Dialog.Footer>
                <Dialog.Cancel>
                  <Button variant="tertiary">Huỷ</Button>
                </Dialog.Cancel>
                <Dialog.Action>
                  <Button onClick={restore}>Khôi phục vào bản nháp</Button>
                </Dialog.Action>
              </Dialog.Footer>
            </Dialog.Content>
          </Dialog.Root>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The entry's versions, newest first, each with when, who, which way and what. */
const VersionList = ({ uid, documentId, savedAt }: { uid: string; documentId: string; savedAt: unknown }) => {
  const { get } = useFetchClient();
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<VersionMeta | null>(null);
  const [restored] = useState(() => {
    const value = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
    return value;
  });
  useEffect(() => {
    setPage(1);
    get(`/admin/content-history/entries/${uid}/${documentId}`)
      .then(({ data }) => {
        const list = listSchema.parse(data);
        setVersions(list.data);
        setTotal(list.meta.total);
      })
      .catch(() => setVersions([]));
    // Asked again after each save, which makes a version.
  }, [uid, documentId, savedAt, get]);
  const older = () =>
    get(`/admin/content-history/entries/${uid}/${documentId}?page=${page + 1}`).then(({ data }) => {
      const list = listSchema.parse(data);
      setVersions((shown) => [...(shown ?? []), ...list.data.filter((version) => !shown?.some((seen) => seen.id === version.id))]);
      setPage(page + 1);
    });
  if (versions === null) return <Typography>Đang tải…</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="content-history">
      {restored && (
        <Typography textColor="success600" role="status">
          Đã khôi phục phiên bản {restored} vào bản nháp. Bản nháp này chưa được xuất bản.
        </Typography>
      )}
      {versions.length === 0 && <Typography>Chưa có phiên bản nào.</Typography>}
      {versions.map((version) => (
        <Button key={version.id} variant="tertiary" fullWidth onClick={() => setChosen(version)} data-testid={`history-version-${version.version}`}>
          <Flex direction="column" alignItems="start">
            <Typography variant="omega" fontWeight="bold">
              {version.version}. {ACTIONS[version.action] ?? version.action} · {when(version.at)}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {version.actor} · {PATHS[version.path] ?? version.path}
            </Typography>
          </Flex>
        </Button>
      ))}
      {versions.length < total && (
        <Button variant="secondary" onClick={older}>
          Xem các phiên bản cũ hơn
        </Button>
      )}
      {chosen && versions[0] && <VersionDialog chosen={chosen} newest={versions[0]} onClose={() => setChosen(null)} />}
    </Flex>
  );
};

/** A side panel of every portal type's edit view (each api:: type is declared; the route refuses any other): "Lịch sử phiên bản". */
export const ContentHistory = ({ model, documentId, document }: { model: string; documentId?: string; document?: { documentId?: string; updatedAt?: unknown } | null }) => {
  const id = document?.documentId ?? documentId;
  return model.startsWith('api::') && id ? { title: 'Lịch sử phiên bản', content: <VersionList key={id} uid={model} documentId={id} savedAt={document?.updatedAt} /> } : null;
};
