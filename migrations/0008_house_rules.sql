CREATE TABLE "house_rules" (
	"team_id" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"body" text NOT NULL,
	"rules" json NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
