CREATE TABLE "campaign_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"ad_key" text NOT NULL,
	"text" text NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"impressions" integer NOT NULL,
	"clicks" integer NOT NULL,
	"conversions" integer NOT NULL,
	"spend" double precision,
	"campaign" text,
	"persona_given" text,
	"persona" text,
	"attribution" jsonb NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_results_counts_check" CHECK ("campaign_results"."impressions" >= 0 and "campaign_results"."clicks" >= 0 and "campaign_results"."conversions" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_results_ad_day" ON "campaign_results" USING btree ("team_id","ad_key","day","channel");--> statement-breakpoint
CREATE INDEX "campaign_results_team_persona" ON "campaign_results" USING btree ("team_id","persona");