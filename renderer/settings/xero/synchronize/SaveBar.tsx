import { Button, Group, Paper, Text } from '@mantine/core';
import { useEffect } from 'react';
import { MESSAGE_AT, MessageAt } from './MessageAt';
import { PROBLEM_ATTRIBUTE } from './use-synchronize';

/** Scrolls to the first field (or message) with a mapping problem, in page order, and puts the focus there. */
export function goToFirstProblem(): void {
  const first = document.querySelector<HTMLElement>(`[${PROBLEM_ATTRIBUTE}]`);
  if (!first) return;
  first.scrollIntoView({ block: 'center' });
  first.focus({ preventScroll: true });
}

/**
 * The Synchronize tab's save bar, sticky at the bottom of the window: the number of mapping
 * problems (clicked, it goes to the first), whether there are unsaved changes, Save, and Save's message.
 */
export function SaveBar({ problems, dirty, busy, saving, onSave }: {
  problems: number; dirty: boolean; busy: boolean; saving: boolean; onSave: () => void;
}) {
  // Keyboard focus and scrolling stop short of the bar instead of leaving a field behind it.
  useEffect(() => {
    const root = document.documentElement;
    root.style.scrollPaddingBottom = '96px';
    return () => {
      root.style.scrollPaddingBottom = '';
    };
  }, []);
  return (
    <Paper role="region" aria-label="Save the mapping" withBorder shadow="md" p="sm"
      style={{ position: 'sticky', bottom: 0, zIndex: 10 }}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          {problems > 0 ? (
            <Button variant="light" color="red" size="xs" onClick={goToFirstProblem}>
              {problems} mapping problem{problems === 1 ? '' : 's'}
            </Button>
          ) : (
            <Text size="sm" c="teal">No mapping problems.</Text>
          )}
          <Text size="sm" c={dirty ? 'orange' : 'dimmed'}>
            {problems > 0 ? 'The records they affect wait until fixed. ' : ''}
            {dirty ? 'Unsaved changes: click Save to use them for syncing.' : 'Everything shown is saved.'}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <MessageAt at={MESSAGE_AT.save} />
          <Button onClick={onSave} loading={saving} disabled={busy}>Save</Button>
        </Group>
      </Group>
    </Paper>
  );
}
