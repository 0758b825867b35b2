import { Accordion, Alert, Button, Code, Group, Loader, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PREVIEW_ACTION_LABELS, PREVIEW_ACTION_WORDS, PREVIEW_ACTIONS, kindInfo, type PreviewTotal, type SyncPreview } from '../../contract';
import { call } from '../api-client';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2025-05-01' -> '1 May 2025', the same in every time zone. */
function day(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

const money = (cents: number) => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * "Preview next sync": what the next run would do (contract previewSync), per kind and action, the amounts
 * per account, tax rate and tracking option, the records to review, and a few payloads per kind (collapsed).
 */
export function SyncPreviewModal({ opened, onClose, onSyncNow }: { opened: boolean; onClose: () => void; onSyncNow: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Preview of the next sync"
      // The title is the dialog's heading (an h2): sized like a page section's title, no heading inside it.
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700 } }} size="min(1200px, 94vw)">
      {/* Mounted while open: each opening asks afresh. */}
      {opened && <PreviewLoader onClose={onClose} onSyncNow={onSyncNow} />}
    </Modal>
  );
}

function PreviewLoader({ onClose, onSyncNow }: { onClose: () => void; onSyncNow: () => void }) {
  const [preview, setPreview] = useState<SyncPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('previewSync').then(
      (p) => live && setPreview(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <>
      {error && (
        <Alert color="red" title="The preview could not be made">
          {error}
        </Alert>
      )}
      {!preview && !error && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Working out what the next sync would do, and reading what Xero already holds…</Text>
        </Group>
      )}
      {preview && <PreviewBody preview={preview} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        <Button onClick={onSyncNow} disabled={!preview}>
          Sync now
        </Button>
      </Group>
    </>
  );
}

function PreviewBody({ preview }: { preview: SyncPreview }) {
  const actions = PREVIEW_ACTIONS.filter((a) => preview.kinds.some((k) => k.counts[a] > 0));
  const kinds = preview.kinds.filter((k) => actions.some((a) => k.counts[a] > 0));
  const toReview = preview.records.filter((r) => r.action === 'needs_review' || r.action === 'fail');
  const samples = preview.kinds.filter((k) => k.samples.length > 0);
  return (
    <Stack gap="md">
      <Text>
        Nothing has been sent to Xero and nothing here has changed.{preview.organisation?.name ? ` Organisation: ${preview.organisation.name}.` : ''}{' '}
        Sync start date: {preview.startDate ? day(preview.startDate) : 'none (all history is sent)'}. Lock date in Xero:{' '}
        {preview.lockDate ? day(preview.lockDate) : 'none'}.
      </Text>
      {kinds.length === 0 ? (
        <Text c="dimmed">Nothing is waiting to go to Xero.</Text>
      ) : (
        <Table withTableBorder withColumnBorders aria-label="What the next sync would do, per kind">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Records</Table.Th>
              {actions.map((a) => (
                <Table.Th key={a} title={PREVIEW_ACTION_WORDS[a]} ta="right">
                  {PREVIEW_ACTION_LABELS[a]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kinds.map((k) => (
              <Table.Tr key={k.kind}>
                <Table.Td fw={600}>{k.label}</Table.Td>
                {actions.map((a) => (
                  <Table.Td key={a} ta="right" c={k.counts[a] ? undefined : 'dimmed'}>
                    {k.counts[a].toLocaleString('en-US')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {kinds.length > 0 && (
        <Text size="sm" c="dimmed">
          {actions.map((a) => `${PREVIEW_ACTION_LABELS[a]}: ${PREVIEW_ACTION_WORDS[a]}.`).join(' ')} Sending takes {preview.requests} request
          {preview.requests === 1 ? '' : 's'} to Xero.
        </Text>
      )}
      {(preview.totals.accounts.length > 0 || preview.totals.tracking.length > 0) && (
        <>
          <Title order={4}>Amounts that would be sent</Title>
          <SimpleGrid cols={3}>
            <Totals title="By account" label="Account" totals={preview.totals.accounts} />
            <Totals title="By tax rate" label="Tax rate" totals={preview.totals.taxRates} />
            <Totals title="By tracking option" label="Tracking option" totals={preview.totals.tracking} />
          </SimpleGrid>
        </>
      )}
      {toReview.length > 0 && (
        <>
          <Title order={4}>To look at</Title>
          <Table withTableBorder aria-label="Records to look at">
            <Table.Tbody>
              {toReview.slice(0, 50).map((r) => (
                <Table.Tr key={`${r.kind}-${r.recordId}`}>
                  <Table.Td>
                    {kindInfo(r.kind).noun} {r.reference ?? r.ref}
                  </Table.Td>
                  <Table.Td>{PREVIEW_ACTION_LABELS[r.action]}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {samples.length > 0 && (
        <>
          <Title order={4}>Sample of what Xero would receive</Title>
          <Accordion variant="contained" aria-label="Sample payloads">
            {samples.map((k) => (
              <Accordion.Item key={k.kind} value={k.kind}>
                <Accordion.Control>
                  {k.label}: {k.samples.length} of {(k.counts.create + k.counts.update + k.counts.delete).toLocaleString('en-US')}
                </Accordion.Control>
                <Accordion.Panel>
                  {k.samples.map((s) => (
                    <Stack key={`${s.op}-${s.ref}`} gap={2} mb="sm">
                      <Text size="sm" fw={600}>
                        {s.op} {s.ref}
                      </Text>
                      <ScrollArea.Autosize mah={240}>
                        <Code block>{JSON.stringify(s.payload, null, 2)}</Code>
                      </ScrollArea.Autosize>
                    </Stack>
                  ))}
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      )}
    </Stack>
  );
}

function Totals({ title, label, totals }: { title: string; label: string; totals: PreviewTotal[] }) {
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {totals.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Table withTableBorder fz="sm" aria-label={`Amounts ${title.toLowerCase()}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{label}</Table.Th>
              <Table.Th>Of</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {totals.map((t) => (
              <Table.Tr key={`${t.kind}-${t.key}`}>
                <Table.Td>{t.key}</Table.Td>
                <Table.Td>{kindInfo(t.kind).label.toLowerCase()}</Table.Td>
                <Table.Td ta="right">{money(t.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
