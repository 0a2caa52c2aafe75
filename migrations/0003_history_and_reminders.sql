CREATE TABLE "persona_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"persona_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"changes" json DEFAULT '[]'::json NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"team_id" text NOT NULL,
	"week" text NOT NULL,
	"recipient" text NOT NULL,
	"persona_ids" uuid[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"channel" text,
	"message_ts" text,
	"error" text,
	CONSTRAINT "reminder_deliveries_team_id_week_recipient_pk" PRIMARY KEY("team_id","week","recipient")
);
--> statement-breakpoint
CREATE TABLE "reminder_runs" (
	"team_id" text NOT NULL,
	"week" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reminder_runs_team_id_week_pk" PRIMARY KEY("team_id","week")
);
--> statement-breakpoint
ALTER TABLE "personas" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "persona_changes" ADD CONSTRAINT "persona_changes_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persona_changes_persona" ON "persona_changes" USING btree ("team_id","persona_id","at");--> statement-breakpoint
CREATE INDEX "reminder_deliveries_status" ON "reminder_deliveries" USING btree ("team_id","week","status");