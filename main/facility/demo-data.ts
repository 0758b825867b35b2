import type { ChargeTypeRow, CreditNoteReason, InvoiceStatus, LocationRow, PaymentMethod, PaymentStatus } from './types';

/**
 * Deterministic, realistic self-storage activity for demos, tests and benchmarks: same options,
 * same data. Rows carry external ids (like a facility export); writeDemoData resolves them.
 * Invoices ≈ 0.77 × tenants × months (half the tenants move in during the period), so 11,000
 * tenants over 12 months give about 100,000 invoices and as many payments.
 * Credits come from a second random stream, so adding them left the invoices and payments of a
 * seed as they were (apart from the amounts they change): move-in promotions (a negative "First
 * month half price" line), late fees waived (an adjustment credit note applied to the invoice, paid
 * less the fee), write-offs after a lien sale (the tenant's last unpaid invoice credited in full),
 * refunds of unused rent on move-out (a refund credit note paid back in full) and the odd
 * duplicate invoice issued by mistake and voided (never paid).
 * Money received before it is owed (issue 14) comes from a third stream: a third of the tenants who
 * move in during the period (about 15% of all) prepay 3 to 12 months of rent and insurance at
 * move-in (a prepayment, applied to each month's invoice by an allocation until it is used up; what
 * the invoice has beyond it is paid as usual). A quarter of the tenants move out in the last month:
 * a security deposit paid at move-in is given back (a credit note of reason refund on the deposit
 * charge type, and its refund), and so is what is left of a prepayment (a refund of the prepayment).
 */
export interface DemoOptions {
  seed: number;
  locations: number;
  tenants: number;
  months: number;
  /** Number of the first location (ids LOC-<n>); lets big data sets be generated a location at a time. */
  firstLocation?: number;
  /** Last month of activity, 'YYYY-MM' (default 2025-06); invoices after "today" never exist. */
  endMonth?: string;
}

export interface DemoBuilding { external_id: string; location: string; name: string; updated_at: string }
export interface DemoUnit { external_id: string; building: string; name: string; unit_type: string; updated_at: string }
export interface DemoTenant {
  external_id: string; location: string; unit: string; name: string; email: string; phone: string; updated_at: string;
}
export interface DemoLine {
  external_id: string; line_no: number; charge_type: string; description: string; quantity: number; unit_amount_cents: number;
}
export interface DemoInvoice {
  external_id: string; invoice_number: string; tenant: string; unit: string; issue_date: string; due_date: string;
  status: InvoiceStatus; updated_at: string; lines: DemoLine[];
}
export interface DemoCreditNote {
  external_id: string; credit_note_number: string; tenant: string; unit: string; invoice: string | null; issue_date: string;
  reason: CreditNoteReason; status: InvoiceStatus; updated_at: string; lines: DemoLine[];
}
/** A refund names one source: a credit note, or (issue 14) a prepayment by its payment id. */
export interface DemoRefund {
  external_id: string; credit_note: string | null; payment: string | null; paid_on: string; amount_cents: number; method: PaymentMethod; status: PaymentStatus;
  reference: string; updated_at: string;
}
export interface DemoPayment {
  external_id: string; invoice: string; paid_on: string; amount_cents: number; method: PaymentMethod; status: PaymentStatus;
  reference: string; updated_at: string;
}
/** A payments.csv row without an invoice: money the tenant paid before it is owed (issue 14). */
export interface DemoPrepayment {
  external_id: string; tenant: string; paid_on: string; amount_cents: number; method: PaymentMethod; status: PaymentStatus;
  reference: string; updated_at: string;
}
/** An allocations.csv row: a prepayment (by its payment id) applied to an invoice. */
export interface DemoAllocation {
  external_id: string; payment: string; invoice: string; amount_cents: number; allocated_on: string; status: PaymentStatus; updated_at: string;
}
export interface DemoData {
  locations: LocationRow[]; buildings: DemoBuilding[]; units: DemoUnit[]; chargeTypes: ChargeTypeRow[];
  tenants: DemoTenant[]; invoices: DemoInvoice[]; payments: DemoPayment[]; prepayments: DemoPrepayment[];
  creditNotes: DemoCreditNote[]; allocations: DemoAllocation[]; refunds: DemoRefund[];
}

const STAMP = '2024-01-01T00:00:00.000Z';
const SITES = [
  ['Sydney Central', 'AUD', 'Australia/Sydney'], ['Melbourne North', 'AUD', 'Australia/Melbourne'],
  ['Brisbane South', 'AUD', 'Australia/Brisbane'], ['Auckland East', 'NZD', 'Pacific/Auckland'],
  ['Perth Hills', 'AUD', 'Australia/Perth'], ['Wellington Harbour', 'NZD', 'Pacific/Auckland'],
] as const;
const UNIT_TYPES = [['5x5 Locker', 4900], ['5x10 Standard', 8900], ['10x10 Standard', 14500], ['10x20 Drive-up', 32900]] as const;
export const DEMO_CHARGE_TYPES: ChargeTypeRow[] = [
  { external_id: 'CT-RENT', name: 'Monthly Rent', kind: 'rent', updated_at: STAMP },
  { external_id: 'CT-INS', name: 'Contents Insurance', kind: 'insurance', updated_at: STAMP },
  { external_id: 'CT-LOCK', name: 'Disc Lock', kind: 'merchandise', updated_at: STAMP },
  { external_id: 'CT-BOX', name: 'Moving Boxes (10)', kind: 'merchandise', updated_at: STAMP },
  { external_id: 'CT-LATE', name: 'Late Fee', kind: 'fee', updated_at: STAMP },
  { external_id: 'CT-ADMIN', name: 'Admin Fee', kind: 'fee', updated_at: STAMP },
  { external_id: 'CT-DEP', name: 'Security Deposit', kind: 'deposit', updated_at: STAMP },
];
const FIRST = ['Olivia', 'Jack', 'Mia', 'Noah', 'Charlotte', 'William', 'Amelia', 'Oliver', 'Isla', 'Leo', 'Ava', 'Lucas', 'Grace', 'Henry', 'Chloe', 'Thomas'];
const LAST = ['Smith', 'Nguyen', 'Williams', 'Brown', 'Jones', 'Wilson', 'Taylor', 'Chen', 'Martin', 'Singh', "O'Brien", 'Patel', 'Walker', 'Kelly'];
const METHODS: readonly [PaymentMethod, number][] = [['credit_card', 45], ['debit_card', 15], ['online_banking', 28], ['cash', 8], ['cheque', 4]];

/** mulberry32: tiny, fast and good enough for demo data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

export function generateDemoData(options: DemoOptions): DemoData {
  const rnd = random(options.seed);
  // Credits draw from their own stream: the main stream, and so the invoices and payments, stay as before.
  const credit = random(options.seed ^ 0x5eed13);
  // Prepayments and deposit refunds (issue 14) from a third: the invoices of a seed keep their lines.
  const ahead = random(options.seed ^ 0x14a11c);
  const first = options.firstLocation ?? 1;
  const [endYear, endMon] = (options.endMonth ?? '2025-06').split('-').map(Number) as [number, number];
  const monthStart = (k: number) => isoDate(Date.UTC(endYear, endMon - 1 - (options.months - 1) + k, 1));
  const data: DemoData = { locations: [], buildings: [], units: [], chargeTypes: DEMO_CHARGE_TYPES, tenants: [], invoices: [], payments: [], prepayments: [], creditNotes: [], allocations: [], refunds: [],
  };

  for (let li = 0; li < options.locations; li++) {
    const n = first + li;
    const site = SITES[(n - 1) % SITES.length]!;
    const loc = `LOC-${n}`;
    data.locations.push({ external_id: loc, name: `${site[0]}${n > SITES.length ? ` ${n}` : ''} Storage`, currency: site[1], time_zone: site[2], updated_at: STAMP });
    const buildings = 2 + (n % 2);
    const tenantsHere = Math.floor(options.tenants / options.locations) + (li < options.tenants % options.locations ? 1 : 0);
    const units: DemoUnit[] = [];
    for (let b = 1; b <= buildings; b++) {
      const bld = `${loc}-B${b}`;
      data.buildings.push({ external_id: bld, location: loc, name: `Building ${String.fromCharCode(64 + b)}`, updated_at: STAMP });
      const perBuilding = Math.ceil(tenantsHere / buildings);
      for (let u = 1; u <= perBuilding; u++) {
        const type = UNIT_TYPES[(u * 7 + b) % UNIT_TYPES.length]!;
        units.push({ external_id: `${bld}-U${u}`, building: bld, name: `${String.fromCharCode(64 + b)}${100 + u}`, unit_type: type[0], updated_at: STAMP });
      }
    }
    data.units.push(...units);

    let invoiceNo = 0;
    let paymentNo = 0;
    let creditNo = 0;
    let voidNo = 0;
    let prepaymentNo = 0;
    let allocationNo = 0;
    const creditNote = (cn: Omit<DemoCreditNote, 'external_id' | 'credit_note_number' | 'status' | 'updated_at' | 'lines'>, description: string, cents: number, charge = 'CT-RENT') => {
      const external_id = `${loc}-CN-${++creditNo}`;
      const lines = [{ external_id: `${external_id}-1`, line_no: 1, charge_type: charge, description, quantity: 1, unit_amount_cents: cents }];
      data.creditNotes.push({ ...cn, external_id, credit_note_number: `${loc}-CN${100000 + creditNo}`, status: 'open', updated_at: `${cn.issue_date}T10:00:00.000Z`, lines });
      return external_id;
    };
    const prepayment = (tenant: string, paidOn: string, amount: number): DemoPrepayment => {
      const row: DemoPrepayment = {
        external_id: `${loc}-PRE-${++prepaymentNo}`, tenant, paid_on: paidOn, amount_cents: amount, method: pick(METHODS, ahead.next()),
        status: 'completed', reference: 'Rent paid in advance', updated_at: `${paidOn}T08:00:00.000Z`,
      };
      data.prepayments.push(row);
      return row;
    };
    const refund = (source: Pick<DemoRefund, 'credit_note' | 'payment'>, paidOn: string, amount: number, reference: string) => {
      const external_id = `${source.credit_note ?? source.payment}-R${data.refunds.filter((f) => f.credit_note === source.credit_note && f.payment === source.payment).length + 1}`;
      data.refunds.push({
        external_id, ...source, paid_on: paidOn, amount_cents: amount, method: pick(METHODS, ahead.next()), status: 'completed', reference, updated_at: `${paidOn}T12:00:00.000Z`,
      });
    };
    for (let t = 1; t <= tenantsHere; t++) {
      const unit = units[t - 1] ?? units[0]!;
      const rent = UNIT_TYPES.find((ut) => ut[0] === unit.unit_type)![1];
      const name = `${FIRST[rnd.int(FIRST.length)]} ${LAST[rnd.int(LAST.length)]}`;
      const tenant = `${loc}-T${t}`;
      const moveIn = rnd.chance(0.5) ? 0 : rnd.int(options.months);
      data.tenants.push({
        external_id: tenant, location: loc, unit: unit.external_id, name: `${name} (${tenant})`,
        email: rnd.chance(0.9) ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${t}@example.com` : '',
        phone: `04${String(10_000_000 + rnd.int(89_999_999))}`, updated_at: `${monthStart(moveIn)}T09:00:00.000Z`,
      });
      const insured = rnd.chance(0.7);
      let lateBefore = false;
      // Whether the last month was paid late as the payments stream drew it, prepaid or not: the credits stream draws on it, so a
      // prepayment leaves every credit of the seed as it was (lateBefore is what the tenant really owes a fee for).
      let lateDrawn = false;
      // Half price for the first month: a promotion for tenants who move in during the period.
      const promotion = moveIn > 0 && credit.chance(0.3);
      let last: Bill | undefined;
      let moveInBill: Bill | undefined;
      let deposit = 0;
      // Rent and insurance paid ahead at move-in, applied month by month until used up.
      const monthly = rent + (insured ? 1250 : 0);
      const prepaid = moveIn > 0 && ahead.chance(0.33) ? prepayment(tenant, monthStart(moveIn), monthly * (3 + ahead.int(10))) : undefined;
      let unapplied = prepaid?.amount_cents ?? 0;
      for (let m = moveIn; m < options.months; m++) {
        const issue = monthStart(m);
        const inv = `${loc}-INV-${++invoiceNo}`;
        const lines: DemoLine[] = [];
        const add = (charge: string, description: string, cents: number, quantity = 1) =>
          lines.push({ external_id: `${inv}-${lines.length + 1}`, line_no: lines.length + 1, charge_type: charge, description, quantity, unit_amount_cents: cents });
        add('CT-RENT', `Rent ${unit.name}, ${issue.slice(0, 7)}`, rent);
        if (insured) add('CT-INS', 'Contents insurance', 1250);
        if (m === moveIn) {
          if (promotion) add('CT-RENT', 'First month half price', -Math.round(rent / 2));
          add('CT-ADMIN', 'Admin fee', 2000);
          if (rnd.chance(0.3)) {
            add('CT-DEP', 'Security deposit', rent);
            deposit = rent;
          }
          if (rnd.chance(0.4)) add('CT-LOCK', 'Disc lock', 1995);
        } else if (rnd.chance(0.05)) add('CT-BOX', 'Moving boxes', 2450, 1 + rnd.int(3));
        if (lateBefore) add('CT-LATE', 'Late payment fee', 1500);
        const invoiceTotal = lines.reduce((s, l) => s + l.quantity * l.unit_amount_cents, 0);
        const due = addDays(issue, 7);
        data.invoices.push({ external_id: inv, invoice_number: `${loc}-${100000 + invoiceNo}`, tenant, unit: unit.external_id, issue_date: issue, due_date: due, status: 'open', updated_at: `${issue}T08:00:00.000Z`, lines });
        // A duplicate issued by mistake, voided the same day and never paid.
        if (credit.chance(0.01)) {
          const dup = `${loc}-VOID-${++voidNo}`;
          data.invoices.push({
            external_id: dup, invoice_number: `${loc}-V${100000 + voidNo}`, tenant, unit: unit.external_id, issue_date: issue, due_date: due, status: 'void',
            updated_at: `${issue}T08:30:00.000Z`, lines: lines.map((l) => ({ ...l, external_id: `${dup}-${l.line_no}` })),
          });
        }
        // A late fee waived: the correction is applied to the invoice and the tenant pays the rest.
        const waived: number = lateDrawn && credit.chance(0.2) && lateBefore ? 1500 : 0;
        if (waived) {
          creditNote({ tenant, unit: unit.external_id, invoice: inv, issue_date: addDays(issue, 1), reason: 'adjustment' }, 'Late fee waived', waived, 'CT-LATE');
        }
        const total: number = invoiceTotal - waived;
        // The month's rent and insurance come out of the prepayment first; the tenant pays what is left as usual.
        const applied = Math.min(unapplied, monthly, total);
        if (prepaid && applied > 0) {
          unapplied -= applied;
          data.allocations.push({
            external_id: `${loc}-ALC-${++allocationNo}`, payment: prepaid.external_id, invoice: inv, amount_cents: applied, allocated_on: issue,
            status: 'completed', updated_at: `${issue}T08:05:00.000Z`,
          });
        }
        const toPay: number = total - applied;
        const bill: Bill = { inv, total, paid: applied, paidAsDrawn: 0, issue };
        last = bill;
        moveInBill ??= bill;

        // Payment behaviour: most pay on time, some late, some in two parts, recent ones may be overdue.
        const recent = m >= options.months - 2;
        const roll = rnd.next();
        lateBefore = false;
        lateDrawn = false;
        // Draws the same numbers whether or not there is anything to pay, so a prepaid month leaves the later data as it was;
        // `drawn` is what the payment would have been without the prepayment (Bill.paidAsDrawn).
        const pay = (amount: number, drawn: number, day: string, status: PaymentStatus = 'completed') => {
          const method = pick(METHODS, rnd.next());
          const reference = method === 'cheque' ? `CHQ ${100000 + rnd.int(900000)}` : `${inv}`;
          if (status === 'completed') bill.paidAsDrawn += drawn;
          if (amount <= 0) return;
          data.payments.push({ external_id: `${loc}-PAY-${++paymentNo}`, invoice: inv, paid_on: day, amount_cents: amount, method, status, reference, updated_at: `${day}T12:00:00.000Z` });
          if (status === 'completed') bill.paid += amount;
        };
        if (roll < 0.06) {
          const share = 0.3 + rnd.next() * 0.4;
          const part = Math.round(toPay * share);
          const drawn = Math.round(total * share);
          pay(part, drawn, addDays(issue, rnd.int(7)));
          if (!recent) pay(toPay - part, total - drawn, addDays(issue, 10 + rnd.int(20)));
          lateBefore = toPay > 0;
          lateDrawn = true;
        } else if (recent && roll < 0.18) {
          continue; // overdue: nothing paid yet
        } else if (roll < 0.13) {
          pay(toPay, total, addDays(due, 3 + rnd.int(20)));
          lateBefore = toPay > 0;
          lateDrawn = true;
        } else {
          pay(toPay, total, addDays(issue, rnd.int(7)), rnd.chance(0.01) ? 'reversed' : 'completed');
        }
      }
      // A quarter of the tenants move out in the last month: a deposit paid at move-in is given back, and any prepaid rent left.
      const movesOut = ahead.chance(0.25) && last !== undefined;
      if (movesOut && last) {
        const moveOut = addDays(last.issue, 20);
        if (deposit > 0 && moveInBill !== undefined && moveInBill.paid === moveInBill.total) {
          const cn = creditNote({ tenant, unit: unit.external_id, invoice: null, issue_date: moveOut, reason: 'refund' }, `Security deposit returned, ${unit.name}`, deposit, 'CT-DEP');
          refund({ credit_note: cn, payment: null }, addDays(moveOut, 2), deposit, `Deposit ${cn}`);
        }
        if (prepaid && unapplied > 0) refund({ credit_note: null, payment: prepaid.external_id }, addDays(moveOut, 2), unapplied, `Prepaid rent ${prepaid.external_id}`);
      }
      // How some stays end in the period's last month: a lien sale, or a move-out.
      if (!last || last.issue !== monthStart(options.months - 1)) continue;
      // Drawn on what the payments would have been without a prepayment, so the credits stream stays as it was.
      if (last.paidAsDrawn === 0 && last.total > 0 && credit.chance(0.3)) {
      // Goods sold at a lien sale: what is left of the last unpaid invoice (after any prepaid rent) is written off.
      if (last.paid < last.total) {
        creditNote({ tenant, unit: unit.external_id, invoice: last.inv, issue_date: addDays(last.issue, 26), reason: 'write_off' }, 'Written off after lien sale', last.total - last.paid);
      }
    } else if (last.paidAsDrawn === last.total && credit.chance(0.05)) {
      // Moved out mid-month, rent paid in advance: the unused days are credited and paid back.
      const days = 5 + credit.int(20);
      const moveOut = addDays(last.issue, 30 - days);
      const amount = Math.round((rent * days) / 30);
      const cn = creditNote({ tenant, unit: unit.external_id, invoice: null, issue_date: moveOut, reason: 'refund' }, `Unused rent ${unit.name}, ${days} days`, amount);
      const method = pick(METHODS, credit.next());
      const paidOn = addDays(moveOut, 2);
      data.refunds.push({ external_id: `${cn}-R1`, credit_note: cn, payment: null, paid_on: paidOn, amount_cents: amount, method, status: 'completed', reference: `Refund ${cn}`, updated_at: `${paidOn}T12:00:00.000Z` });
      }
    }
  }
  return data;
}

/**
 * An invoice as it stands for its tenant: what is owed and what was paid (payments and prepaid rent
 * applied); paidAsDrawn, what its payments would have paid without a prepayment (the credits stream draws on it).
 */
interface Bill { inv: string; total: number; paid: number; paidAsDrawn: number; issue: string }

function pick<T>(weighted: readonly [T, number][], r: number): T {
  let x = r * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[0]![0];
}
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}
