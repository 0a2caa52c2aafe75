CREATE TABLE "handled_actions" (
	"team_id" text NOT NULL,
	"action_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "handled_actions_team_id_action_key_pk" PRIMARY KEY("team_id","action_key")
);
--> statement-breakpoint
CREATE INDEX "handled_actions_team_at" ON "handled_actions" USING btree ("team_id","at");