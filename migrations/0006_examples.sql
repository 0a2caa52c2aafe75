CREATE TABLE "review_examples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"text_hash" text NOT NULL,
	"persona_id" uuid,
	"jobs" text[] DEFAULT '{}'::text[] NOT NULL,
	"jobs_known" boolean DEFAULT false NOT NULL,
	"ad_channel" text,
	"external_id" text,
	"source" text NOT NULL,
	"source_ref" text,
	"draft_text" text,
	"model" text,
	"vector" real[],
	"terms" json DEFAULT '[]'::json NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "correction" text;--> statement-breakpoint
ALTER TABLE "review_examples" ADD CONSTRAINT "review_examples_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_examples_team_text" ON "review_examples" USING btree ("team_id","text_hash");--> statement-breakpoint
CREATE INDEX "review_examples_team_persona" ON "review_examples" USING btree ("team_id","persona_id");