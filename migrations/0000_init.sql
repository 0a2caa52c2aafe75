CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"persona_id" uuid NOT NULL,
	"source" text NOT NULL,
	"ref" text NOT NULL,
	"date" date,
	"position" integer NOT NULL,
	CONSTRAINT "evidence_source_check" CHECK ("evidence"."source" in ('interview', 'survey', 'support_ticket', 'analytics', 'other'))
);
--> statement-breakpoint
CREATE TABLE "gains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"persona_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"relevance" smallint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "gains_kind_check" CHECK ("gains"."kind" in ('required', 'expected', 'desired', 'unexpected')),
	CONSTRAINT "gains_relevance_check" CHECK ("gains"."relevance" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"kind" text NOT NULL,
	"statement" text NOT NULL,
	"statement_key" text NOT NULL,
	"situation" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_kind_check" CHECK ("jobs"."kind" in ('functional', 'emotional', 'social'))
);
--> statement-breakpoint
CREATE TABLE "pains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"persona_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"severity" smallint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "pains_kind_check" CHECK ("pains"."kind" in ('undesired_outcome', 'obstacle', 'risk')),
	CONSTRAINT "pains_severity_check" CHECK ("pains"."severity" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "persona_jobs" (
	"team_id" text NOT NULL,
	"persona_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"importance" smallint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "persona_jobs_persona_id_job_id_pk" PRIMARY KEY("persona_id","job_id"),
	CONSTRAINT "persona_jobs_importance_check" CHECK ("persona_jobs"."importance" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"product" text,
	"owner" text,
	"demographics" json DEFAULT '{}'::json NOT NULL,
	"psychographics" json DEFAULT '{}'::json NOT NULL,
	"sociographics" json DEFAULT '{}'::json NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"quote" text,
	"success_metric" text,
	"constraints" text[] DEFAULT '{}'::text[] NOT NULL,
	"reviewed_at" date NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gains" ADD CONSTRAINT "gains_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pains" ADD CONSTRAINT "pains_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_jobs" ADD CONSTRAINT "persona_jobs_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_jobs" ADD CONSTRAINT "persona_jobs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_persona" ON "evidence" USING btree ("persona_id");--> statement-breakpoint
CREATE INDEX "gains_persona" ON "gains" USING btree ("persona_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_team_statement_key" ON "jobs" USING btree ("team_id","statement_key");--> statement-breakpoint
CREATE INDEX "pains_persona" ON "pains" USING btree ("persona_id");--> statement-breakpoint
CREATE INDEX "persona_jobs_job" ON "persona_jobs" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personas_team_name_key" ON "personas" USING btree ("team_id","name_key");--> statement-breakpoint
CREATE INDEX "personas_team_owner" ON "personas" USING btree ("team_id","owner");