import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  char,
} from 'drizzle-orm/pg-core';
import type { SeatFlag, SeatMap, VenueKind } from '@/lib/venues/seat-map';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const ticketStatus = pgEnum('ticket_status', ['available', 'reserved', 'sold']);
export const reservationStatus = pgEnum('reservation_status', ['active', 'released', 'expired', 'converted']);
export const bookingStatus = pgEnum('booking_status', ['pending', 'confirmed', 'failed', 'refunded', 'cancelled']);
// off: never queue; on: always queue from the on-sale; auto: queue once arrivals per minute pass
// the event's threshold.
export const queueMode = pgEnum('queue_mode', ['off', 'on', 'auto']);
// fan: everyone; operator: also reads the on-sale reports (granted by npm run users:grant-operator).
export const userRole = pgEnum('user_role', ['fan', 'operator']);

// The one declaration of each status: the rest of the code takes these types from here.
export type TicketStatus = (typeof ticketStatus.enumValues)[number];
export type ReservationStatus = (typeof reservationStatus.enumValues)[number];
export type BookingStatus = (typeof bookingStatus.enumValues)[number];
export type QueueMode = (typeof queueMode.enumValues)[number];
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('fan'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const performers = pgTable('performers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  genre: text('genre').notNull(),
  homeCity: text('home_city').notNull(),
  bio: text('bio').notNull().default(''),
  createdAt: createdAt(),
});

export const venues = pgTable('venues', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<VenueKind>().notNull(),
  address: text('address').notNull(),
  city: text('city').notNull(),
  // IANA zone: show times are printed in the venue's local time, wherever the fan is.
  timezone: text('timezone').notNull().default('UTC'),
  capacity: integer('capacity').notNull(),
  seatMap: jsonb('seat_map').$type<SeatMap>().notNull(),
  createdAt: createdAt(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    date: timestamp('date', { withTimezone: true }).notNull(),
    performerId: uuid('performer_id')
      .notNull()
      .references(() => performers.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    city: text('city').notNull(),
    category: text('category').notNull(),
    onSaleAt: timestamp('on_sale_at', { withTimezone: true }).notNull(),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    // Bumped in the transaction of every seat change so clients can spot a missed diff.
    seatVersion: bigint('seat_version', { mode: 'number' }).notNull().default(0),
    queueMode: queueMode('queue_mode').notNull().default('off'),
    queueOutflowPerMinute: integer('queue_outflow_per_minute').notNull().default(600),
    queueAdmissionWindowSeconds: integer('queue_admission_window_seconds').notNull().default(600),
    queueAutoThresholdPerMinute: integer('queue_auto_threshold_per_minute').notNull().default(3000),
    // The organiser's own id for an imported event (npm run catalogue:import): a re-import finds
    // the event by it instead of adding a second one.
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('events_external_id_idx').on(t.externalId),
    index('events_date_idx').on(t.date),
    index('events_city_date_idx').on(t.city, t.date),
    // Every server re-reads the (few) queued events every couple of seconds for the gate.
    index('events_queued_idx')
      .on(t.date)
      .where(sql`${t.queueMode} <> 'off'`),
  ],
);

export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    status: reservationStatus('status').notNull().default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Starting payment may extend a hold once, so a fan typing a card number keeps the seats.
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    // How often the fan asked for more time ("Need more time?"), capped by HOLD_EXTENSIONS_MAX.
    extensions: integer('extensions').notNull().default(0),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('reservations_user_event_idx').on(t.userId, t.eventId),
    index('reservations_active_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    seatIndex: integer('seat_index').notNull(),
    section: text('section').notNull(),
    row: text('row').notNull(),
    number: integer('number').notNull(),
    tier: text('tier').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: ticketStatus('status').notNull().default('available'),
    holdId: uuid('hold_id').references(() => reservations.id),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    bookingId: uuid('booking_id'),
    // The seat's flags from the venue's map (lib/venues/seat-flags.ts), copied when the ticket is
    // issued: hold_seats() refuses a companion seat without a wheelchair space in the same hold.
    seatFlags: text('seat_flags')
      .array()
      .$type<SeatFlag[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('tickets_event_seat_idx').on(t.eventId, t.section, t.row, t.number),
    uniqueIndex('tickets_event_seat_index_idx').on(t.eventId, t.seatIndex),
    index('tickets_event_status_idx').on(t.eventId, t.status),
    index('tickets_hold_idx')
      .on(t.holdId)
      .where(sql`${t.holdId} is not null`),
    // The sweeper's scan: only the (few) reserved rows, oldest expiry first.
    index('tickets_reserved_expiry_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'reserved'`),
    check('tickets_price_nonnegative', sql`${t.priceMinor} >= 0`),
    check('tickets_seat_flags_known', sql`${t.seatFlags} <@ array['wheelchair', 'companion', 'aisle', 'restricted']::text[]`),
    // A ticket's state and its references move together: a reserved ticket names its hold and
    // expiry, a sold one its booking, an available one nothing.
    check(
      'tickets_state_consistent',
      sql`(${t.status} = 'available' and ${t.holdId} is null and ${t.holdExpiresAt} is null and ${t.bookingId} is null)
       or (${t.status} = 'reserved' and ${t.holdId} is not null and ${t.holdExpiresAt} is not null and ${t.bookingId} is null)
       or (${t.status} = 'sold' and ${t.bookingId} is not null)`,
    ),
  ],
);

export const reservationTickets = pgTable(
  'reservation_tickets',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.ticketId] }), index('reservation_tickets_ticket_idx').on(t.ticketId)],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    status: bookingStatus('status').notNull().default('pending'),
    totalMinor: integer('total_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    stripeSessionId: text('stripe_session_id'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeRefundId: text('stripe_refund_id'),
    checkoutUrl: text('checkout_url'),
    // While a request opens a Checkout Session (outside any transaction): which attempt holds the
    // booking, and since when. A second request waits for it; a stale one is taken over.
    checkoutAttempt: uuid('checkout_attempt'),
    checkoutAttemptAt: timestamp('checkout_attempt_at', { withTimezone: true }),
    // Why a booking failed or was refunded, in words a fan can read on the booking page.
    statusReason: text('status_reason'),
    // When Stripe said the fan finished the checkout (money on its way, not yet confirmed). A
    // pending booking without it is a checkout opened and left: "Not paid", never "pending".
    paymentSubmittedAt: timestamp('payment_submitted_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_reservation_idx').on(t.reservationId),
    uniqueIndex('bookings_stripe_session_idx').on(t.stripeSessionId),
    index('bookings_user_idx').on(t.userId, t.createdAt),
  ],
);

// Stripe delivers at least once and in any order: a processed event id is never handled twice.
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

// One row per ticket sold. The primary key on ticket_id is the last line of defence against a
// double sale: even a buggy code path cannot record a second sale of the same ticket.
export const soldTickets = pgTable('sold_tickets', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id),
  bookingId: uuid('booking_id')
    .notNull()
    .references(() => bookings.id),
  soldAt: timestamp('sold_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type Performer = typeof performers.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type Event = typeof events.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type Reservation = typeof reservations.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type StripeEvent = typeof stripeEvents.$inferSelect;

// A fan waiting for seats of an event (any seat, or one section) at or below a price. `position`
// is the order of joining, the one order offers follow. One open entry per fan and event.
export const waitlistStatus = pgEnum('waitlist_status', ['waiting', 'offered', 'left', 'lapsed', 'accepted']);
export type WaitlistStatus = (typeof waitlistStatus.enumValues)[number];

export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    position: bigint('position', { mode: 'number' }).generatedAlwaysAsIdentity(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    quantity: integer('quantity').notNull(),
    maxPriceMinor: integer('max_price_minor').notNull(),
    section: text('section'),
    status: waitlistStatus('status').notNull().default('waiting'),
    // The hold made for this fan when seats were offered; it ends like any hold.
    offerReservationId: uuid('offer_reservation_id').references(() => reservations.id),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('waitlist_open_entry_idx')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    index('waitlist_event_queue_idx')
      .on(t.eventId, t.position)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    check('waitlist_quantity_positive', sql`${t.quantity} >= 1`),
    check('waitlist_price_nonnegative', sql`${t.maxPriceMinor} >= 0`),
  ],
);

// The dev mail driver's mailbox (lib/mail): shown at /dev/mail, never read in production.
export const devMail = pgTable(
  'dev_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dev_mail_created_idx').on(t.createdAt)],
);

export type WaitlistEntry = typeof waitlistEntries.$inferSelect;
export type DevMail = typeof devMail.$inferSelect;
