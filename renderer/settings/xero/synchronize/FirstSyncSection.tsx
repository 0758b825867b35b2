import { Alert, Button, Group, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import type { LockDates, SyncSettings } from '../../../../contract';
import { dayAfter, displayDay, displayReadAt } from './first-sync-words';
import { useFirstSync } from './use-first-sync';

/**
 * First sync (issue 15): the sync start date (proposed from the financial year until confirmed;
 * Confirm, Change with a date picker, Send all history), the lock dates Xero holds as the last run read
 * them, and what happens to records in a locked period. Read from the local database, so it shows
 * offline; a change applies at once and starts a run (docs/sync-engine.md, Sync start date, Lock dates).
 */
export function FirstSyncSection() {
  const { state, confirm, setStartDate, setLockedPeriod } = useFirstSync();
  const { settings, busy } = state;
  return (
    <section aria-labelledby="first-sync">
      <Title order={3} id="first-sync">First sync</Title>
      <Text size="sm" c="dimmed" mt={4}>
        History before this date is already in Xero or comes in as opening balances.
      </Text>
      <Stack gap="md" mt="sm">
        {state.error && <Alert color="red" role="alert">{state.error}</Alert>}
        {state.notice && <Alert color="green" role="status">{state.notice}</Alert>}
        {!settings ? null : !settings.organisation ? (
          <Text size="sm">These settings belong to a Xero organisation: connect to Xero first (Authenticate tab).</Text>
        ) : (
          <>
            <StartDate settings={settings} busy={busy} onConfirm={confirm} onChange={setStartDate} />
            <LockedPeriod settings={settings} busy={busy} onChange={setLockedPeriod} />
          </>
        )}
      </Stack>
    </section>
  );
}

function StartDate({ settings, busy, onConfirm, onChange }: {
  settings: SyncSettings; busy: boolean; onConfirm: (date: string) => void; onChange: (date: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  // Sending all history cannot be taken back once it reached Xero: asked once more, in words.
  const [askingAll, setAskingAll] = useState(false);
  const { date, confirmed } = settings.startDate;
  const open = () => {
    setPicked(date);
    setEditing(true);
  };
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">Sync start date</Text>
      {date === null ? (
        <Text size="sm">None: all history is sent to Xero.</Text>
      ) : confirmed ? (
        <Text size="sm">{displayDay(date)}: records dated before it are not sent.</Text>
      ) : (
        <Text size="sm">
          Proposed: first day of your financial year, {displayDay(date)}. It applies until you confirm or change it:
          records dated before it are not sent.
        </Text>
      )}
      {editing ? (
        <Group align="flex-end">
          <DatePickerInput
            label="New sync start date"
            placeholder="Pick a date"
            w={220}
            value={picked}
            onChange={setPicked}
            valueFormat="D MMM YYYY"
            popoverProps={{ withinPortal: true }}
          />
          <Button disabled={!picked || busy} loading={busy} onClick={() => picked && (onChange(picked), setEditing(false))}>Use this date</Button>
          <Button variant="default" disabled={busy} onClick={() => setEditing(false)}>Cancel</Button>
        </Group>
      ) : (
        <Group>
          {date !== null && !confirmed && <Button disabled={busy} onClick={() => onConfirm(date)}>Confirm</Button>}
          <Button variant="default" disabled={busy} onClick={open}>Change</Button>
          {date !== null && <Button variant="default" disabled={busy} onClick={() => setAskingAll(true)}>Send all history</Button>}
        </Group>
      )}
      <Modal opened={askingAll && date !== null} onClose={() => setAskingAll(false)} title="Send all history?" centered>
        <Stack gap="sm">
          <Text size="sm">
            Every record is sent, whatever its date: those dated before {date ? displayDay(date) : 'the start date'} go to Xero too.
          </Text>
          <Text size="sm">
            If that history is already in Xero, entered by hand or as opening balances, it would be there twice. Records dated in
            a period your accountant has closed {settings.lockedPeriod === 'hold' ? 'are held until the lock date moves' : 'are posted on the first open date'}.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAskingAll(false)}>Keep the start date</Button>
            <Button color="red" disabled={busy} onClick={() => (onChange(null), setAskingAll(false))}>Send all history</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function lockDatesWords(lock: LockDates | null): string {
  if (!lock) return 'Not read yet: Facility Sync reads them from Xero at the start of each sync.';
  const read = `Read from Xero at the last sync, ${displayReadAt(lock.readAt)}.`;
  if (!lock.lockDate) return `Xero has no lock date for this organisation. ${read}`;
  const both = [
    lock.periodLockDate ? `period lock date ${displayDay(lock.periodLockDate)}` : null,
    lock.endOfYearLockDate ? `end of year lock date ${displayDay(lock.endOfYearLockDate)}` : null,
  ].filter(Boolean).join(', ');
  return `Locked up to ${displayDay(lock.lockDate)} (${both}). ${read}`;
}

function LockedPeriod({ settings, busy, onChange }: {
  settings: SyncSettings; busy: boolean; onChange: (p: SyncSettings['lockedPeriod']) => void;
}) {
  const lock = settings.lockDates;
  const firstOpen = lock?.lockDate ? displayDay(dayAfter(lock.lockDate)) : 'the day after the lock date';
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">Lock dates in Xero</Text>
      <Text size="sm">{lockDatesWords(lock)}</Text>
      <Radio.Group
        label="Records dated in a locked period"
        value={settings.lockedPeriod}
        onChange={(v) => onChange(v as SyncSettings['lockedPeriod'])}
      >
        <Stack gap="xs" mt={6}>
          <Radio
            value="hold"
            disabled={busy}
            label="Hold records in a locked period (recommended)"
            description="They wait here until your accountant moves the lock date; the periods your accountant has closed stay exactly as reported."
          />
          <Radio
            value="post_on_first_open_date"
            disabled={busy}
            label="Post them on the first open date with their own date in the reference"
            description={`They go to Xero dated ${firstOpen}, in the open period; your accountant sees the original date in the invoice or credit note reference (a payment keeps its reference and shows the new date).`}
          />
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
