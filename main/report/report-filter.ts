import { kindOfPlural } from '../../contract/record-kinds';
import type { ReportFilter } from '../../contract';

/** The report filter as SQL conditions on sync_records (the report page, its counts, "select all matching"). */
export function reportFilterWhere(filter: Omit<ReportFilter, 'cursor' | 'limit' | 'status'>): { where: string[]; params: Record<string, string | number> } {
  const where = ['kind = @kind'];
  const params: Record<string, string | number> = { kind: kindOfPlural(filter.kind) };
  if (filter.buildingId !== undefined) {
    where.push('building_id = @building');
    params.building = filter.buildingId;
  }
  if (filter.locationId !== undefined) {
    where.push('location_id = @location');
    params.location = filter.locationId;
  }
  if (filter.from) {
    where.push('record_date >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    where.push('record_date <= @to');
    params.to = filter.to;
  }
  return { where, params };
}
