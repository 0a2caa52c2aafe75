CREATE TABLE "channel_settings" (
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"ad_channel" text,
	"autoreview" boolean DEFAULT false NOT NULL,
	"autoreview_by" text,
	"default_persona" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_settings_team_id_channel_id_pk" PRIMARY KEY("team_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"team_id" text NOT NULL,
	"event_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "processed_events_team_id_event_id_pk" PRIMARY KEY("team_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"message_ts" text NOT NULL,
	"persona_key" text NOT NULL,
	"ad_channel_key" text NOT NULL,
	"requested_by" text NOT NULL,
	"source" text NOT NULL,
	"reply_ts" text,
	"text_hash" text NOT NULL,
	"draft_text" text,
	"persona_name" text,
	"fit" integer,
	"match" text,
	"ad_channel" text NOT NULL,
	"verdict" text NOT NULL,
	"jobs_addressed" integer NOT NULL,
	"findings" json DEFAULT '[]'::json NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_target" ON "reviews" USING btree ("team_id","channel_id","message_ts","persona_key","ad_channel_key");--> statement-breakpoint
CREATE INDEX "reviews_recent" ON "reviews" USING btree ("team_id","created_at");