import { Button, Group, Select } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useEffect, useState } from 'react';
import type { BuildingSummary, LocationSummary, ReportKind, ReportStatusFilter } from '../../../contract';
import { call } from '../../api-client';
import { SEARCH_BY, STATUS_FILTER, type FilterDraft } from './report-types';

interface Props {
  initial: FilterDraft;
  loading: boolean;
  onSubmit: (filter: FilterDraft) => void;
}

const ALL = '';

/** Location, Building (narrowed by location), date range, Search by, Status, Get Report. */
export function ReportFilters({ initial, loading, onSubmit }: Props) {
  const [locations, setLocations] = useState<LocationSummary[]>([]);
  const [buildings, setBuildings] = useState<BuildingSummary[]>([]);
  const [locationId, setLocationId] = useState<string>(initial.locationId ? String(initial.locationId) : ALL);
  const [buildingId, setBuildingId] = useState<string>(initial.buildingId ? String(initial.buildingId) : ALL);
  const [range, setRange] = useState<DatesRangeValue<string>>([initial.from ?? null, initial.to ?? null]);
  const [kind, setKind] = useState<ReportKind>(initial.kind);
  const [status, setStatus] = useState<ReportStatusFilter>(initial.status);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    call('listLocations').then(setLocations, (e: Error) => setLoadError(e.message));
  }, []);
  useEffect(() => {
    (locationId ? call('listBuildings', Number(locationId)) : call('listBuildings')).then(setBuildings, (e: Error) => setLoadError(e.message));
  }, [locationId]);

  const submit = () =>
    onSubmit({
      kind,
      status,
      locationId: locationId ? Number(locationId) : undefined,
      buildingId: buildingId ? Number(buildingId) : undefined,
      from: range[0] ?? undefined,
      to: range[1] ?? undefined,
    });

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label="Location"
        w={200}
        data={[{ value: ALL, label: 'All locations' }, ...locations.map((l) => ({ value: String(l.id), label: l.name }))]}
        value={locationId}
        onChange={(v) => {
          setLocationId(v ?? ALL);
          setBuildingId(ALL);
        }}
        allowDeselect={false}
        error={loadError ?? undefined}
      />
      <Select
        label="Building"
        w={200}
        data={[{ value: ALL, label: 'All buildings' }, ...buildings.map((b) => ({ value: String(b.id), label: b.name }))]}
        value={buildingId}
        onChange={(v) => setBuildingId(v ?? ALL)}
        allowDeselect={false}
      />
      <DatePickerInput
        type="range"
        label="Date range"
        placeholder="Any date"
        w={250}
        value={range}
        onChange={setRange}
        clearable
        valueFormat="YYYY-MM-DD"
      />
      <Select label="Search by" w={140} data={SEARCH_BY} value={kind} onChange={(v) => v && setKind(v as ReportKind)} allowDeselect={false} />
      <Select
        label="Status"
        w={140}
        data={STATUS_FILTER}
        value={status}
        onChange={(v) => v && setStatus(v as ReportStatusFilter)}
        allowDeselect={false}
      />
      <Button onClick={submit} loading={loading}>
        Get Report
      </Button>
    </Group>
  );
}
