import { Select, SimpleGrid, Title } from '@mantine/core';
import type { Mapping, MappingView, PaymentMethod, ReferenceData } from '../../../../contract';
import { paymentAccounts, withChosen } from './account-choices';
import { fieldMessages, issuesFor } from './use-synchronize';

/** Each payment method to a Xero account that can take payments (a bank account). */
export function PaidToAccountSection({ view, draft, reference, onChange }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; onChange: (m: Mapping) => void;
}) {
  const accounts = paymentAccounts(reference);
  return (
    <section aria-labelledby="paid-to-account">
      <Title order={3} id="paid-to-account">Paid to Account</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {view.facility.paymentMethods.map(({ value, label }) => {
          const method = value as PaymentMethod;
          const chosen = draft.paymentAccounts[method] ?? null;
          // Keep an account chosen earlier visible even if it no longer qualifies, so its problem shows.
          const data = withChosen(accounts, chosen, (id) => {
            const old = reference?.accounts.find((a) => a.accountId === id);
            return old ? `${old.code ?? ''} ${old.name}`.trim() : 'Account no longer in Xero';
          });
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
