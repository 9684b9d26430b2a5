CREATE TYPE "public"."queue_mode" AS ENUM('off', 'on', 'auto');--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "stripe_session_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "stripe_payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "stripe_refund_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "checkout_url" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "queue_mode" "queue_mode" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "queue_outflow_per_minute" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "queue_admission_window_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "queue_auto_threshold_per_minute" integer DEFAULT 3000 NOT NULL;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "extended_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_stripe_session_idx" ON "bookings" USING btree ("stripe_session_id");