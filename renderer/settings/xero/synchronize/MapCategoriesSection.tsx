import { Button, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Mapping, MappingView, ReferenceData, ReferenceTrackingCategory, TrackingMapping, TrackingSource } from '../../../../contract';
import { MESSAGE_AT, MessageAt } from './MessageAt';
import { fieldMessages, issuesFor, problemMark } from './use-synchronize';

const SOURCES: { value: TrackingSource; label: string }[] = [
  { value: 'location', label: 'Location' },
  { value: 'building', label: 'Building' },
  { value: 'unit_type', label: 'Unit type' },
];

/** Up to two facility fields, each to a Xero tracking category, and each value to an option. */
export function MapCategoriesSection({ view, draft, reference, busy, onChange, onCreateOption, onCreateOptions }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; busy: boolean;
  onChange: (m: Mapping) => void;
  onCreateOption: (categoryId: string, value: string, name: string) => void;
  onCreateOptions: (categoryId: string, names: string[]) => void;
}) {
  const categories = (reference?.trackingCategories ?? []).filter((c) => c.status === 'ACTIVE');
  const slots = [0, 1];
  const setSlot = (i: number, t: TrackingMapping | null) => {
    const next = [...draft.tracking];
    if (t) next[i] = t;
    else next.splice(i, 1);
    onChange({ ...draft, tracking: next.filter(Boolean) });
  };
  const general = issuesFor(view.issues, 'categories', '');

  return (
    <section aria-labelledby="map-categories">
      <Title order={3} id="map-categories">Map categories</Title>
      {general.map((i) => (
        <Text key={i.message} size="sm" c={i.severity === 'error' ? 'red' : 'orange'} tabIndex={-1} {...problemMark(true)}>{i.message}</Text>
      ))}
      <Stack mt="xs" gap="lg">
        {slots.map((i) => {
          const t = draft.tracking[i];
          if (!t && i > draft.tracking.length) return null;
          const n = i + 1;
          const category = t && findCategory(categories, t);
          return (
            <Stack key={i} gap="xs">
              <Group grow align="flex-start">
                <Select
                  label={`Facility field ${n}`}
                  placeholder="Not tracked"
                  data={SOURCES.filter((s) => s.value === t?.source || !draft.tracking.some((x) => x.source === s.value))}
                  value={t?.source ?? null}
                  clearable
                  onChange={(v) => setSlot(i, v ? { source: v as TrackingSource, categoryId: t?.categoryId ?? null, categoryName: t?.categoryName ?? '', options: {} } : null)}
                />
                <Select
                  label={`Tracking category ${n}`}
                  placeholder="Choose a Xero tracking category"
                  disabled={!t}
                  data={categories.map((c) => ({ value: c.categoryId, label: c.name }))}
                  value={category?.categoryId ?? null}
                  onChange={(v) => {
                    const c = categories.find((x) => x.categoryId === v);
                    if (t && c) setSlot(i, { ...t, categoryId: c.categoryId, categoryName: c.name, options: {} });
                  }}
                  {...fieldMessages(t ? issuesFor(view.issues, 'categories', t.source) : [])}
                />
              </Group>
              {t && t.categoryName && (
                <OptionRows t={t} category={category} view={view} busy={busy}
                  onChange={(options) => setSlot(i, { ...t, options })} onCreateOption={onCreateOption} onCreateOptions={onCreateOptions} />
              )}
            </Stack>
          );
        })}
      </Stack>
    </section>
  );
}

function OptionRows({ t, category, view, busy, onChange, onCreateOption, onCreateOptions }: {
  t: TrackingMapping; category: ReferenceTrackingCategory | undefined; view: MappingView; busy: boolean;
  onChange: (options: Record<string, string>) => void;
  onCreateOption: (categoryId: string, value: string, name: string) => void;
  onCreateOptions: (categoryId: string, names: string[]) => void;
}) {
  const values = t.source === 'location' ? view.facility.locations : t.source === 'building' ? view.facility.buildings : view.facility.unitTypes;
  const options = (category?.options ?? []).filter((o) => o.status === 'ACTIVE').map((o) => ({ value: o.name, label: o.name }));
  const has = (name: string) => options.some((o) => o.value.toLowerCase() === name.toLowerCase());
  // Every facility value whose option is not in Xero yet: "Create all missing" adds them in one go.
  const missing = values.map(({ value, label }) => ({ value, name: t.options[value] ?? shortName(label) })).filter((x) => !has(x.name));
  const missingNames = [...new Set(missing.map((x) => x.name))];
  return (
    <Stack gap="xs">
    {category && missingNames.length > 1 && (
      <Group gap="xs">
        <Button size="xs" variant="light" disabled={busy} onClick={() => {
          onCreateOptions(category.categoryId, missingNames);
          onChange({ ...t.options, ...Object.fromEntries(missing.map((x) => [x.value, x.name])) });
        }}>
          Create all missing ({missingNames.length})
        </Button>
        <Text size="sm" c="dimmed">Adds {missingNames.join(', ')} to {category.name} in Xero.</Text>
      </Group>
    )}
    {category && <MessageAt at={MESSAGE_AT.options(category.categoryId)} />}
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {values.map(({ value, label }) => {
        const chosen = t.options[value] ?? null;
        const data = chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label: `${chosen} (not in Xero)` }] : options;
        const wanted = chosen ?? shortName(label);
        const exists = options.some((o) => o.value.toLowerCase() === wanted.toLowerCase());
        return (
          <Stack key={value} gap={4}>
            <Select label={label} placeholder={`Choose a ${t.categoryName} option`} data={data} value={chosen} searchable clearable
              onChange={(v) => {
                const next = { ...t.options };
                if (v) next[value] = v;
                else delete next[value];
                onChange(next);
              }}
              {...fieldMessages(issuesFor(view.issues, 'categories', `${t.source}:${value}`))}
            />
            {category && !exists && (
              <Group gap="xs">
                <Button size="xs" variant="light" disabled={busy} onClick={() => {
                  onCreateOption(category.categoryId, value, wanted);
                  onChange({ ...t.options, [value]: wanted });
                }}>
                  Create in Xero
                </Button>
                <Text size="sm" c="dimmed">Adds the option "{wanted}" to {category.name}.</Text>
              </Group>
            )}
            {category && <MessageAt at={MESSAGE_AT.option(category.categoryId, value)} />}
          </Stack>
        );
      })}
    </SimpleGrid>
    </Stack>
  );
}

function findCategory(categories: ReferenceTrackingCategory[], t: TrackingMapping) {
  return categories.find((c) => (t.categoryId ? c.categoryId === t.categoryId : c.name === t.categoryName));
}

/** A building shows as "Location - Building"; its option is named after the building only. */
function shortName(label: string): string {
  return label.includes(' - ') ? label.slice(label.lastIndexOf(' - ') + 3) : label;
}
