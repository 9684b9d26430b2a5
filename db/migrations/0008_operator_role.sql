CREATE TYPE "public"."user_role" AS ENUM('fan', 'operator');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "role" "user_role" DEFAULT 'fan' NOT NULL;