/**
 * Where the report files a record (its sync record's location and building). An invoice is filed
 * under its unit's building and that building's location, or its tenant's location when it has no
 * unit; a payment under its invoice's place. `i` names the invoice in the joins.
 */
export const INVOICE_PLACE_JOINS = /* sql */ `JOIN tenants AS pt ON pt.id = i.tenant_id
  LEFT JOIN units AS pu ON pu.id = i.unit_id LEFT JOIN buildings AS pb ON pb.id = pu.building_id`;

export const INVOICE_PLACE_COLUMNS = /* sql */ 'COALESCE(pb.location_id, pt.location_id) AS location_id, pu.building_id AS building_id';
