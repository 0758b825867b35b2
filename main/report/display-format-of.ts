/**
 * The locale, time zone and currency the app shows things in (contract/display-format.ts):
 * the locations' own (the time zone most of them use, and its country's locale), and the
 * connected organisation's base currency from the reference-data mirror, else the locations'.
 * Read each time it is needed: an import or a new organisation changes it.
 */
import { FALLBACK_DISPLAY_FORMAT, localeOfLocation, type DisplayFormat } from '../../contract/display-format';
import type { Db } from '../db/open-database';

interface LocationRow { time_zone: string; currency: string; n: number }

export function displayFormatOf(db: Db): DisplayFormat {
  // The most common time zone (then currency) among the locations; ties go to the earliest imported.
  const place = db
    .prepare(
      `SELECT time_zone, currency, count(*) AS n FROM locations
       GROUP BY time_zone, currency ORDER BY n DESC, min(id) LIMIT 1`,
    )
    .get() as LocationRow | undefined;
  const org = db.prepare('SELECT base_currency FROM xero_organisation WHERE singleton = 1').pluck().get() as string | undefined;
  const timeZone = place?.time_zone || FALLBACK_DISPLAY_FORMAT.timeZone;
  const currency = (org && /^[A-Z]{3}$/.test(org) ? org : place?.currency) || FALLBACK_DISPLAY_FORMAT.currency;
  return { locale: place ? localeOfLocation({ timeZone, currency: place.currency }) : localeOfLocation({ timeZone, currency }), timeZone, currency };
}
