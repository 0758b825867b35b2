import { Select, SimpleGrid, Title } from '@mantine/core';
import type { Mapping, MappingView, PaymentMethod, ReferenceData } from '../../../../contract';
import { fieldMessages, issuesFor } from './use-synchronize';

/** Each payment method to a Xero account that can take payments (a bank account). */
export function PaidToAccountSection({ view, draft, reference, onChange }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; onChange: (m: Mapping) => void;
}) {
  const accounts = (reference?.accounts ?? []).filter((a) => a.status === 'ACTIVE' && (a.type === 'BANK' || a.enablePayments));
  return (
    <section aria-labelledby="paid-to-account">
      <Title order={3} id="paid-to-account">Paid to Account</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {view.facility.paymentMethods.map(({ value, label }) => {
          const method = value as PaymentMethod;
          const chosen = draft.paymentAccounts[method] ?? null;
          // Keep an account chosen earlier visible even if it no longer qualifies, so its problem shows.
          const data = accounts.map((a) => ({ value: a.accountId, label: a.code ? `${a.code} ${a.name}` : a.name }));
          if (chosen && !data.some((d) => d.value === chosen)) {
            const old = reference?.accounts.find((a) => a.accountId === chosen);
            data.push({ value: chosen, label: old ? `${old.code ?? ''} ${old.name}`.trim() : 'Account no longer in Xero' });
          }
          return (
            <Select
              key={value}
              label={label}
              placeholder="Choose a bank account"
              data={data}
              value={chosen}
              searchable
              clearable
              onChange={(v) => onChange({ ...draft, paymentAccounts: { ...draft.paymentAccounts, [method]: v ?? undefined } })}
              {...fieldMessages(issuesFor(view.issues, 'payments', value))}
            />
          );
        })}
      </SimpleGrid>
    </section>
  );
}
