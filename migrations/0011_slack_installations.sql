CREATE TABLE "slack_installations" (
	"install_key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"app_id" text,
	"bot_id" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"bot_token_enc" text NOT NULL,
	"key_id" text NOT NULL,
	"installer_user_id" text,
	"installed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_installations_enterprise" ON "slack_installations" USING btree ("enterprise_id");