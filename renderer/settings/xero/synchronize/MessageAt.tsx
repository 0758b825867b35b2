import { Alert } from '@mantine/core';
import { createContext, useContext } from 'react';

/** A success or problem message of the Synchronize tab, and the place it is about (`at`). */
export interface TabMessage {
  at: string;
  text: string;
  ok: boolean;
}

/** Where messages go: the toolbar (Suggest, Refresh), the save bar, a row's Create in Xero. */
export const MESSAGE_AT = {
  toolbar: 'toolbar',
  save: 'save',
  option: (categoryId: string, value: string) => `option:${categoryId}:${value}`,
  options: (categoryId: string) => `options:${categoryId}`,
  item: (chargeType: string) => `item:${chargeType}`,
} as const;

export const TabMessageContext = createContext<TabMessage | null>(null);

/** Shows the tab's current message here when it is about this place (next to what it is about, not at the top). */
export function MessageAt({ at }: { at: string }) {
  const message = useContext(TabMessageContext);
  if (!message || message.at !== at) return null;
  return (
    <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} p="xs" data-message-at={at}>
      {message.text}
    </Alert>
  );
}
