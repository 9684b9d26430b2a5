ALTER TABLE "bookings" ADD COLUMN "checkout_attempt" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "checkout_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "events_external_id_idx" ON "events" USING btree ("external_id");